package convert

import (
	"fmt"
	"html"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Synthetic reports of both formats, with random values (fixed seeds) that
// keep the tables' arithmetic, label variants from formats.md injected, and
// invented agencies, rendered by this test into the layouts real reports
// come in. Layouts with separators must give back every cell; glued text
// must give every cell right or leave it missing with an ambiguous_split
// note — never a wrong number.

// synthRow is a table row: its label as printed and its cells' ids (nil for
// a group label or a title/header row, whose cells are in hdr).
type synthRow struct {
	label string
	ids   []string
	hdr   []string
	group bool
}

type synthReport struct {
	format string
	year   int
	agency string
	// omitHead leaves a section heading out; omitTable leaves a section's
	// table out (by section id).
	omitHead, omitTable map[string]bool
	vals                map[string]float64
	text                map[string]string // value as printed
	t2, t3              []synthRow
	t4hdr               [][]string
	t4ids               []string
}

var synthAgencies = []string{"青禾县人民政府", "临川市白鹭区人民政府", "云岭市人民政府办公室", "海棠新区管理委员会"}

// pickVariant prints a label as published: canonical, or a variant that
// keeps its ordinal, with spacing and numbering variants.
func pickVariant(rng *rand.Rand, label string, variants []string) string {
	var ok []string
	for _, v := range variants {
		if reFragStart.MatchString(schema.Normalize(v)) {
			ok = append(ok, v)
		}
	}
	out := label
	if len(ok) > 0 && rng.Intn(3) == 0 {
		out = ok[rng.Intn(len(ok))]
	}
	switch rng.Intn(6) {
	case 0:
		out = strings.Replace(out, ".", "、", 1)
	case 1:
		// A stray space inside the label (（四）无法提 供).
		r := []rune(out)
		if len(r) > 6 {
			k := 4 + rng.Intn(len(r)-5)
			out = string(r[:k]) + " " + string(r[k:])
		}
	}
	return out
}

func newSynth(seed int64, format string) *synthReport {
	rng := rand.New(rand.NewSource(seed))
	f := schema.Get(format)
	s := &synthReport{format: format, vals: map[string]float64{}, text: map[string]string{},
		agency: synthAgencies[rng.Intn(len(synthAgencies))]}
	s.year = 2019 + rng.Intn(2)
	if format == schema.F2021 {
		s.year = 2021 + rng.Intn(4)
	}
	set := func(id string, v float64, printed string) {
		s.vals[id] = v
		s.text[id] = printed
	}
	count := func(max int) int {
		if rng.Intn(3) == 0 {
			return 0
		}
		return rng.Intn(max + 1)
	}
	// 表二.
	for _, b := range f.T2 {
		hdr := []string{schema.T2ContentHeader}
		for _, c := range b.Cols {
			hdr = append(hdr, c.Label)
		}
		s.t2 = append(s.t2, synthRow{hdr: []string{b.Title}}, synthRow{hdr: hdr})
		for _, r := range b.Rows {
			row := synthRow{label: pickVariant(rng, r.Label, r.Variants)}
			for _, c := range b.Cols {
				id := "t2." + r.ID + "." + c.ID
				row.ids = append(row.ids, id)
				switch c.Kind {
				case schema.SignedCount:
					v := rng.Intn(41) - 20
					set(id, float64(v), fmt.Sprint(v))
				case schema.Amount:
					cents := rng.Intn(5000000)
					v := float64(cents) / 100
					p := report.FormatNumber(v)
					if format == schema.F2019 {
						p += "万元"
					}
					set(id, v, p)
				default:
					v := count([]int{10, 100, 5000}[rng.Intn(3)])
					set(id, float64(v), fmt.Sprint(v))
				}
			}
			s.t2 = append(s.t2, row)
		}
	}
	// 表三: result rows first, then the totals and the balance.
	cols := f.T3Cols
	rows := f.T3DataRows(nil)
	sumCol := map[string]int{}
	put := func(rid string, vs []int) {
		tot := 0
		for i, c := range cols[:6] {
			set("t3."+rid+"."+c.ID, float64(vs[i]), fmt.Sprint(vs[i]))
			tot += vs[i]
		}
		set("t3."+rid+".total", float64(tot), fmt.Sprint(tot))
	}
	rand6 := func() []int {
		vs := make([]int, 6)
		vs[0] = count(40)
		for i := 1; i < 6; i++ {
			if rng.Intn(4) == 0 {
				vs[i] = count(5)
			}
		}
		return vs
	}
	for _, r := range rows {
		if r.Result {
			vs := rand6()
			put(r.ID, vs)
			for i, c := range cols[:6] {
				sumCol[c.ID] += vs[i]
			}
		}
	}
	rt := make([]int, 6)
	for i, c := range cols[:6] {
		rt[i] = sumCol[c.ID]
	}
	put("result_total", rt)
	cf, co, nr := make([]int, 6), make([]int, 6), make([]int, 6)
	for i := range cols[:6] {
		cf[i] = count(6)
		co[i] = rng.Intn(rt[i] + cf[i] + 1)
		if rng.Intn(2) == 0 {
			co[i] = 0
		}
		nr[i] = rt[i] + cf[i] - co[i]
	}
	put("carry_forward", cf)
	put("carried_over", co)
	put("new_received", nr)
	for _, r := range f.T3Rows {
		if r.IsGroup {
			s.t3 = append(s.t3, synthRow{label: pickVariant(rng, r.Label, r.Variants), group: true})
			continue
		}
		row := synthRow{label: pickVariant(rng, r.Label, r.Variants)}
		for _, c := range cols {
			row.ids = append(row.ids, "t3."+r.ID+"."+c.ID)
		}
		s.t3 = append(s.t3, row)
	}
	// 表四.
	s.t4hdr = [][]string{{schema.T4Review, schema.T4Litigation}, {"未经复议直接起诉", "复议后起诉"}}
	var leaf []string
	for _, g := range f.T4Groups {
		tot := 0
		for _, c := range f.T4Cols {
			id := "t4." + g.ID + "." + c.ID
			s.t4ids = append(s.t4ids, id)
			leaf = append(leaf, c.Label)
			if c.ID == "total" {
				set(id, float64(tot), fmt.Sprint(tot))
				continue
			}
			v := count(4)
			tot += v
			set(id, float64(v), fmt.Sprint(v))
		}
	}
	s.t4hdr = append(s.t4hdr, leaf)
	return s
}

// tableSec is the section id whose table is printed, or "" when omitted.
func (s *synthReport) tableSec(id string) string {
	if s.omitTable[id] {
		return ""
	}
	return id
}

func (s *synthReport) title() string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", s.agency, s.year)
}

