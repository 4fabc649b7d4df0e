package convert

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xxgk/xxgk/schema"
)

// Glued crawler text: a page's innerText with the cells of every table run
// together, often the whole report on one line:
//
//	…规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可10690…
//	…（七）总计20 0 00 0 121四、结转下年度继续办理 0 0 00 00 0 …
//
// The layout finds the section headings and the official labels in the
// text (allowing spaces, width and numbering variants inside them), takes
// the value characters between a row label and the next label as that
// row's run, and lets the split enumerator (glued_split.go) cut the run
// into cells. White space inside a run is a cell boundary.

func init() {
	registerTextLayout(textLayout{name: "glued", score: scoreGlued, parse: parseGlued})
}

// reGluedRow finds a row label directly followed by a run of digits, the
// mark of glued text.
var reGluedRow = regexp.MustCompile(`(数量|公开|秘密|权益|信息|案卷|事项|制作|明确|申请|出版物|总计|办理|规章|文件|许可|处罚|强制|收费)[ \x{a0}]?[0-9]{5,}`)

// scoreGlued counts label-then-digits places; pipe and column layouts have a
// separator there.
func scoreGlued(s *lineScan) int {
	n := 0
	for i, ln := range s.lines {
		if s.hasSep(i) || !hasDigitRun(ln, 5) {
			continue
		}
		if utf8.RuneCountInString(ln) < 300 && s.gaps(i) > 0 {
			continue // a row of separated values (pdftotext -raw)
		}
		n += countGluedRows(ln)
	}
	if n < 3 {
		return 0
	}
	return 10 * n
}

