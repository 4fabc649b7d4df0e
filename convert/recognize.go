package convert

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Recognize turns a Document into a Report: it finds the section headings
// and the three tables by their labels and maps every value to a cell id.
//
// Tables are found by labels, never by position alone. Inside a table the
// recognizer reads a stream of label cells and value cells: a row label is
// the last label before a run of values (group labels such as
// 三、本年度办理结果 may share the row), and the values that follow it, in
// the same row or in value-only rows after it, are its cells in the
// official column order. A row whose number of values differs from what the
// format expects is left missing with a note: values are never shifted.
func Recognize(doc *Document, opt Options) (*report.Report, error) {
	rc := &recognizer{doc: doc, r: report.New()}
	// Room for every cell of a format up front: growing the maps cell by
	// cell was a tenth of a read's allocation.
	rc.r.Cells = make(map[string]float64, 256)
	rc.r.Pos = make(map[string]string, 256)
	rc.flatten()
	rc.findSections()
	if err := rc.decideFormat(opt); err != nil {
		return nil, err
	}
	rc.readTables()
	rc.alignDeferred()
	rc.settleOther()
	if !rc.anyTable() && rc.headings == 0 {
		return nil, ErrNotReport
	}
	rc.buildSections()
	rc.finish()
	return rc.r, nil
}

// ErrFormatConflict: the format forced with --format contradicts the labels
// the report prints (a 2021 report has 本年制发件数, a 2019 one 本年新制作数量).
var ErrFormatConflict = errors.New("the forced format contradicts the report's labels")

// FormatConflictError says which format was forced and which the labels
// show; it is ErrFormatConflict.
type FormatConflictError struct{ Forced, Labels string }

func (e *FormatConflictError) Error() string {
	return fmt.Sprintf("--format %s contradicts the report's labels, which are those of format %s", e.Forced, e.Labels)
}

// Is makes errors.Is(err, ErrFormatConflict) true.
func (e *FormatConflictError) Is(target error) bool { return target == ErrFormatConflict }

// item is a paragraph or one grid row, in document order.
type item struct {
	para    bool
	text    string // paragraph text
	pos     string
	heading bool // the source marked the paragraph as a heading
	body    bool // the source marked the paragraph as body text
	cells   []Cell
	// width is the grid row's width, merged positions included; rect says
	// every row of its grid has that width (HTML, workbooks, Markdown):
	// then blank cells at the end of a row are real blank cells. In ragged
	// pipe text they may be the remains of merged cells.
	width int
	rect  bool
	// spanless: the row's grid shows no merged cell (text grids): a blank
	// cell may be what is left of a merged label cell.
	spanless bool
	// section is the index of the heading item (s1–s6) this item starts,
	// or 0.
	section int
	// rest is the text after a heading glued to the following text.
	rest string
	// table marks a paragraph used as a table label (dropped from the
	// narrative).
	table bool
	// narrative marks a grid row inside 一、五、六: kept as a paragraph.
	narrative bool
	// stat says the row's grid shows a statistical table's structure (a
	// 表二 block title, a header, a 表三 row label, 表四's header).
	stat bool
}

type recognizer struct {
	doc      *Document
	r        *report.Report
	f        *schema.Format
	items    []item
	headings int
	title    []int // the items that make the title
	// gluedTitle is a title found glued to the start of the first
	// paragraph (reflowed PDF text); the paragraph keeps the rest.
	gluedTitle string
	// per-table state
	found      map[string]bool // tables with a recognized label or value
	t4runs     []t4run
	deferred   []deferred
	sides      [3]int // rows showing where merged-cell blanks stand, by align.Side
	emptyRows  int    // rows printed one cell per line with no value at all
	usedByCell map[string]bool
}