func (s *synthReport) narrative(id string) string {
	switch id {
	case "s1":
		return fmt.Sprintf("%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。", s.year, s.agency)
	case "s5":
		return "主要问题是政策解读形式较为单一。下一步将丰富解读形式，提升公开质量。"
	case "s6":
		return "本年度未收取信息处理费。"
	}
	return ""
}

func (s *synthReport) heading(id string) string {
	sec, _ := schema.Get(s.format).SectionByID(id)
	return sec.Heading
}

// rowCells returns a row's printed cells (label first).
func (s *synthReport) cells(r synthRow) []string {
	if r.hdr != nil {
		return r.hdr
	}
	out := []string{r.label}
	for _, id := range r.ids {
		out = append(out, s.text[id])
	}
	return out
}

// renderSeparated prints the report with each table row as cells joined by
// a layout function (one or more lines per row).
func (s *synthReport) renderSeparated(row func(cells []string) []string) string {
	var b []string
	b = append(b, s.title(), "本报告依据《中华人民共和国政府信息公开条例》编制。")
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
		if !s.omitHead[id] {
			b = append(b, s.heading(id))
		}
		if t := s.narrative(id); t != "" {
			b = append(b, t)
		}
		switch s.tableSec(id) {
		case "s2":
			for _, r := range s.t2 {
				b = append(b, row(s.cells(r))...)
			}
		case "s3":
			b = append(b, row([]string{schema.T3Note, schema.T3Applicant})...)
			var pendingGroup string
			for _, r := range s.t3 {
				if r.group {
					pendingGroup = r.label
					continue
				}
				c := s.cells(r)
				if pendingGroup != "" && r.ids != nil {
					c = append([]string{pendingGroup}, c...)
					pendingGroup = ""
				}
				b = append(b, row(c)...)
			}
		case "s4":
			for _, h := range s.t4hdr {
				b = append(b, row(h)...)
			}
			var v []string
			for _, id := range s.t4ids {
				v = append(v, s.text[id])
			}
			b = append(b, row(v)...)
		}
	}
	return strings.Join(b, "\n") + "\n"
}