// hasDigitRun reports whether s holds k ASCII digits in a row: a cheap
// filter before countGluedRows.
func hasDigitRun(s string, k int) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
			if n >= k {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// gluedLabelEnds are the label endings of reGluedRow.
var gluedLabelEnds = []string{"数量", "公开", "秘密", "权益", "信息", "案卷", "事项", "制作", "明确", "申请", "出版物", "总计", "办理", "规章", "文件", "许可", "处罚", "强制", "收费"}

// countGluedRows is len(reGluedRow.FindAllStringIndex(ln, -1)) without the
// regexp, whose alternation tried at every position of every narrative line
// was a third of reading a report: a match is a maximal run of ≥ 5 digits
// (the regexp's greedy [0-9]{5,} always takes the whole run, and a label
// ending is never a digit) preceded by a label ending and at most one space
// or no-break space.
func countGluedRows(ln string) int {
	n := 0
	for i := 0; i < len(ln); {
		if ln[i] < '0' || ln[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(ln) && ln[j] >= '0' && ln[j] <= '9' {
			j++
		}
		if j-i >= 5 {
			pre := ln[:i]
			if strings.HasSuffix(pre, " ") {
				if gluedLabelBefore(pre[:len(pre)-1]) || gluedLabelBefore(pre) {
					n++
				}
			} else if strings.HasSuffix(pre, "\u00a0") {
				if gluedLabelBefore(pre[:len(pre)-len("\u00a0")]) {
					n++
				}
			} else if gluedLabelBefore(pre) {
				n++
			}
		}
		i = j
	}
	return n
}

func gluedLabelBefore(s string) bool {
	for _, w := range gluedLabelEnds {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// foldText is the text with each rune folded as schema.Normalize folds a
// label (0 for a rune Normalize drops), and the line of each rune.
type foldText struct {
	raw  []rune
	fold []rune
	line []int
}

func newFoldText(text string) *foldText {
	ft := &foldText{raw: []rune(text)}
	ft.fold = make([]rune, len(ft.raw))
	ft.line = make([]int, len(ft.raw))
	ln := 0
	for i, r := range ft.raw {
		ft.line[i] = ln
		if r == '\n' {
			ln++
		}
		n := []rune(schema.Normalize(string(r)))
		if len(n) > 0 {
			ft.fold[i] = n[0]
		}
	}
	return ft
}

// col is the 1-based character column of rune i in its line.
func (ft *foldText) col(i int) int {
	c := 1
	for j := i - 1; j >= 0 && ft.raw[j] != '\n'; j-- {
		c++
	}
	return c
}

// matchAt matches the normalized label at rune i, skipping what Normalize
// drops (spaces, quotes) inside it; it returns the end (exclusive) or -1.
func (ft *foldText) matchAt(i int, norm []rune) int {
	j := i
	for k, lr := range norm {
		for k > 0 && j < len(ft.raw) && ft.fold[j] == 0 {
			j++
		}
		if j >= len(ft.raw) {
			return -1
		}
		tr := ft.fold[j]
		if tr != lr && !(lr == '.' && (tr == '、' || tr == ',' || tr == '，')) {
			return -1
		}
		j++
	}
	return j
}

// find returns the first match of any of the labels at or after from:
// start, end, or -1.
func (ft *foldText) find(from int, labels [][]rune) (int, int) {
	for i := from; i < len(ft.raw); i++ {
		if ft.fold[i] == 0 {
			continue
		}
		for _, l := range labels {
			if len(l) > 0 && l[0] == ft.fold[i] {
				if e := ft.matchAt(i, l); e >= 0 {
					return i, e
				}
			}
		}
	}
	return -1, -1
}

// labelKind tells what a label found in a table region is.
type labelKind int

const (
	lkHeader labelKind = iota // a column header or a block's 信息内容
	lkTitle                   // a 表二 block title 第二十条第（N）项
	lkRow                     // a data row label
	lkGroup                   // a group label carrying no numbers
)

type gluedLabel struct {
	norm []rune
	kind labelKind
}

// labelSet builds the labels to look for in a table's region, longest first
// so that the longest label matching at a place wins.
func labelSet(table string) []gluedLabel {
	seen := map[string]bool{}
	var out []gluedLabel
	add := func(s string, k labelKind) {
		n := schema.Normalize(s)
		if n == "" || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, gluedLabel{norm: []rune(n), kind: k})
	}
	for _, key := range []string{schema.F2021, schema.F2019} {
		f := schema.Get(key)
		switch table {
		case "t2":
			for _, b := range f.T2 {
				add(b.Title, lkTitle)
				for _, v := range b.Variants {
					add(v, lkTitle)
				}
				for _, r := range b.Rows {
					add(r.Label, lkRow)
					for _, v := range r.Variants {
						add(v, lkRow)
					}
				}
				for _, c := range b.Cols {
					add(c.Label, lkHeader)
					for _, v := range c.Variants {
						add(v, lkHeader)
					}
				}
			}
			add(schema.T2ContentHeader, lkHeader)
			add(schema.ProcurementAmountHeader, lkHeader)
		case "t3":
			for _, r := range f.T3Rows {
				k := lkRow
				if r.IsGroup && !r.SingleRowOther {
					k = lkGroup
				}
				add(r.Label, k)
				for _, v := range r.Variants {
					if schema.Normalize(v) == "总计" {
						continue // the header's 总计; （七）总计 is labelled in full
					}
					add(v, k)
				}
			}
			for _, h := range []string{schema.T3Note, schema.T3Applicant, schema.T3LegalPersons} {
				add(h, lkHeader)
			}
			for _, c := range f.T3Cols {
				add(c.Label, lkHeader)
			}
		case "t4":
			add(schema.T4Review, lkHeader)
			add(schema.T4Litigation, lkHeader)
			for _, g := range f.T4Groups {
				add(g.Label, lkHeader)
			}
			for _, c := range f.T4Cols {
				add(c.Label, lkHeader)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].norm) > len(out[j].norm) })
	return out
}

// gluedTok is a label or a run of value characters found in a region.
type gluedTok struct {
	label  string // as printed (a label token)
	kind   labelKind
	run    bool
	text   bool     // text that is neither a label nor a value
	groups []string // a run: its parts between white space
	start  int      // rune offset
}

func isRunRune(r rune) bool {
	return r >= '0' && r <= '9' || r == '-' || r == '+' || r == '.'
}

// thousands reports whether the comma at i separates thousands: a digit
// before it and at least three after it (glued text may run the next cell's
// digits on; the enumerator keeps the group at three).
func (ft *foldText) thousands(i, to int) bool {
	if i == 0 || ft.fold[i-1] < '0' || ft.fold[i-1] > '9' {
		return false
	}
	for k := 1; k <= 3; k++ {
		if i+k >= to || ft.fold[i+k] < '0' || ft.fold[i+k] > '9' {
			return false
		}
	}
	return true
}

// tokenize walks a region: at each place a label matching there wins over
// value characters (so "3100000312.没有…" ends its run before "2.没有…"),
// value characters gather into runs split at white space, anything else
// ends a run.
func (ft *foldText) tokenize(from, to int, labels []gluedLabel) []gluedTok {
	var toks []gluedTok
	var run *gluedTok
	var grp strings.Builder
	endGroup := func() {
		if run != nil && grp.Len() > 0 {
			run.groups = append(run.groups, grp.String())
		}
		grp.Reset()
	}
	endRun := func() {
		endGroup()
		if run != nil && len(run.groups) > 0 {
			toks = append(toks, *run)
		}
		run = nil
	}
	// In 表三 a digit before "." or "、" and a Han character is an item's
	// ordinal, never part of a value.
	ordinals := false
	for _, l := range labels {
		if l.kind == lkGroup {
			ordinals = true
		}
	}
	i := from
	for i < to {
		r := ft.raw[i]
		matched := false
		if ft.fold[i] != 0 {
			for _, l := range labels {
				if l.norm[0] != ft.fold[i] {
					continue
				}
				if e := ft.matchAt(i, l.norm); e >= 0 && e <= to {
					endRun()
					toks = append(toks, gluedTok{label: string(ft.raw[i:e]), kind: l.kind, start: i})
					i = e
					matched = true
					break
				}
			}
		}
		if matched {
			continue
		}
		if ordinals && ft.fold[i] >= '1' && ft.fold[i] <= '9' && i+2 < to &&
			(ft.fold[i+1] == '.' || ft.raw[i+1] == '、') && unicode.Is(unicode.Han, ft.raw[i+2]) {
			// The ordinal of an item label the schema does not know
			// ("5.要求…的信息"): it ends the run before it, and the label
			// runs to its digits.
			endRun()
			j := i + 2
			for j < to && !(ft.fold[j] >= '0' && ft.fold[j] <= '9') {
				j++
			}
			toks = append(toks, gluedTok{label: strings.TrimSpace(string(ft.raw[i:j])), kind: lkRow, start: i})
			i = j
			continue
		}
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000':
			endGroup()
		case isRunRune(ft.fold[i]):
			// Full-width digits and signs fold to ASCII.
			if run == nil {
				run = &gluedTok{run: true, start: i}
			}
			grp.WriteRune(ft.fold[i])
		case (r == ',' || r == '，') && grp.Len() > 0 && ft.thousands(i, to):
			// A thousands separator: a comma between a digit and three
			// digits that end there.
			grp.WriteRune(',')
		case r == '元' && grp.Len() > 0:
			grp.WriteRune(r)
		case grp.Len() > 0 && strings.ContainsRune(gluedCountUnits, r):
			// "1个246900元": a count's unit word ends its cell, as a space
			// would.
			endGroup()
		case r == '万' && i+1 < to && ft.raw[i+1] == '元' && grp.Len() > 0:
			grp.WriteString("万元")
			i++
		default:
			endRun()
			if len(toks) == 0 || !toks[len(toks)-1].text {
				toks = append(toks, gluedTok{text: true, start: i})
			}
		}
		i++
	}
	endRun()
	return toks
}

// gluedCountUnits are the unit words a count may carry in a glued table.
const gluedCountUnits = "个件项条次批"

// sectionLabels lists every heading of a section (both formats), folded.
func sectionLabels(id string) [][]rune {
	var out [][]rune
	seen := map[string]bool{}
	for _, key := range []string{schema.F2021, schema.F2019} {
		s, err := schema.Get(key).SectionByID(id)
		if err != nil {
			continue
		}
		for _, h := range append([]string{s.Heading}, s.Variants...) {
			n := schema.Normalize(h)
			if !seen[n] {
				seen[n] = true
				out = append(out, []rune(n))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// detectFormat decides the format from the format markers found in the
// text, then from the year of the title.
func detectFormat(text string) string {
	n := schema.Normalize(text)
	score := map[string]int{}
	for k, ms := range schema.FormatMarkers {
		for _, m := range ms {
			if strings.Contains(n, schema.Normalize(m)) {
				score[k]++
			}
		}
	}
	switch {
	case score[schema.F2021] > score[schema.F2019]:
		return schema.F2021
	case score[schema.F2019] > score[schema.F2021]:
		return schema.F2019
	}
	if m := reYear.FindStringSubmatch(text); m != nil {
		y := 0
		for _, c := range m[1] {
			y = y*10 + int(c-'0')
		}
		return schema.FormatForYear(y)
	}
	return schema.F2021
}

var reYear = regexp.MustCompile(`(20[0-9]{2})\s*年度?`)

// parseGlued builds the Document of glued text.
func parseGlued(name string, lines []string) (*Document, error) {
	text := strings.Join(lines, "\n")
	ft := newFoldText(text)
	doc := &Document{Name: name}
	pos := func(i int) string {
		if i >= len(ft.line) {
			i = len(ft.line) - 1
		}
		if i < 0 {
			return linePos(name, 0)
		}
		return linePos(name, ft.line[i])
	}
	// Section headings, in order.
	type head struct {
		id         string
		start, end int
		marker     bool // a table's first label standing in for its heading
	}
	var heads []head
	from := 0
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
		s, e := ft.find(from, sectionLabels(id))
		if s < 0 {
			continue
		}
		heads = append(heads, head{id: id, start: s, end: e})
		from = e
	}
	// A table printed without its section heading starts at its own first
	// label.
	have := map[string]bool{}
	after := 0
	for _, h := range heads {
		have[h.id] = true
		if h.id == "s1" {
			after = h.end
		}
	}
	for _, m := range []struct{ id, label string }{
		{"s2", "第二十条第（一）项"}, {"s3", schema.T3Note}, {"s3", "一、本年新收政府信息公开申请数量"},
		{"s3", "一、本年新收到政府信息公开申请数量"}, {"s4", schema.T4Review + schema.T4Litigation},
	} {
		if have[m.id] {
			continue
		}
		if st, _ := ft.find(after, [][]rune{[]rune(schema.Normalize(m.label))}); st >= 0 {
			heads = append(heads, head{id: m.id, start: st, end: st, marker: true})
			have[m.id] = true
		}
	}
	sort.SliceStable(heads, func(i, j int) bool { return heads[i].start < heads[j].start })
	paras := func(a, b int) {
		if a >= b {
			return
		}
		seg := ft.raw[a:b]
		start := -1
		for k := 0; k <= len(seg); k++ {
			sp := k == len(seg) || unicode.IsSpace(seg[k]) || seg[k] == '\u00a0' || seg[k] == '\u3000'
			if !sp && start < 0 {
				start = k
			}
			if sp && start >= 0 {
				t := strings.TrimSpace(string(seg[start:k]))
				if t != "" {
					doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Pos: pos(a + start)})
				}
				start = -1
			}
		}
	}
	f := schema.Get(detectFormat(text))
	var rows []*splitRow
	type gridRow struct {
		cells []Cell
		split *splitRow
	}
	var grids [][]gridRow
	prev := 0
	for hi, h := range heads {
		paras(prev, h.start)
		if !h.marker {
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: string(ft.raw[h.start:h.end]), Pos: pos(h.start)})
		}
		end := len(ft.raw)
		if hi+1 < len(heads) {
			end = heads[hi+1].start
		}
		prev = h.end
		table := map[string]string{"s2": "t2", "s3": "t3", "s4": "t4"}[h.id]
		if table == "" {
			continue
		}
		toks := ft.tokenize(h.end, end, labelSet(table))
		// The region ends after the table's last token; what follows is
		// narrative (a missing heading must not swallow the next section).
		last := h.end
		var grid []gridRow
		lbl := func(t gluedTok) Cell {
			return Cell{Text: strings.TrimSpace(t.label), Pos: pos(t.start), RowSpan: 1, ColSpan: 1}
		}
		switch table {
		case "t4":
			var header []Cell
			sr := &splitRow{}
			for _, c := range f.Cells(nil) {
				if c.Table == "t4" {
					sr.IDs = append(sr.IDs, c.ID)
					sr.Kinds = append(sr.Kinds, c.Kind)
				}
			}
			for _, t := range toks {
				if t.text {
					if len(sr.Groups) > 0 {
						break // the data row is over
					}
					continue
				}
				if !t.run {
					if len(sr.Groups) > 0 {
						break // the data row is over
					}
					header = append(header, lbl(t))
					last = t.start + len([]rune(t.label))
					continue
				}
				if sr.Pos == "" {
					sr.Pos, sr.Col = pos(t.start), ft.col(t.start)
				}
				sr.Groups = append(sr.Groups, t.groups...)
				sr.Printed = strings.TrimSpace(sr.Printed + " " + strings.Join(t.groups, " "))
				last = t.start + len([]rune(strings.Join(t.groups, " ")))
			}
			if len(header) > 0 {
				grid = append(grid, gridRow{cells: header})
			}
			if len(sr.Groups) > 0 {
				rows = append(rows, sr)
				grid = append(grid, gridRow{split: sr})
			}
		default:
			var header []Cell
			prevT3 := "" // the first cell id of the last 表三 row read
			flushHeader := func() {
				if len(header) > 0 {
					grid = append(grid, gridRow{cells: header})
					header = nil
				}
			}
			for k := 0; k < len(toks); k++ {
				t := toks[k]
				if t.run || t.text {
					continue // value characters with no row label before them
				}
				last = t.start + len([]rune(t.label))
				switch t.kind {
				case lkHeader:
					header = append(header, lbl(t))
					continue
				case lkTitle, lkGroup:
					flushHeader()
					grid = append(grid, gridRow{cells: []Cell{lbl(t)}})
					continue
				}
				flushHeader()
				var groups []string
				var printed []string
				// The row's run: value runs after the label, across text
				// that continues the label (a variant matched short), up to
				// text after the values (a note under the table).
				for k+1 < len(toks) && (toks[k+1].run || toks[k+1].text && len(groups) == 0) {
					k++
					if toks[k].text {
						continue
					}
					groups = append(groups, toks[k].groups...)
					printed = append(printed, strings.Join(toks[k].groups, " "))
					last = toks[k].start + len([]rune(strings.Join(toks[k].groups, " ")))
				}
				if len(groups) == 0 {
					grid = append(grid, gridRow{cells: []Cell{lbl(t)}})
					continue
				}
				sr := &splitRow{Label: strings.TrimSpace(t.label), Printed: strings.Join(printed, " "), Pos: pos(t.start), Groups: groups, Col: ft.col(t.start)}
				sr.IDs, sr.Kinds = rowCells(f, table, t.label)
				if sr.IDs == nil && table == "t3" {
					// A label the schema does not know, numbered like the
					// row that follows the last one read: that row.
					sr.IDs, sr.Kinds = nextT3Row(f, prevT3, t.label)
				}
				if sr.IDs != nil && table == "t3" {
					prevT3 = sr.IDs[0]
				}
				if sr.IDs == nil {
					// Unknown to this format: keep the run as one cell.
					grid = append(grid, gridRow{cells: []Cell{lbl(t), {Text: strings.Join(groups, " "), Pos: sr.Pos, RowSpan: 1, ColSpan: 1}}})
					continue
				}
				rows = append(rows, sr)
				grid = append(grid, gridRow{cells: []Cell{lbl(t)}, split: sr})
			}
			flushHeader()
		}
		grids = append(grids, grid)
		doc.Blocks = append(doc.Blocks, Block{Kind: Grid, Pos: pos(h.end)}) // filled below
		if last > prev {
			prev = last
		}
	}
	if len(heads) == 0 {
		paras(0, len(ft.raw))
		return doc, nil
	}
	paras(prev, len(ft.raw))
	// A 2021 report printing （六）其他处理 as one row (and none of its
	// sub-rows) sums that row into （七）总计.
	layout := []string(nil)
	if f.Key == schema.F2021 {
		single, subs := false, false
		for _, r := range rows {
			if len(r.IDs) == 0 {
				continue
			}
			switch {
			case r.IDs[0] == "t3.other.natural":
				single = true
			case strings.HasPrefix(r.IDs[0], "t3.other."):
				subs = true
			}
		}
		if single && !subs {
			layout = []string{schema.LayoutOtherSingleRow}
		}
	}
	resolveSplits(f, layout, rows)
	narr := len(ft.raw)
	for _, h := range heads {
		if h.id == "s2" {
			narr = h.start
		}
	}
	applyNarrative(rows, t2NarrativeFigures(f, string(ft.raw[:narr])))
	gi := 0
	for bi := range doc.Blocks {
		if doc.Blocks[bi].Kind != Grid {
			continue
		}
		var out [][]Cell
		for _, gr := range grids[gi] {
			cells := gr.cells
			if gr.split != nil {
				cells = append(cells, gr.split.cells()...)
			}
			for ci := range cells {
				if cells[ci].RowSpan == 0 {
					cells[ci].RowSpan, cells[ci].ColSpan = 1, 1
				}
			}
			out = append(out, cells)
		}
		doc.Blocks[bi].Rows = out
		gi++
	}
	// Drop empty grids (a heading without its table).
	kept := doc.Blocks[:0]
	for _, b := range doc.Blocks {
		if b.Kind == Grid && len(b.Rows) == 0 {
			continue
		}
		kept = append(kept, b)
	}
	doc.Blocks = kept
	return doc, nil
}