func (rc *recognizer) flatten() {
	n := 0
	for _, b := range rc.doc.Blocks {
		n += max(1, len(b.Rows))
	}
	rc.items = make([]item, 0, n)
	for _, b := range rc.doc.Blocks {
		switch b.Kind {
		case Para:
			rc.items = append(rc.items, item{para: true, text: b.Text, pos: b.Pos, heading: b.Heading, body: b.Body})
		case Grid:
			rect := true
			for _, row := range b.Rows {
				if len(row) != len(b.Rows[0]) {
					rect = false
				}
			}
			stat := rc.statisticalGrid(b)
			spanless := !hasSpans(b.Rows)
			for _, row := range b.Rows {
				if plainRow(row) {
					// Nothing to leave out or fill in: the row itself.
					rc.items = append(rc.items, item{cells: row, pos: row[0].Pos, width: len(row), rect: rect, stat: stat, spanless: spanless})
					continue
				}
				cells := make([]Cell, 0, len(row))
				for _, c := range row {
					if c.Cont {
						continue
					}
					if c.Pos == "" {
						c.Pos = b.Pos
					}
					cells = append(cells, c)
				}
				if len(cells) > 0 {
					rc.items = append(rc.items, item{cells: cells, pos: cells[0].Pos, width: len(row), rect: rect, stat: stat, spanless: spanless})
				}
			}
		}
	}
}

// hasSpans reports whether a grid records a merged cell.
func hasSpans(rows [][]Cell) bool {
	for _, row := range rows {
		for _, c := range row {
			if c.Cont || c.RowSpan > 1 || c.ColSpan > 1 {
				return true
			}
		}
	}
	return false
}

// plainRow reports whether a non-empty grid row has no covered positions
// and every cell its position.
func plainRow(row []Cell) bool {
	for _, c := range row {
		if c.Cont || c.Pos == "" {
			return false
		}
	}
	return len(row) > 0
}

// statisticalGrid reports whether a grid shows the structure of one of
// the three tables. Row labels of 表二 alone (行政许可) do not: a narrative
// table may list them too.
func (rc *recognizer) statisticalGrid(b Block) bool {
	f := schema.Get(schema.F2021)
	f19 := schema.Get(schema.F2019)
	for _, row := range b.Rows {
		if isT4HeaderRow(row) {
			return true
		}
		for _, c := range row {
			if c.Cont || c.Text == "" {
				continue
			}
			n := normText(c.Text)
			if n == normText(schema.T2ContentHeader) || strings.HasPrefix(n, normText(schema.T3Applicant)) || n == normText(schema.T3LegalPersons) {
				return true
			}
			if _, ok := f.MatchT2Block(c.Text); ok {
				return true
			}
			for _, ff := range []*schema.Format{f, f19} {
				if row, _, ok := ff.MatchT3Row(c.Text); ok && len([]rune(normText(row.Label))) >= 4 && len([]rune(n)) >= 4 {
					return true
				}
			}
		}
	}
	return false
}

// ---- sections -------------------------------------------------------------

var sectionNumerals = []string{"一", "二", "三", "四", "五", "六"}

// findSections marks heading paragraphs (canonical, variant or close
// enough), splitting a heading glued to the text after it.
func (rc *recognizer) findSections() {
	f := schema.Get(schema.F2021) // sections are the same in both formats
	last := 0
	for i := range rc.items {
		it := &rc.items[i]
		if !it.para || it.body {
			continue
		}
		text := strings.TrimSpace(it.text)
		if s, m, ok := f.MatchSection(text); ok {
			n := sectionNum(s.ID)
			if n > last {
				it.section, last = n, n
				rc.headings++
				if m.Variant {
					rc.r.AddNote(report.NoteLabelVariant, it.pos, text+" → "+s.Heading)
				}
			}
			continue
		}
		n, head, rest, variant, ok := fuzzyHeading(f, text)
		if !ok && it.heading {
			n, ok = headingByWording(f, text)
			head, rest, variant = text, "", true
		}
		if !ok || n <= last {
			continue
		}
		it.section, last = n, n
		rc.headings++
		if rest != "" {
			it.text, it.rest = head, rest
		}
		canon := f.Sections[n-1].Heading
		if variant {
			rc.r.AddNote(report.NoteLabelVariant, it.pos, head+" → "+canon)
		}
	}
}