// pad right-pads to a width in characters: pdftotext -layout puts every
// character, CJK included, in one column of its grid.
func pad(s string, w int) string {
	n := len([]rune(s))
	if n >= w {
		return s + "  "
	}
	return s + strings.Repeat(" ", w-n)
}

// chunks cuts a label into pieces of n runes.
func chunks(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

// renderPDF prints the report as pdftotext would: raw selects `-raw`
// (single spaces, one row per line, vertical label one character per line,
// group label and first item on one line); otherwise `-layout` (columns
// padded with spaces, long labels wrapped over lines with the numbers before,
// between or after the fragments, group labels on their own line between
// their items, the vertical label mid-block, a page break with the header
// repeated).
func (s *synthReport) renderPDF(rng *rand.Rand, raw bool) string {
	var b []string
	vals := func(ids []string) string {
		var v []string
		for _, id := range ids {
			if raw {
				v = append(v, s.text[id])
			} else {
				v = append(v, fmt.Sprintf("%6s", s.text[id]))
			}
		}
		if raw {
			return strings.Join(v, " ")
		}
		return strings.Join(v, "   ")
	}
	line := func(label string, ids []string) []string {
		if raw {
			if len([]rune(label)) > 20 && rng.Intn(2) == 0 {
				c := chunks(label, 16)
				return append(c[:len(c)-1], c[len(c)-1]+" "+vals(ids))
			}
			return []string{label + " " + vals(ids)}
		}
		if len([]rune(label)) <= 16 {
			return []string{"      " + pad(label, 26) + vals(ids)}
		}
		c := chunks(label, 14)
		at := rng.Intn(len(c) + 1) // values before, between or after the fragments
		var out []string
		for i := 0; i <= len(c); i++ {
			if i == at {
				if i < len(c) {
					out = append(out, "      "+pad(c[i], 26)+vals(ids))
					continue
				}
				out = append(out, strings.Repeat(" ", 32)+vals(ids))
				continue
			}
			if i < len(c) {
				out = append(out, "      "+c[i])
			}
		}
		return out
	}
	hdr := func(words []string) string {
		if raw {
			return strings.Join(words, " ")
		}
		return "        " + strings.Join(words, "     ")
	}
	b = append(b, "        "+s.title(), "   本报告依据《中华人民共和国政府信息公开条例》编制。")
	page := 1
	pageBreak := func() {
		if raw {
			b = append(b, fmt.Sprintf("\f- %d -", page))
		} else {
			if page%2 == 0 {
				b = append(b, "", fmt.Sprintf("                                   %d", page), "\f")
			} else {
				b = append(b, "", fmt.Sprintf("                                   -%d-", page), "\f")
			}
		}
		page++
	}
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
		if !s.omitHead[id] {
			b = append(b, "   "+s.heading(id))
		}
		if t := s.narrative(id); t != "" {
			b = append(b, "   "+t)
		}
		switch s.tableSec(id) {
		case "s2":
			for i, r := range s.t2 {
				switch {
				case raw && r.hdr != nil:
					b = append(b, hdr(r.hdr))
				case raw:
					b = append(b, line(r.label, r.ids)...)
				case len(r.hdr) == 1:
					b = append(b, "              "+r.hdr[0])
				case r.hdr != nil:
					// Header words centred over their columns of 16.
					ln := "      " + pad(r.hdr[0], 26)
					for _, w := range r.hdr[1:] {
						n := len([]rune(w))
						left := (16 - n) / 2
						if left < 1 {
							left = 1
						}
						ln += strings.Repeat(" ", left) + w + strings.Repeat(" ", max(16-left-n, 1))
					}
					b = append(b, ln)
				default:
					ln := "      " + pad(r.label, 26)
					for _, id := range r.ids {
						ln += fmt.Sprintf("%10s      ", s.text[id])
					}
					b = append(b, ln)
				}
				if i == 5 {
					pageBreak()
				}
			}
		case "s3":
			b = append(b, hdr([]string{"（本列数据的勾稽关系为：第一项加第二项之和，"}), hdr([]string{"等于第三项加第四项之和）", schema.T3Applicant}),
				hdr([]string{"自然人", schema.T3LegalPersons, "总计"}), hdr([]string{"商业企", "科研机", "社会公益", "法律服务", "其他"}), hdr([]string{"业", "构", "组织", "机构"}))
			var group string
			items := 0
			for i, r := range s.t3 {
				if r.group {
					group = r.label
					items = 0
					if raw {
						if schema.Normalize(r.label) == vertNorm {
							for _, ch := range r.label {
								b = append(b, string(ch))
							}
							group = ""
						}
					}
					continue
				}
				l := line(r.label, r.ids)
				if raw && group != "" {
					if rng.Intn(2) == 0 {
						l[0] = group + " " + l[0]
					} else {
						b = append(b, group)
					}
					group = ""
				}
				b = append(b, l...)
				items++
				if !raw && group != "" && items == 2 {
					// The group label lands between its items.
					if schema.Normalize(group) == vertNorm {
						b = append(b, " 三 、本 年 度办 理 结果")
					} else {
						b = append(b, "   "+group)
					}
					group = ""
				}
				if !raw && group != "" && i+1 < len(s.t3) && (s.t3[i+1].group || s.t3[i+1].ids == nil) {
					b = append(b, "   "+group)
					group = ""
				}
				if i == 12 {
					pageBreak()
					if !raw {
						b = append(b, hdr([]string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}))
					}
				}
			}
			if group != "" {
				b = append(b, "   "+group)
			}
		case "s4":
			for _, h := range s.t4hdr {
				b = append(b, hdr(h))
			}
			b = append(b, vals(s.t4ids))
		}
	}
	return strings.Join(b, "\n") + "\n"
}