// rowCells returns the cell ids and kinds of the row a printed label names
// in table t2 or t3 of format f (nil when the format has no such row).
func rowCells(f *schema.Format, table, label string) ([]string, []schema.Kind) {
	var ids []string
	var kinds []schema.Kind
	switch table {
	case "t2":
		b, r, _, ok := f.MatchT2Row(label)
		if !ok {
			return nil, nil
		}
		for _, c := range b.Cols {
			ids = append(ids, "t2."+r.ID+"."+c.ID)
			kinds = append(kinds, c.Kind)
		}
	case "t3":
		r, _, ok := f.MatchT3Row(label)
		if !ok {
			return nil, nil
		}
		id := r.ID
		if r.SingleRowOther {
			id = "other"
		} else if r.IsGroup {
			return nil, nil
		}
		for _, c := range f.T3Cols {
			ids = append(ids, "t3."+id+"."+c.ID)
			kinds = append(kinds, c.Kind)
		}
	}
	return ids, kinds
}

// The phrases of the narrative that state 表二 figures, per column (a number
// of 件 after the verb, in a sentence naming the row).
var t2Phrases = map[string]*regexp.Regexp{
	"issued":   regexp.MustCompile(`(?:制发|印发|出台|制定)[^0-9。；，,、]{0,12}?([0-9]+)\s*件`),
	"made_new": regexp.MustCompile(`(?:新制作|制发|印发|制定)[^0-9。；，,、]{0,12}?([0-9]+)\s*件`),
	"repealed": regexp.MustCompile(`废止[^0-9。；，,、]{0,12}?([0-9]+)\s*件`),
	"in_force": regexp.MustCompile(`现行有效[^0-9。；，,、]{0,12}?([0-9]+)\s*件`),
}