// hanYear reads a year written in Chinese digits ("二〇二〇" → 2020).
func hanYear(s string) int {
	digits := []rune("〇一二三四五六七八九")
	n := 0
	for _, r := range s {
		d := -1
		for i, x := range digits {
			if x == r {
				d = i
			}
		}
		if r == '○' || r == '零' {
			d = 0
		}
		if d < 0 {
			return 0
		}
		n = n*10 + d
	}
	return n
}

func sectionNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "s"))
	return n
}

// fuzzyHeading recognizes a heading line worded unlike the format, or a
// heading glued to the following text ("一、总体情况2020年，…"). It returns
// the section number, the heading as printed, the text after it, and
// whether the wording differs from the canonical heading.
func fuzzyHeading(f *schema.Format, text string) (n int, head, rest string, variant, ok bool) {
	num := -1
	for i, s := range sectionNumerals {
		if strings.HasPrefix(text, s+"、") || strings.HasPrefix(text, s+"，") || strings.HasPrefix(text, s+"．") || strings.HasPrefix(text, s+".") {
			num = i
			break
		}
	}
	if num < 0 {
		return 0, "", "", false, false
	}
	sec := f.Sections[num]
	cands := append([]string{sec.Heading}, sec.Variants...)
	// Glued: the text starts with a known heading and goes on.
	runes := []rune(text)
	for ci, c := range cands {
		target := normText(c)
		for k := 2; k <= len(runes) && k <= len([]rune(c))+8; k++ {
			if normText(string(runes[:k])) == target {
				h := strings.TrimSpace(string(runes[:k]))
				r := strings.TrimSpace(string(runes[k:]))
				return num + 1, h, r, ci > 0, true
			}
		}
	}
	// A short line close to the heading.
	if len(runes) > 40 || strings.ContainsAny(text, "。；;") {
		return 0, "", "", false, false
	}
	norm := stripOrdinal(normText(text))
	best := 0.0
	for _, c := range cands {
		if s := similarity(norm, stripOrdinal(normText(c))); s > best {
			best = s
		}
	}
	if best >= 0.6 {
		return num + 1, text, "", true, true
	}
	return 0, "", "", false, false
}

// headingByWording recognizes a paragraph the source marked as a heading
// by its wording alone: printed without its numeral ("总体情况") or
// misnumbered ("三、政府信息公开行政复议、行政诉讼情况").
func headingByWording(f *schema.Format, text string) (int, bool) {
	norm := stripOrdinal(normText(text))
	if norm == "" || len([]rune(norm)) > 40 {
		return 0, false
	}
	for i, sec := range f.Sections {
		for _, c := range append([]string{sec.Heading}, sec.Variants...) {
			if stripOrdinal(normText(c)) == norm {
				return i + 1, true
			}
		}
	}
	return 0, false
}

var reOrdinal = regexp.MustCompile(`^(\d{1,2}\.|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.])`)

// stripOrdinal removes a leading ordinal from a normalized label.
func stripOrdinal(s string) string { return reOrdinal.ReplaceAllString(s, "") }

// ordinalOf returns the leading ordinal of a normalized label ("2." → "2.").
func ordinalOf(s string) string { return reOrdinal.FindString(s) }

// similarity is 2·LCS/(|a|+|b|) over runes.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || len(ra) > 400 || len(rb) > 400 {
		return 0 // labels are short; a long text is no label
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			switch {
			case ra[i-1] == rb[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(rb)]) / float64(len(ra)+len(rb))
}

// ---- format, year, agency, title ----------------------------------------------