// renderGlued prints the report as a crawler dumps a web page: a header
// block, then everything on one line with the cells glued together;
// sporadic puts a space between some cells (from &nbsp; and <p>).
func (s *synthReport) renderGlued(rng *rand.Rand, sporadic bool) string {
	var b strings.Builder
	b.WriteString("标题: " + s.title() + "\n发布时间: 2024-03-01 09:00\n原文链接: https://www.example.gov.cn/zwgk/nb/1.htm\n==================== 正文 ====================\n")
	b.WriteString(s.title() + " 本报告依据《中华人民共和国政府信息公开条例》编制。 ")
	sep := func() string {
		if sporadic && rng.Intn(3) == 0 {
			return " "
		}
		return ""
	}
	row := func(label string, ids []string) {
		b.WriteString(label + sep())
		for i, id := range ids {
			if i > 0 {
				b.WriteString(sep())
			}
			b.WriteString(s.text[id])
		}
	}
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
		if !s.omitHead[id] {
			b.WriteString(s.heading(id))
		}
		b.WriteString(s.narrative(id))
		switch s.tableSec(id) {
		case "s2":
			for _, r := range s.t2 {
				if r.hdr != nil {
					b.WriteString(strings.Join(r.hdr, ""))
				} else {
					row(r.label, r.ids)
				}
			}
		case "s3":
			b.WriteString(schema.T3Note + schema.T3Applicant + "自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
			for _, r := range s.t3 {
				if r.ids == nil {
					b.WriteString(r.label)
					continue
				}
				row(r.label, r.ids)
			}
		case "s4":
			for _, h := range s.t4hdr {
				b.WriteString(strings.Join(h, ""))
			}
			row("", s.t4ids)
		}
		b.WriteString(" ")
	}
	return b.String()
}

// separatedLayouts print a row's cells with separators, as pasted text
// does: each gives the lines of one row.
var separatedLayouts = map[string]func(c []string) []string{
	"pipe": func(c []string) []string { return []string{strings.Join(c, " | ") + " |"} },
	"tab":  func(c []string) []string { return []string{strings.Join(c, "\t")} },
	"trailing pipe, one cell per line": func(c []string) []string {
		var out []string
		for _, x := range c {
			out = append(out, x+" |")
		}
		return out
	},
	"one cell per paragraph": func(c []string) []string {
		var out []string
		for _, x := range c {
			out = append(out, "  "+x, "")
		}
		return out
	},
	// An office suite saving a document as text: one cell per line,
	// nothing between cells, a blank cell an empty line.
	"one cell per line, office text": func(c []string) []string { return append([]string(nil), c...) },
}