// t2NarrativeFigures finds the figures the narrative states for 表二's
// 规章 and 规范性文件 rows: the first match per cell, in a clause that names
// exactly one of the two rows.
func t2NarrativeFigures(f *schema.Format, text string) map[string]narrativeFigure {
	out := map[string]narrativeFigure{}
	clauses := regexp.MustCompile(`[。；;，,]`).Split(text, -1)
	for _, cl := range clauses {
		norm := strings.Contains(cl, "规范性文件")
		rules := strings.Contains(strings.ReplaceAll(cl, "规章制度", ""), "规章")
		if norm == rules {
			continue
		}
		row := "rules"
		if norm {
			row = "normative"
		}
		for _, b := range f.T2 {
			for _, c := range b.Cols {
				re, ok := t2Phrases[c.ID]
				if !ok || b.Rows[0].ID != "rules" {
					continue
				}
				id := "t2." + row + "." + c.ID
				if _, done := out[id]; done {
					continue
				}
				if m := re.FindStringSubmatch(cl); m != nil {
					v := 0.0
					for _, d := range m[1] {
						v = v*10 + float64(d-'0')
					}
					q := []rune(strings.TrimSpace(cl))
					if len(q) > 40 {
						q = q[:40]
					}
					out[id] = narrativeFigure{Value: v, Quote: string(q)}
				}
			}
		}
	}
	return out
}

var reItemOrdinal = regexp.MustCompile(`^([0-9])[.、．]`)

// nextT3Row returns the cells of the 表三 data row that follows the row of
// cell prev in the format, when the printed label carries that row's item
// ordinal ("5." after 4.保护第三方合法权益 is 5.属于三类内部事务信息).
func nextT3Row(f *schema.Format, prev, label string) ([]string, []schema.Kind) {
	m := reItemOrdinal.FindStringSubmatch(strings.TrimSpace(label))
	if m == nil || prev == "" {
		return nil, nil
	}
	rows := f.T3DataRows(nil)
	for i, r := range rows {
		if "t3."+r.ID+".natural" != prev || i+1 >= len(rows) {
			continue
		}
		next := rows[i+1]
		if !strings.HasPrefix(schema.Normalize(next.Label), m[1]+".") {
			return nil, nil
		}
		var ids []string
		var kinds []schema.Kind
		for _, c := range f.T3Cols {
			ids = append(ids, "t3."+next.ID+"."+c.ID)
			kinds = append(kinds, c.Kind)
		}
		return ids, kinds
	}
	return nil, nil
}