var (
	reYearTitle  = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*度?`)
	reYearPeriod = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日`)
	reYearHan    = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})\s*年`)
	reAgencyText = regexp.MustCompile(`^(?:(?:19|20)\d\d)年(?:度)?[，,、]?\s*([^，,。；;（(“"\s]{2,20}?)(?:坚持|深入|认真|始终|全面|紧紧|紧扣|围绕|严格|按照|以习近平|高度|积极|聚焦|持续|进一步|把|在|以)`)
)

// titleItems returns the indexes of the paragraphs that make the title:
// the first paragraph when it reads as a title, or a title a PDF broke over
// up to three short lines ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告").
func (rc *recognizer) titleItems() []int {
	var idx []int
	for i, it := range rc.items {
		if it.section > 0 || len(idx) == 3 {
			break
		}
		if !it.para {
			if len(idx) > 0 {
				break
			}
			continue
		}
		t := strings.TrimSpace(it.text)
		if t == "" {
			continue
		}
		if it.body {
			break
		}
		idx = append(idx, i)
		if len([]rune(t)) <= 80 && strings.Contains(t, "报告") && !strings.ContainsAny(t, "。；") &&
			(strings.Contains(t, "年") || strings.Contains(t, "公开")) {
			return idx
		}
		if len([]rune(t)) > 30 || strings.ContainsAny(t, "，。；：:,") {
			break
		}
	}
	return nil
}

var reGluedTitle = regexp.MustCompile(`^([^，。；：:,;“”"（）()\s本]{2,30}?\s*(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年度?\s*政府信息公开工作年度报告)\s*(\S.*)$`)

// splitGluedTitle finds a title glued to the start of the first paragraph
// ("某某区人民政府2024 年政府信息公开工作年度报告本报告由…").
func (rc *recognizer) splitGluedTitle() {
	for i := range rc.items {
		it := &rc.items[i]
		if it.section > 0 {
			return
		}
		if !it.para || strings.TrimSpace(it.text) == "" {
			continue
		}
		if it.body {
			return
		}
		if m := reGluedTitle.FindStringSubmatch(strings.TrimSpace(it.text)); m != nil {
			rc.gluedTitle = m[1]
			it.text = m[2]
		}
		return
	}
}

func (rc *recognizer) decideFormat(opt Options) error {
	r := rc.r
	rc.title = rc.titleItems()
	if rc.title == nil {
		rc.splitGluedTitle()
	}
	if ti := rc.title; ti != nil {
		var parts []string
		for _, i := range ti {
			parts = append(parts, strings.TrimSpace(rc.items[i].text))
		}
		r.Title = strings.Join(parts, "")
	}
	if rc.gluedTitle != "" {
		r.Title = rc.gluedTitle
	}
	if r.Title != "" {
		m := reYearTitle.FindStringSubmatchIndex(r.Title)
		if m != nil {
			r.Year, _ = strconv.Atoi(r.Title[m[2]:m[3]])
		} else if m = reYearHan.FindStringSubmatchIndex(r.Title); m != nil {
			r.Year = hanYear(r.Title[m[2]:m[3]])
		}
		// The agency: the text before the year, or between the year and
		// 政府信息公开 when the title starts with the year.
		ag := ""
		if m != nil {
			ag = strings.TrimSpace(r.Title[:m[0]])
			if k := strings.Index(ag, "政府信息公开"); k >= 0 {
				ag = ag[:k] // "某某局政府信息公开工作年度报告（2020年度）"
			}
			ag = strings.TrimRight(ag, " （(【[“\"")
		}
		if k := strings.Index(r.Title, "政府信息公开"); ag == "" && k > 0 {
			from := 0
			if m != nil && m[1] <= k {
				from = m[1]
			}
			ag = strings.TrimSpace(r.Title[from:k])
		}
		r.Agency = ag
	}
	// The statistics period: "统计期限从2020年1月1日到12月31日止".
	for _, it := range rc.items {
		if it.section > 1 {
			break
		}
		if !it.para {
			continue
		}
		if r.Year != 0 {
			break
		}
		if m := reYearPeriod.FindStringSubmatch(it.text); m != nil {
			r.Year, _ = strconv.Atoi(m[1])
		}
	}
	if r.Agency == "" {
		for i, it := range rc.items {
			if it.section == 1 {
				for _, nx := range rc.items[i:] {
					t := strings.TrimSpace(nx.text)
					if it.rest != "" && nx.pos == it.pos {
						t = it.rest
					}
					if !nx.para || t == "" {
						continue
					}
					if m := reAgencyText.FindStringSubmatch(t); m != nil {
						r.Agency = m[1]
					}
					if nx.section == 0 || nx.rest != "" {
						break
					}
				}
				break
			}
		}
	}
	if r.Year == 0 {
		for _, it := range rc.items {
			if it.section > 1 {
				break
			}
			if m := reYearTitle.FindStringSubmatch(it.text + it.rest); it.para && m != nil {
				r.Year, _ = strconv.Atoi(m[1])
				break
			}
		}
	}
	// Labels found only in one format decide it.
	count := map[string]int{}
	// The markers are normalized once, not once per cell (that was a third
	// of reading a report).
	markers := map[string][]string{}
	for _, k := range []string{schema.F2019, schema.F2021} {
		for _, m := range schema.FormatMarkers[k] {
			markers[k] = append(markers[k], normText(m))
		}
	}
	// A marker is a label: a cell of digits alone holds none.
	digitMarker := false
	for _, ms := range markers {
		for _, m := range ms {
			digitMarker = digitMarker || m == "" || plainDigits(m)
		}
	}
	for _, it := range rc.items {
		for _, c := range it.cells {
			if !digitMarker && (c.Text == "" || plainDigits(c.Text)) {
				continue
			}
			n := normText(c.Text)
			for _, k := range []string{schema.F2019, schema.F2021} {
				for _, m := range markers[k] {
					if strings.Contains(n, m) {
						count[k]++
					}
				}
			}
		}
	}
	byYear := ""
	if r.Year != 0 {
		byYear = schema.FormatForYear(r.Year)
	}
	byLabels := ""
	switch {
	case count[schema.F2019] > 0 && count[schema.F2021] > 0 && byYear != "":
		// Labels of both formats (a header copied from an old template):
		// the labels do not decide; the year does.
		r.AddNote(report.NoteFormatConflict, rc.doc.Name, fmt.Sprintf("表格标签兼有 2019 年格式（%d 处）和 2021 年格式（%d 处）的特征：按报告年度采用 %s 年格式", count[schema.F2019], count[schema.F2021], byYear))
	case count[schema.F2019] > count[schema.F2021]:
		byLabels = schema.F2019
	case count[schema.F2021] > count[schema.F2019]:
		byLabels = schema.F2021
	}
	forced := opt.Format
	if forced == "auto" {
		forced = ""
	}
	if forced != "" && schema.Get(forced) == nil {
		return fmt.Errorf("unknown format %q (want 2019 or 2021)", forced)
	}
	if forced != "" && byLabels != "" && forced != byLabels {
		return &FormatConflictError{Forced: forced, Labels: byLabels}
	}
	switch {
	case forced != "":
		r.Format = forced
	case byLabels != "":
		r.Format = byLabels
	case byYear != "":
		r.Format = byYear
	default:
		r.Format = schema.F2021
	}
	if byLabels != "" && byYear != "" && byLabels != byYear {
		r.AddNote(report.NoteFormatConflict, rc.doc.Name,
			fmt.Sprintf("报告年度 %d 按规定应使用 %s 年格式，但表格标签属于 %s 年格式：按标签采用 %s 年格式", r.Year, byYear, byLabels, byLabels))
	}
	rc.f = schema.Get(r.Format)
	return nil
}

// ---- narrative ------------------------------------------------------------------

func (rc *recognizer) buildSections() {
	r := rc.r
	secs := make([]report.Section, 7)
	secs[0] = report.Section{ID: "s0", Paragraphs: []string{}}
	for i := 1; i <= 6; i++ {
		secs[i] = report.Section{ID: "s" + strconv.Itoa(i), Paragraphs: []string{}}
	}
	title := map[int]bool{}
	for _, i := range rc.title {
		title[i] = true
	}
	cur := 0
	for i, it := range rc.items {
		if it.section > 0 {
			cur = it.section
			secs[cur].Heading = strings.TrimSpace(it.text)
			secs[cur].Pos = it.pos
			if it.rest != "" {
				secs[cur].Paragraphs = append(secs[cur].Paragraphs, it.rest)
			}
			continue
		}
		if it.narrative {
			var texts []string
			for _, c := range it.cells {
				texts = append(texts, CleanCellText(c.Text))
			}
			secs[cur].Paragraphs = append(secs[cur].Paragraphs, strings.Join(texts, " | "))
			continue
		}
		if !it.para || title[i] || it.table {
			continue
		}
		t := strings.TrimSpace(it.text)
		if t == "" {
			continue
		}
		if secs[cur].Pos == "" {
			secs[cur].Pos = it.pos
		}
		secs[cur].Paragraphs = append(secs[cur].Paragraphs, it.text)
	}
	for i := 1; i <= 6; i++ {
		if secs[i].Heading == "" {
			r.AddNote(report.NoteSectionMissing, rc.doc.Name, "未找到章节标题：“"+rc.f.Sections[i-1].Heading+"”")
		}
	}
	r.Sections = secs
}

// ---- finishing ------------------------------------------------------------------

func (rc *recognizer) finish() {
	r, f := rc.r, rc.f
	for _, n := range rc.doc.Notes {
		r.AddNote(n.Kind, n.Pos, n.Detail)
	}
	for _, t := range []struct{ id, name string }{{"t2", "表二（主动公开政府信息情况）"}, {"t3", "表三（收到和处理政府信息公开申请情况）"}, {"t4", "表四（政府信息公开行政复议、行政诉讼情况）"}} {
		if !rc.found[t.id] {
			r.AddNote(report.NoteTableMissing, rc.doc.Name, "未找到"+t.name)
		}
	}
	for _, c := range f.Cells(r.Layout) {
		id := c.ID
		if _, ok := r.Cells[id]; ok {
			continue
		}
		if _, ok := r.Missing[id]; ok {
			continue
		}
		r.Missing[id] = ""
	}
	// Published totals that disagree with their parts, or are blank while
	// the parts hold numbers.
	for _, c := range f.Cells(r.Layout) {
		if !c.IsTotal() {
			continue
		}
		sum, all, any := 0.0, true, false
		for _, p := range c.Parts {
			v, ok := r.Cells[p]
			if !ok {
				all = false
				continue
			}
			sum += v
			if v != 0 {
				any = true
			}
		}
		got, ok := r.Cells[c.ID]
		pos := r.Pos[c.ID]
		for _, p := range c.Parts {
			if pos == "" {
				pos = r.Pos[p]
			}
		}
		if pos == "" {
			pos = rc.doc.Name
		}
		switch {
		case ok && all && !nearlyEqual(got, sum):
			r.AddNote(report.NotePublishedTotal, pos, fmt.Sprintf("%s：各项之和为%s，表中为%s（按原文保留）", c.Label(), report.FormatNumber(sum), report.FormatNumber(got)), c.ID)
		case !ok && any:
			r.AddNote(report.NotePublishedTotal, pos, fmt.Sprintf("%s：表中为“%s”，而各项有数（之和至少为%s）", c.Label(), r.Missing[c.ID], report.FormatNumber(sum)), c.ID)
		}
	}
	// The （七）总计 × 总计 corner sums its row in the canonical workbook; it
	// is also the column's sum of the result rows.
	corner := "t3.result_total.total"
	if got, ok := r.Cells[corner]; ok {
		sum, all := 0.0, true
		for _, row := range f.T3DataRows(r.Layout) {
			if !row.Result {
				continue
			}
			v, ok := r.Cells[f.CellID("t3", row.ID, "total")]
			all = all && ok
			sum += v
		}
		if all && !nearlyEqual(got, sum) {
			r.AddNote(report.NotePublishedTotal, r.Pos[corner], fmt.Sprintf("表三（七）总计·总计：各办理结果总计之和为%s，表中为%s（按原文保留）", report.FormatNumber(sum), report.FormatNumber(got)), corner)
		}
	}
	sortNotes(r.Notes)
	r.Notes = coalesceNotes(r.Notes)
	r.Normalize()
}

// coalesceNotes merges notes that say the same thing at the same place
// (a reader's note on each cell of one split row) into one note naming
// every cell.
func coalesceNotes(notes []report.Note) []report.Note {
	var out []report.Note
	at := map[[3]string]int{}
	for _, n := range notes {
		k := [3]string{n.Kind, n.Pos, n.Detail}
		if i, ok := at[k]; ok {
			out[i].Cells = append(out[i].Cells, n.Cells...)
			continue
		}
		at[k] = len(out)
		n.Cells = append([]string(nil), n.Cells...)
		out = append(out, n)
	}
	return out
}

// sortNotes orders notes by their line in the source (stable; notes about
// the whole file or a sheet cell keep their order, last).
func sortNotes(notes []report.Note) {
	line := func(pos string) int {
		k := strings.LastIndexByte(pos, ':')
		if k < 0 {
			return 1 << 30
		}
		n, err := strconv.Atoi(pos[k+1:])
		if err != nil {
			return 1 << 30
		}
		return n
	}
	sort.SliceStable(notes, func(i, j int) bool { return line(notes[i].Pos) < line(notes[j].Pos) })
}

// settleOther decides the layout of a 2021 report's （六）其他处理: printed
// as one row with values (and no sub-rows), its values are t3.other.<col>
// and the layout is t3.other.single_row; printed as a subtotal above its
// sub-rows, the subtotal is an extra row.
func (rc *recognizer) settleOther() {
	r, f := rc.r, rc.f
	if f.Key != schema.F2021 {
		return
	}
	// single: t3.other.<col>; sub: the three sub-rows t3.other.<row>.<col>.
	var single, sub []string
	singleNums, subNums := 0, 0
	for _, m := range []map[string]bool{keySet(r.Cells), keySet(r.Missing)} {
		for id := range m {
			if !strings.HasPrefix(id, "t3.other.") {
				continue
			}
			_, num := r.Cells[id]
			if f.HasCell(id, nil) {
				sub = append(sub, id)
				if num {
					subNums++
				}
			} else {
				single = append(single, id)
				if num {
					singleNums++
				}
			}
		}
	}
	if len(single) == 0 {
		return
	}
	sort.Strings(single)
	sort.Strings(sub)
	drop := func(ids []string, what string) {
		pos := r.Pos[ids[0]]
		if pos == "" {
			pos = rc.doc.Name
		}
		var vals []string
		for _, id := range ids {
			if v, ok := r.Cells[id]; ok {
				vals = append(vals, report.FormatNumber(v))
			} else {
				vals = append(vals, "“"+r.Missing[id]+"”")
			}
			delete(r.Cells, id)
			delete(r.Missing, id)
			delete(r.Pos, id)
		}
		r.AddNote(report.NoteExtraRow, pos, what+"未采用："+strings.Join(vals, " "))
	}
	if subNums == 0 && (singleNums > 0 || len(sub) == 0) {
		// （六）其他处理 printed as one row: the sub-rows do not exist.
		r.Layout = append(r.Layout, schema.LayoutOtherSingleRow)
		if len(sub) > 0 {
			drop(sub, "（六）其他处理已按一行填报，其下各项没有数值，")
		}
		return
	}
	drop(single, "（六）其他处理一行的数值（小计）")
}

func keySet[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func nearlyEqual(a, b float64) bool {
	d := a - b
	return d < 1e-6 && d > -1e-6
}

func (rc *recognizer) anyTable() bool {
	return rc.found["t2"] || rc.found["t3"] || rc.found["t4"]
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true // CJK Unified Ideographs, most of the text: no table search
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// normText is schema.Normalize (which memoizes short texts).
func normText(s string) string { return schema.Normalize(s) }