func TestLayoutVariants(t *testing.T) {
	separated := separatedLayouts
	total := map[string][3]int{}
	for seed := int64(1); seed <= 12; seed++ {
		for _, format := range []string{schema.F2019, schema.F2021} {
			s := newSynth(seed, format)
			rng := rand.New(rand.NewSource(seed * 7))
			texts := map[string]string{}
			for name, f := range separated {
				texts[name] = s.renderSeparated(f)
			}
			texts["pdftotext -layout"] = s.renderPDF(rng, false)
			texts["pdftotext -raw"] = s.renderPDF(rng, true)
			glued := map[string]string{
				"glued":                  s.renderGlued(rng, false),
				"glued, sporadic spaces": s.renderGlued(rng, true),
			}
			for name, text := range texts {
				t.Run(fmt.Sprintf("%s/%d/%s", format, seed, name), func(t *testing.T) {
					if want := map[string]string{"pdftotext -layout": "pdflayout", "pdftotext -raw": "pdfraw"}[name]; want != "" {
						assert.Equal(t, want, pickTextLayout(splitLines(text)).name)
					}
					doc, err := readText("r.txt", text)
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					require.Equal(t, format, r.Format)
					var bad []string
					for id, v := range s.vals {
						if got, ok := r.Cells[id]; !ok || abs(got-v) > 1e-9 {
							bad = append(bad, fmt.Sprintf("%s: want %v got %v (%q)", id, v, r.Cells[id], r.Missing[id]))
						}
					}
					if !assert.Empty(t, bad, "every cell") {
						t.Log(text)
					}
					c := total[name]
					c[0] += len(s.vals) - len(bad)
					c[2] += len(s.vals)
					total[name] = c
				})
			}
			for name, text := range glued {
				t.Run(fmt.Sprintf("%s/%d/%s", format, seed, name), func(t *testing.T) {
					assert.Equal(t, "glued", pickTextLayout(splitLines(text)).name)
					doc, err := readText("r.txt", text)
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					require.Equal(t, format, r.Format)
					amb := map[string]bool{}
					for _, n := range r.Notes {
						if n.Kind == report.NoteAmbiguousSplit {
							for _, c := range n.Cells {
								amb[c] = true
							}
						}
					}
					right, missing := 0, 0
					for id, v := range s.vals {
						got, ok := r.Cells[id]
						switch {
						case ok:
							assert.InDelta(t, v, got, 1e-9, "wrong value at %s", id)
							right++
						default:
							assert.True(t, amb[id], "%s missing without an ambiguous_split note (%q)", id, r.Missing[id])
							missing++
						}
					}
					// 表三 and 表四 have arithmetic: most of it is decided.
					c := total[name]
					c[0] += right
					c[1] += missing
					c[2] += len(s.vals)
					total[name] = c
				})
			}
		}
	}
	var names []string
	for name := range total {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c := total[name]
		t.Logf("%-34s right %d, missing with note %d, of %d cells", name, c[0], c[1], c[2])
	}
}

// TestLayoutBlankCells blanks a few cells (a blank prints nothing in PDF
// text): `-layout` text places the other values by their columns and reads
// every cell; `-raw` text cannot tell where the blank was and leaves that
// row missing with a note. No wrong value either way.
func TestLayoutBlankCells(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		for _, format := range []string{schema.F2019, schema.F2021} {
			s := newSynth(seed, format)
			rng := rand.New(rand.NewSource(seed))
			blank := map[string]bool{}
			for _, r := range s.t3 {
				if r.ids != nil && rng.Intn(4) == 0 {
					id := r.ids[1+rng.Intn(4)] // a middle column
					blank[id] = true
					s.text[id] = ""
				}
			}
			for _, id := range []string{"t2.rules." + map[string]string{"2019": "published_new", "2021": "repealed"}[format]} {
				blank[id] = true
				s.text[id] = ""
			}
			for _, raw := range []bool{false, true} {
				name := map[bool]string{false: "layout", true: "raw"}[raw]
				t.Run(fmt.Sprintf("%s/%d/%s", format, seed, name), func(t *testing.T) {
					text := s.renderPDF(rand.New(rand.NewSource(seed)), raw)
					doc, err := readText("r.txt", text)
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					amb := map[string]bool{}
					for _, n := range r.Notes {
						if n.Kind == report.NoteAmbiguousSplit {
							for _, c := range n.Cells {
								amb[c] = true
							}
						}
					}
					for id, v := range s.vals {
						got, ok := r.Cells[id]
						switch {
						case blank[id]:
							assert.False(t, ok, "%s is blank in the source, read %v", id, got)
						case ok:
							assert.InDelta(t, v, got, 1e-9, "wrong value at %s", id)
						case raw:
							assert.True(t, amb[id], "%s missing without a note", id)
						default:
							t.Errorf("%s not read from -layout text", id)
						}
					}
				})
			}
		}
	}
}

// TestLayoutMissingParts: a report missing a section heading, a section or a
// whole table still converts what is there, in every layout xxgk reads
// without separators.
func TestLayoutMissingParts(t *testing.T) {
	cases := []struct {
		name            string
		omitHead, table []string
	}{
		{"no heading 二", []string{"s2"}, nil},
		{"no heading 三", []string{"s3"}, nil},
		{"no heading 四", []string{"s4"}, nil},
		{"no section 五", []string{"s5"}, nil},
		{"no table 四", nil, []string{"s4"}},
		{"no table 二", nil, []string{"s2"}},
	}
	for _, tc := range cases {
		for _, format := range []string{schema.F2019, schema.F2021} {
			s := newSynth(3, format)
			s.omitHead, s.omitTable = map[string]bool{}, map[string]bool{}
			for _, h := range tc.omitHead {
				s.omitHead[h] = true
			}
			for _, x := range tc.table {
				s.omitTable[x] = true
			}
			texts := map[string]string{
				"layout": s.renderPDF(rand.New(rand.NewSource(1)), false),
				"raw":    s.renderPDF(rand.New(rand.NewSource(1)), true),
				"glued":  s.renderGlued(rand.New(rand.NewSource(1)), true),
			}
			for _, lay := range []string{"layout", "raw", "glued"} {
				t.Run(tc.name+"/"+format+"/"+lay, func(t *testing.T) {
					doc, err := readText("r.txt", texts[lay])
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					gone := map[string]bool{}
					for _, x := range tc.table {
						gone[map[string]string{"s2": "t2", "s3": "t3", "s4": "t4"}[x]] = true
					}
					amb := map[string]bool{}
					for _, n := range r.Notes {
						if n.Kind == report.NoteAmbiguousSplit {
							for _, c := range n.Cells {
								amb[c] = true
							}
						}
					}
					if len(gone) > 0 {
						kinds := map[string]bool{}
						for _, n := range r.Notes {
							kinds[n.Kind] = true
						}
						assert.True(t, kinds[report.NoteTableMissing], "a table_missing note")
					}
					for id, v := range s.vals {
						got, ok := r.Cells[id]
						switch {
						case gone[schema.TableOf(id)]:
							assert.False(t, ok, "%s read from a table that is not there", id)
						case ok:
							assert.InDelta(t, v, got, 1e-9, "wrong value at %s", id)
						case lay == "glued" && amb[id]:
						default:
							t.Errorf("%s not read", id)
						}
					}
				})
			}
		}
	}
}

// TestGluedFromHTML strips the tags of the official tables' HTML
// (../shared/spec), as a crawler does, and reads the glued text: every cell
// as the HTML reads it, or missing with an ambiguous_split note.
func TestGluedFromHTML(t *testing.T) {
	reScript := regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
	reTag := regexp.MustCompile(`<[^>]+>`)
	for _, f := range []string{"2019", "2021"} {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "shared", "spec", "official-tables-"+f+".html"))
			if err != nil {
				t.Skip("spec not available: ", err)
			}
			want, err := ReadBytes("o.html", ".html", b, Options{})
			require.NoError(t, err)
			text := html.UnescapeString(reTag.ReplaceAllString(reScript.ReplaceAllString(string(b), ""), ""))
			text = strings.Join(strings.Fields(text), "")
			require.Equal(t, "glued", pickTextLayout(splitLines(text)).name)
			got, err := ReadBytes("g.txt", ".txt", []byte(text), Options{})
			require.NoError(t, err)
			amb := map[string]bool{}
			for _, n := range got.Notes {
				if n.Kind == report.NoteAmbiguousSplit {
					for _, c := range n.Cells {
						amb[c] = true
					}
				}
			}
			for id, v := range want.Cells {
				if g, ok := got.Cells[id]; ok {
					assert.Equal(t, v, g, "wrong value at %s", id)
				} else {
					assert.True(t, amb[id], "%s missing without an ambiguous_split note", id)
				}
			}
			for id := range got.Cells {
				_, ok := want.Cells[id]
				assert.True(t, ok, "%s read but not in the tables", id)
			}
		})
	}
}

// TestLayoutT4Marker: a 表四 cell printed as text ("不适用", "暂无") among the
// numbers of its label-less row. Separated layouts and `-layout` text keep
// every other 表四 value in its column and the cell missing with its
// marker; `-raw` text, and one cell per line with the marker first, may
// leave 表四 missing with a note. Never a wrong value. (Read as a row
// label, the marker split the row into two runs and all fifteen cells
// were lost.)
func TestLayoutT4Marker(t *testing.T) {
	markers := []string{"不适用", "暂无", "见说明"}
	for seed := int64(1); seed <= 8; seed++ {
		for _, format := range []string{schema.F2019, schema.F2021} {
			s := newSynth(seed, format)
			rng := rand.New(rand.NewSource(seed))
			var t4 []string
			for _, id := range schema.Get(format).IDs(nil) {
				if c := schema.Get(format).Cell(id); strings.HasPrefix(id, "t4.") && c != nil && !c.IsTotal() {
					t4 = append(t4, id)
				}
			}
			marked := t4[rng.Intn(len(t4))]
			if seed <= 2 {
				marked = t4[0] // first in the row: nothing before it
			}
			marker := markers[int(seed)%len(markers)]
			s.text[marked] = marker
			texts := map[string]string{}
			for name, f := range separatedLayouts {
				texts[name] = s.renderSeparated(f)
			}
			texts["pdftotext -layout"] = s.renderPDF(rand.New(rand.NewSource(seed)), false)
			texts["pdftotext -raw"] = s.renderPDF(rand.New(rand.NewSource(seed)), true)
			for name, text := range texts {
				t.Run(fmt.Sprintf("%s/%d/%s/%s", format, seed, name, marked), func(t *testing.T) {
					doc, err := readText("r.txt", text)
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					for id, v := range s.vals {
						if got, ok := r.Cells[id]; ok {
							assert.InDelta(t, v, got, 1e-9, "wrong value at %s", id)
						}
					}
					_, read := r.Cells[marked]
					assert.False(t, read, "%s is %q in the source", marked, marker)
					if name == "pdftotext -raw" || strings.Contains(name, "one cell per") && marked == t4[0] {
						// No positions, or one cell per line with the
						// marker first: nothing shows it stands in a
						// value's place. 表四 may be missing, never silently.
						if len(r.Cells) < len(s.vals) {
							assert.NotEmpty(t, r.Notes)
						}
						return
					}
					assert.Equal(t, marker, r.Missing[marked])
					var lost []string
					for _, id := range t4 {
						if _, ok := r.Cells[id]; !ok && id != marked {
							lost = append(lost, id)
						}
					}
					assert.Empty(t, lost, "表四 cells lost")
				})
			}
		}
	}
}

// TestLayoutT4UnitsApart: 表四's values printed with a unit word apart
// ("1 件  0 件 …") are read; the unit words are not markers in a value's
// place (which would make 29 cells of 15 and lose the table).
func TestLayoutT4UnitsApart(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		for _, format := range []string{schema.F2019, schema.F2021} {
			s := newSynth(seed, format)
			var t4 []string
			for id := range s.vals {
				if strings.HasPrefix(id, "t4.") {
					t4 = append(t4, id)
					s.text[id] += " 件"
				}
			}
			require.Len(t, t4, 15)
			texts := map[string]string{
				"pdftotext -layout": s.renderPDF(rand.New(rand.NewSource(seed)), false),
				"tab":               s.renderSeparated(separatedLayouts["tab"]),
			}
			for name, text := range texts {
				t.Run(fmt.Sprintf("%s/%d/%s", format, seed, name), func(t *testing.T) {
					doc, err := readText("r.txt", text)
					require.NoError(t, err)
					r, err := Recognize(doc, Options{})
					require.NoError(t, err)
					for _, id := range t4 {
						got, ok := r.Cells[id]
						if assert.True(t, ok, "%s not read (%q)", id, r.Missing[id]) {
							assert.InDelta(t, s.vals[id], got, 1e-9, id)
						}
					}
				})
			}
		}
	}
}
