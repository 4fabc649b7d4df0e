package convert

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// PDF text as `pdftotext -layout` prints it: table columns aligned with runs
// of spaces, a wrapped label leaving its numbers alone on a line before,
// after or between its fragments, group labels (（三）不予公开) on lines of
// their own between the items, the vertical merged label 三、本年度办理结果
// printed once mid-block ("三 、本 年 度办 理 结果") or one character per
// line, page footers (-3-, - 3 -) and form feeds inside the tables, headers
// wrapped (商业企 / 业).
//
// Inside a table region (after the heading of section 二, 三 or 四) every
// line is cut into words at white space; a word that reads as a value is a
// value, the others are label fragments. Label fragments are put back
// together against the official labels (schema): a fragment starting with an
// ordinal (一、 （三） 1. 1、) starts a label, any other continues the label it
// extends (the current item, the current group, or the vertical label).
// Values go to the item being read; values that come before their label wait
// for it. The same reading serves `pdftotext -raw` (text_raw.go), which
// differs only in white space.

func init() {
	registerTextLayout(textLayout{name: "pdflayout", score: scorePDFLayout, parse: parsePDFLayout})
}

// ltok is a word of a line: a value or a label fragment.
type ltok struct {
	text  string
	x     int // rune column in the line
	value bool
}

var reValueTok = regexp.MustCompile(`^[+-]?[0-9０-９][0-9０-９,，]*([.．][0-9０-９]+)?(万元|元)?$`)

// isValueTok reports whether a word is a value: a number (sign, decimals,
// unit) or a missing marker.
func isValueTok(s string) bool {
	if plainDigits(s) {
		return true
	}
	if reValueTok.MatchString(s) {
		return true
	}
	return s != "无" && IsMissingMarker(s)
}

func isBlankRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\f' || r == '\u00a0' || r == '\u3000' || r == '\r' || r == utf8.RuneError
}

// countValueToks counts the words of a line that are values, as lineTokens
// would mark them, stopping at enough. A unit printed apart ("7004.69 万元")
// changes no count: lineTokens joins a non-value to a value.
func countValueToks(line string, enough int) int {
	n, start := 0, -1
	end := func(i int) {
		if start >= 0 {
			if isValueTok(line[start:i]) {
				n++
			}
			start = -1
		}
	}
	for i, r := range line {
		if isBlankRune(r) {
			end(i)
			if n >= enough {
				return n
			}
		} else if start < 0 {
			start = i
		}
	}
	end(len(line))
	return n
}

// lineTokens cuts a line into words at white space.
func lineTokens(line string) []ltok {
	var out []ltok
	var b strings.Builder
	start, x := -1, 0
	flush := func() {
		if b.Len() > 0 {
			w := b.String()
			out = append(out, ltok{text: w, x: start, value: isValueTok(w)})
		}
		b.Reset()
		start = -1
	}
	for _, r := range line {
		if isBlankRune(r) {
			flush()
		} else {
			if start < 0 {
				start = x
			}
			b.WriteRune(r)
		}
		x++
	}
	flush()
	// A unit printed apart from its number ("7004.69 万元") belongs to it.
	for i := 1; i < len(out); i++ {
		if (out[i].text == "万元" || out[i].text == "元") && out[i-1].value && reValueTok.MatchString(out[i-1].text) &&
			!strings.HasSuffix(out[i-1].text, "元") {
			out[i-1].text += out[i].text
			out = append(out[:i], out[i+1:]...)
			i--
		}
	}
	return out
}

// headingOf returns the section a line is the heading of ("" if none).
func headingOf(t string) string {
	n := schema.Normalize(t)
	if n == "" || utf8.RuneCountInString(n) > 40 {
		return ""
	}
	for _, k := range []string{schema.F2021, schema.F2019} {
		if s, _, ok := schema.Get(k).MatchSection(t); ok {
			return s.ID
		}
	}
	return ""
}

// reFragStart: a label starting with an ordinal.
var reFragStart = regexp.MustCompile(`^([(（][一二三四五六七八九十][)）]|[一二三四五六七八九十]、|[0-9]{1,2}[.、．])`)

// scorePDFLayout counts table rows of values aligned by runs of spaces.
func scorePDFLayout(s *lineScan) int {
	n := 0
	for i := range s.lines {
		if s.hasSep(i) {
			continue
		}
		if s.gaps(i) == 2 {
			n++
		}
	}
	if n < 5 {
		return 0
	}
	return 3 * n
}

// valueRowGaps looks at a line with at least three values: 2 when some gap
// between its words is two spaces or more, 1 when every gap is one space, 0
// for a line that is not a row of values.
func valueRowGaps(ln string) int {
	if countValueToks(ln, 3) < 3 {
		return 0 // most lines: prose, one token or a few, never built
	}
	toks := lineTokens(ln)
	nv := 0
	for _, t := range toks {
		if t.value {
			nv++
		}
	}
	if nv < 3 {
		return 0
	}
	for i := 1; i < len(toks); i++ {
		prevEnd := toks[i-1].x + utf8.RuneCountInString(toks[i-1].text)
		if toks[i].x-prevEnd >= 2 {
			return 2
		}
	}
	return 1
}

func parsePDFLayout(name string, lines []string) (*Document, error) {
	return parsePDFText(name, lines, false)
}

// parsePDFText builds the Document of pdftotext output; raw selects the
// paragraph rules of `-raw` (no indentation to go by).
func parsePDFText(name string, lines []string, raw bool) (*Document, error) {
	doc := &Document{Name: name}
	var para *Block
	endPara := func() {
		if para != nil {
			doc.Blocks = append(doc.Blocks, *para)
			para = nil
		}
	}
	var tb *tableBuilder
	seen := map[string]bool{}
	pages := make([]int, len(lines))
	for i, pg := 0, 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "\f") {
			pg++
		}
		pages[i] = pg
	}
	// The body's left edge: a browser's print of a page puts every line
	// some way in from pdftotext's first column (its margins start
	// there), so that a paragraph's first line is indented from that edge,
	// not from column 0.
	// skip marks the lines that are no text: blank, page numbers, a
	// browser's page margins.
	skip := make([]bool, len(lines))
	for i, ln := range lines {
		t := strings.TrimFunc(ln, isBlankRune)
		skip[i] = t == "" || isPageNumber(t) || barePageNumber(lines, i) || isPrintMargin(t)
	}
	base, full, indents := -1, 0, false
	if !raw {
		for i, ln := range lines {
			if n := leadingSpaces(ln); !skip[i] && (base < 0 || n < base) {
				base = n
			}
		}
		full, indents = proseMeasure(lines, skip, base)
	}
	var paraLast string // the last line of para
	endTable := func() {
		if tb != nil {
			if b, ok := tb.block(); ok {
				doc.Blocks = append(doc.Blocks, b)
			}
			doc.Notes = append(doc.Notes, tb.notes...)
			tb = nil
		}
	}
	for i, ln := range lines {
		pos := linePos(name, i)
		t := strings.TrimFunc(ln, isBlankRune)
		if skip[i] {
			continue
		}
		if id := headingOf(t); id != "" {
			endPara()
			endTable()
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Pos: pos})
			if tbl := map[string]string{"s2": "t2", "s3": "t3", "s4": "t4"}[id]; tbl != "" {
				tb = newTableBuilder(name, tbl)
				tb.raw, tb.pages = raw, pages
				seen[tbl] = true
			}
			continue
		}
		if m := tableMarker(t); m != "" && !seen[m] && (tb == nil || tb.table != m) {
			// A table whose section heading is missing starts at its own
			// first line.
			endPara()
			endTable()
			tb = newTableBuilder(name, m)
			tb.raw, tb.pages = raw, pages
			seen[m] = true
		}
		if tb != nil {
			if tb.feedLine(i, ln) {
				continue
			}
			endTable() // the table is over: narrative follows
		}
		indented := false
		if !raw {
			n := leadingSpaces(ln)
			indented = n >= base+2 || strings.HasPrefix(strings.TrimLeft(ln, " \f"), "\u3000")
		}
		// A line ending a sentence ends the paragraph, unless the text
		// indents its paragraphs and that line ran to the right edge: then
		// the sentence merely ended where the line wrapped.
		wrapped := indents && full > 0 && utf8.RuneCountInString(strings.TrimRightFunc(paraLast, isBlankRune)) >= full-2
		if para != nil && !indented && (!endsSentence(para.Text) || wrapped) && !(raw && isSubheading(t)) {
			para.Text += t
			paraLast = ln
			continue
		}
		endPara()
		para = &Block{Kind: Para, Text: t, Pos: pos}
		paraLast = ln
		if raw && isSubheading(t) {
			// `-raw` keeps no indentation: a short "（一）主动公开方面"
			// line is a paragraph of its own, not the start of the next.
			endPara()
		}
	}
	endPara()
	endTable()
	return doc, nil
}

// proseMeasure returns how far a full line of prose reaches (the most
// common end column of lines of 15 or more characters with no run of
// spaces inside: 0 when there are fewer than 5 such lines), and whether the
// prose indents its paragraphs (some of those lines start two or more
// columns in from the body's left edge base, at least 3 of them). Lines
// marked in skip are not text.
func proseMeasure(lines []string, skip []bool, base int) (full int, indents bool) {
	ends := map[int]int{}
	n, in := 0, 0
	for i, ln := range lines {
		t := strings.TrimFunc(ln, isBlankRune)
		if skip[i] || utf8.RuneCountInString(t) < 15 || strings.Contains(t, "   ") {
			continue
		}
		n++
		ends[utf8.RuneCountInString(strings.TrimRightFunc(strings.TrimPrefix(ln, "\f"), isBlankRune))]++
		if leadingSpaces(ln) >= base+2 {
			in++
		}
	}
	if n < 5 {
		return 0, in >= 3
	}
	for e, c := range ends {
		if c > ends[full] || c == ends[full] && e > full {
			full = e
		}
	}
	return full, in >= 3
}

var reSubheading = regexp.MustCompile(`^[（(][一二三四五六七八九十]{1,3}[）)][^，。；：,;:！？!?]{1,18}$`)

// isSubheading reports whether a line is a short numbered subheading
// ("（一）主动公开方面") with no sentence in it.
func isSubheading(t string) bool { return reSubheading.MatchString(t) }

// leadingSpaces counts the spaces a line starts with (a form feed, which
// starts a page, is not one).
func leadingSpaces(ln string) int {
	n := 0
	for _, r := range strings.TrimPrefix(ln, "\f") {
		if r != ' ' {
			break
		}
		n++
	}
	return n
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：!?;:", r)
}

// tableBuilder reads the lines of one table region.
type tableBuilder struct {
	name  string
	table string
	out   []outRow
	// labels in the order they started
	item, grp *asmLabel
	last      *asmLabel // the last label started (item or group)
	vbuf      string
	pending   []Cell
	pendingX  [][2]int // x and line of each pending value
	started   bool
	t4vals    []Cell
	t4pos     string
	notes     []DocNote
	header    []Cell // t3/t4 header words of the current line
	// raw: `-raw` text, whose columns carry no position.
	raw bool
	// t2hdr: the centres of the value columns of the last 表二 header.
	t2hdr []int
	// pages gives the page (form feeds counted) of every line.
	pages []int
	// hdrRow is the index in out of the last 表二 header row (-1: none).
	hdrRow int
	// preHdr holds header words printed above the 信息内容 line.
	preHdr    []ltok
	preHdrPos string
	// line is the index of the line being read; spilled is 1 + the index
	// of the last line a value of which went to pending.
	line, spilled int
}

// flushPreHdr keeps header words that no 信息内容 line claimed as a row.
func (tb *tableBuilder) flushPreHdr() {
	if len(tb.preHdr) > 0 {
		tb.out = append(tb.out, outRow{cells: wordCells(tb.preHdr, tb.preHdrPos)})
		tb.preHdr = nil
	}
}

// outRow is a fixed row (title, header) or a label being assembled.
type outRow struct {
	cells []Cell
	lab   *asmLabel
	title bool // a 表二 block title
}

// asmLabel is a label put together from fragments, with its values.
type asmLabel struct {
	printed string
	norm    string
	pos     string
	vals    []Cell
	xs      []int // each value's column (its centre), for aligning blanks
	lines   []int // each value's line
	hdr     []int // 表二: the centres of the header's value columns
	group   bool  // a group label (no values of its own)
	six     bool  // （六）其他处理: a group, or a data row when values come
	// fromPending: the values came before the label (and wait to be
	// confirmed: values of its own on a later line overrule them).
	fromPending bool
	// grewOn is 1 + the index of the last line that added a fragment to
	// the label after it started (0: none).
	grewOn int
}

// isGroupRow reports whether the label is printed as a group label row (no
// values of its own).
func (l *asmLabel) isGroupRow() bool { return l.group || l.six && len(l.vals) == 0 }

func newTableBuilder(name, table string) *tableBuilder {
	return &tableBuilder{name: name, table: table, hdrRow: -1}
}

var (
	vertNorm   = schema.Normalize(schema.T3ResultsGroup)
	t3Norms    []string // every 表三 row label, folded
	t3Group    = map[string]bool{}
	t3Six      = map[string]bool{}
	t2Norms    []string
	t2Titles   []string
	t2Contents = schema.Normalize(schema.T2ContentHeader)
)

func init() {
	seen := map[string]bool{}
	for _, k := range []string{schema.F2021, schema.F2019} {
		f := schema.Get(k)
		for _, r := range f.T3Rows {
			for _, l := range append([]string{r.Label}, r.Variants...) {
				n := schema.Normalize(l)
				if n == "总计" {
					continue
				}
				if r.SingleRowOther || r.ID == "other" {
					t3Six[n] = true
				} else if r.IsGroup {
					t3Group[n] = true
				}
				if !seen["3"+n] {
					seen["3"+n] = true
					t3Norms = append(t3Norms, n)
				}
			}
		}
		for _, b := range f.T2 {
			for _, l := range append([]string{b.Title}, b.Variants...) {
				if n := schema.Normalize(l); !seen["t"+n] {
					seen["t"+n] = true
					t2Titles = append(t2Titles, n)
				}
			}
			for _, r := range b.Rows {
				for _, l := range append([]string{r.Label}, r.Variants...) {
					if n := schema.Normalize(l); !seen["2"+n] {
						seen["2"+n] = true
						t2Norms = append(t2Norms, n)
					}
				}
			}
		}
	}
}

func prefixOfAny(n string, set []string) bool {
	for _, l := range set {
		if strings.HasPrefix(l, n) {
			return true
		}
	}
	return false
}

func inSet(n string, set []string) bool {
	for _, l := range set {
		if l == n {
			return true
		}
	}
	return false
}

// groupish reports whether a label start can only be a group label (or the
// （六）其他处理 row): it is a prefix of a group label and of no data row.
func groupish(n string) (group, six bool) {
	data := false
	for _, l := range t3Norms {
		if !strings.HasPrefix(l, n) {
			continue
		}
		switch {
		case t3Six[l]:
			six = true
		case t3Group[l]:
			group = true
		default:
			data = true
		}
	}
	if data {
		return false, false
	}
	return group || six, six
}

// feedLine reads one line of the region; false when the line is narrative
// (the table ended without the next heading).
func (tb *tableBuilder) feedLine(i int, ln string) bool {
	tb.line = i
	pos := linePos(tb.name, i)
	toks := lineTokens(ln)
	nv := 0
	var words []string
	for _, t := range toks {
		if t.value {
			nv++
		} else {
			words = append(words, t.text)
		}
	}
	joined := schema.Normalize(strings.Join(words, ""))
	// Narrative after the table (a section heading missing): a long line of
	// prose once the table has values.
	if tb.hasValues() && utf8.RuneCountInString(joined) > 20 && strings.ContainsAny(joined, "，。,") {
		return false
	}
	switch tb.table {
	case "t4":
		if nv == 0 {
			tb.out = append(tb.out, outRow{cells: wordCells(toks, pos)})
			return true
		}
		for k, t := range toks {
			if t.value || t4LineMarker(toks, k, nv) {
				if tb.t4pos == "" {
					tb.t4pos = pos
				}
				tb.t4vals = append(tb.t4vals, Cell{Text: t.text, Pos: pos, RowSpan: 1, ColSpan: 1})
			}
		}
		return true
	case "t2":
		if nv == 0 && inSet(joined, t2Titles) {
			tb.item = nil
			tb.flushPreHdr()
			tb.out = append(tb.out, outRow{cells: []Cell{{Text: strings.Join(words, " "), Pos: pos, RowSpan: 1, ColSpan: 1}}, title: true})
			return true
		}
		if len(words) > 0 && schema.Normalize(words[0]) == t2Contents {
			tb.item = nil
			tb.out = append(tb.out, outRow{cells: wordCells(toks, pos)})
			tb.hdrRow = len(tb.out) - 1
			tb.t2hdr = nil
			for _, t := range toks[1:] {
				tb.t2hdr = append(tb.t2hdr, t.x+utf8.RuneCountInString(t.text)/2)
			}
			if len(tb.preHdr) > 0 {
				tb.continueHeader(tb.preHdr)
				tb.preHdr = nil
			}
			return true
		}
		if nv == 0 && len(words) > 0 && !anyT2Label(words) && len(tb.out) > 0 && tb.out[len(tb.out)-1].title {
			// A header cell printed above the 信息内容 line (vertically
			// centred): it joins the header row when that comes.
			if len(tb.preHdr) == 0 {
				tb.preHdrPos = pos
			}
			tb.preHdr = append(tb.preHdr, toks...)
			return true
		}
		if nv == 0 && len(words) > 0 && !anyT2Label(words) && tb.hdrRow >= 0 && tb.hdrRow == len(tb.out)-1 {
			// The header goes on over this line ("采购总金额（单位：万" /
			// "元）", "本年新" / "制作数量").
			tb.continueHeader(toks)
			return true
		}
		if nv == 0 && len(words) > 0 && !anyT2Label(words) && (tb.item == nil || len(tb.item.vals) > 0) {
			// A header line continued ("制作数量 公开数量 总数量"), or a
			// stray line: one row, as printed.
			tb.item = nil
			tb.out = append(tb.out, outRow{cells: wordCells(toks, pos)})
			return true
		}
	}
	for _, t := range toks {
		if t.value {
			tb.addValue(Cell{Text: t.text, Pos: pos, RowSpan: 1, ColSpan: 1}, t.x+utf8.RuneCountInString(t.text)/2, i)
		} else {
			tb.feedWord(t.text, pos)
		}
	}
	tb.flushHeader(pos)
	return true
}

// t4LineMarker reports whether toks[k], a word on a line of 表四's values
// (nv of them), is a missing marker in a value's place ("2 暂无 0 2 7 …"):
// between two values, or first on a line it completes to a row of 5 or
// 15. Other words on such a line (header pieces) are not values.
func t4LineMarker(toks []ltok, k, nv int) bool {
	t := toks[k]
	if t.value || !t4MarkerText(t.text) || k+1 >= len(toks) || !toks[k+1].value {
		return false
	}
	if k > 0 {
		return toks[k-1].value
	}
	return nv+1 == 5 || nv+1 == 15
}

func (tb *tableBuilder) hasValues() bool {
	if len(tb.t4vals) > 0 {
		return len(tb.t4vals) >= 15
	}
	for _, o := range tb.out {
		if o.lab != nil && o.lab.norm != "" && strings.HasPrefix(o.lab.norm, "四、") && len(o.lab.vals) > 0 {
			return true // 表三 read to its last row
		}
	}
	return false
}

func wordCells(toks []ltok, pos string) []Cell {
	var out []Cell
	for _, t := range toks {
		out = append(out, Cell{Text: t.text, Pos: pos, RowSpan: 1, ColSpan: 1})
	}
	return out
}

func (tb *tableBuilder) flushHeader(pos string) {
	if len(tb.header) > 0 {
		tb.out = append(tb.out, outRow{cells: tb.header})
		tb.header = nil
	}
}

// feedWord takes a label fragment.
func (tb *tableBuilder) feedWord(w, pos string) {
	n := schema.Normalize(w)
	if n == "" {
		return
	}
	if tb.table == "t3" {
		// The vertical merged label, whole or a few characters at a time.
		if (tb.vbuf != "" || strings.HasPrefix(n, "三")) && strings.HasPrefix(vertNorm, tb.vbuf+n) {
			tb.vbuf += n
			if tb.vbuf == vertNorm {
				tb.vbuf = ""
			}
			return
		}
		start := reFragStart.MatchString(n) || inSet(n, t3Norms)
		if !tb.started && !start {
			tb.header = append(tb.header, Cell{Text: w, Pos: pos, RowSpan: 1, ColSpan: 1})
			return
		}
		if start {
			tb.startT3Label(w, n, pos)
			return
		}
		if tb.continueLabel(w, n, t3Norms) {
			return
		}
		if utf8.RuneCountInString(n) >= 4 && prefixOfAny(n, t3Norms) {
			// A label printed without its ordinal ("本年新收政府信息公开"
			// wrapped): it continues nothing, so it starts a row.
			tb.startT3Label(w, n, pos)
			return
		}
		if tb.item != nil && !prefixOfAny(tb.item.norm, t3Norms) {
			// An unknown label (a typo not in the schema): keep it whole.
			tb.item.printed += w
			tb.item.norm += n
		}
		// Anything else is a repeated header or a stray fragment: dropped.
		return
	}
	// 表二: row labels carry no ordinal.
	if tb.item != nil && prefixOfAny(tb.item.norm+n, t2Norms) && len(tb.item.vals) == 0 {
		tb.item.printed += w
		tb.item.norm += n
		return
	}
	if prefixOfAny(n, t2Norms) {
		l := &asmLabel{printed: w, norm: n, pos: pos, hdr: tb.t2hdr}
		tb.out = append(tb.out, outRow{lab: l})
		tb.item, tb.last = l, l
		tb.takePending(l)
		return
	}
	if tb.item != nil && len(tb.item.vals) == 0 {
		tb.item.printed += w
		tb.item.norm += n
		return
	}
	tb.out = append(tb.out, outRow{cells: []Cell{{Text: w, Pos: pos, RowSpan: 1, ColSpan: 1}}})
}

// continueLabel adds a fragment to the label it extends.
func (tb *tableBuilder) continueLabel(w, n string, set []string) bool {
	for _, l := range []*asmLabel{tb.item, tb.grp} {
		if l != nil && prefixOfAny(l.norm+n, set) {
			l.printed += w
			l.norm += n
			l.grewOn = tb.line + 1
			return true
		}
	}
	return false
}

// startT3Label starts a 表三 label (a data row, a group, or （六）).
func (tb *tableBuilder) startT3Label(w, n, pos string) {
	tb.started = true
	g, six := groupish(n)
	l := &asmLabel{printed: w, norm: n, pos: pos, group: g && !six, six: six}
	tb.out = append(tb.out, outRow{lab: l})
	tb.last = l
	if g {
		tb.grp = l
	} else {
		tb.item = l
		tb.takePending(l)
	}
}

// takePending gives the values read before their label to a new label.
func (tb *tableBuilder) takePending(l *asmLabel) {
	if len(tb.pending) == 0 {
		return
	}
	l.vals = append(l.vals, tb.pending...)
	for _, p := range tb.pendingX {
		l.xs = append(l.xs, p[0])
		l.lines = append(l.lines, p[1])
	}
	l.fromPending = true
	tb.pending, tb.pendingX = nil, nil
}

// addValue gives a value to the label being read.
func (tb *tableBuilder) addValue(c Cell, x, line int) {
	want := 7
	if tb.table == "t2" {
		want = 3
	}
	// A row's values share a line: a label that got values on another line
	// takes no more (its blanks printed nothing). Except in the browser's
	// print of a table whose cells are centred one by one: a value a line
	// above the others ("缴纳费用、行政 6" / "机关不再处理其  0 0 0 0 0 6").
	// The row goes on when its label went on over this line, on the next
	// line, to the right of the values it has.
	full := func(l *asmLabel) bool {
		if len(l.vals) >= want {
			return true
		}
		if len(l.vals) == 0 {
			return false
		}
		last := len(l.vals) - 1
		return l.lines[last] != line && !(!tb.raw && l.lines[last] == line-1 && l.grewOn == line+1 && x > l.xs[last] && tb.spilled != line+1)
	}
	target := tb.item
	if tb.table == "t3" && tb.last != nil && tb.last.six {
		// （六）其他处理 takes the values unless the item started before it
		// is still taking its own.
		if tb.item == nil || full(tb.item) {
			target = tb.last
		}
	}
	if target != nil && target.fromPending && len(target.vals) > 0 && target.lines[len(target.lines)-1] != line {
		// The label took values printed before it and now prints its own:
		// those were not its values (a row whose label went unread). They
		// are dropped with a note rather than shifted into a row.
		tb.notes = append(tb.notes, DocNote{Kind: report.NoteUnreadableValue, Pos: target.vals[0].Pos,
			Detail: "表格中有无法对应到行标签的数值（" + cellTexts(target.vals) + "），未采用"})
		target.vals, target.xs, target.lines, target.fromPending = nil, nil, nil, false
	}
	if target == nil || full(target) {
		tb.pending = append(tb.pending, c)
		tb.pendingX = append(tb.pendingX, [2]int{x, line})
		tb.spilled = line + 1
		return
	}
	target.vals = append(target.vals, c)
	target.xs = append(target.xs, x)
	target.lines = append(target.lines, line)
}

// block returns the table's grid.
func (tb *tableBuilder) block() (Block, bool) {
	tb.flushPreHdr()
	tb.sixToFirstItem()
	tb.align()
	var rows [][]Cell
	if len(tb.pending) > 0 {
		tb.notes = append(tb.notes, DocNote{Kind: report.NoteUnreadableValue, Pos: tb.pending[0].Pos,
			Detail: "表格中有无法对应到行标签的数值（" + cellTexts(tb.pending) + "），未采用"})
	}
	// Group labels go before the first item of their group.
	placed := map[*asmLabel]bool{}
	groupRow := func(l *asmLabel) []Cell {
		return []Cell{{Text: l.printed, Pos: l.pos, RowSpan: 1, ColSpan: 1}}
	}
	for _, o := range tb.out {
		if o.lab == nil {
			rows = append(rows, o.cells)
			continue
		}
		l := o.lab
		if l.isGroupRow() {
			continue // placed before its first item, or at the end
		}
		if tb.table == "t3" {
			if g := groupOf(l.norm); g != "" {
				for _, o2 := range tb.out {
					if o2.lab != nil && o2.lab.isGroupRow() && !placed[o2.lab] && canonicalT3(o2.lab.norm) == g {
						placed[o2.lab] = true
						rows = append(rows, groupRow(o2.lab))
					}
				}
			}
		}
		row := []Cell{{Text: l.printed, Pos: l.pos, RowSpan: 1, ColSpan: 1}}
		rows = append(rows, append(row, l.vals...))
	}
	for _, o := range tb.out {
		if o.lab != nil && o.lab.isGroupRow() && !placed[o.lab] {
			rows = append(rows, groupRow(o.lab))
		}
	}
	if tb.table == "t4" && len(tb.t4vals) > 0 {
		if len(tb.t4vals) < 15 {
			tb.t4vals = unplaced("表四", tb.t4vals, 15)
		}
		rows = append(rows, tb.t4vals)
	}
	if len(rows) == 0 {
		return Block{}, false
	}
	return Block{Kind: Grid, Pos: rows[0][0].Pos, Rows: rows}, true
}

func cellTexts(cs []Cell) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Text)
	}
	return strings.Join(s, " ")
}

// canonicalT3 returns the official label of a folded 表三 label ("" if none).
func canonicalT3(n string) string {
	for _, k := range []string{schema.F2021, schema.F2019} {
		if r, _, ok := schema.Get(k).MatchT3Row(n); ok {
			return r.Label
		}
	}
	return ""
}

// groupOf returns the group label of a folded 表三 item label.
func groupOf(n string) string {
	for _, k := range []string{schema.F2021, schema.F2019} {
		if r, _, ok := schema.Get(k).MatchT3Row(n); ok {
			return r.Group
		}
	}
	return ""
}

// align puts the values of a row that printed fewer values than it has
// cells (a blank cell prints nothing in PDF text) under their columns: by
// the columns of the nearest complete row (表三) or of the header (表二),
// read from the values' positions in the line. Without positions (`-raw`
// text, or values spread over several lines) the row's cells are left
// missing with a note: a value in the wrong column is worse than none.
func (tb *tableBuilder) align() {
	var labs []*asmLabel
	for _, o := range tb.out {
		if o.lab != nil && len(o.lab.vals) > 0 && !o.lab.group {
			labs = append(labs, o.lab)
		}
	}
	oneLine := func(l *asmLabel) bool {
		for _, ln := range l.lines {
			if ln != l.lines[0] {
				return false
			}
		}
		return true
	}
	for i, l := range labs {
		want := 7
		var anchors []int
		n := len(l.vals)
		if tb.table == "t2" {
			// The header's columns count only when the schema agrees
			// ("本年新 制作数量" may print as two words).
			cols := t2ColCounts(l.norm)
			switch {
			case cols[len(l.hdr)]:
				want, anchors = len(l.hdr), l.hdr
			case cols[n] || len(cols) == 0:
				continue
			default:
				want = 3
				for c := range cols {
					if c < want {
						want = c
					}
				}
			}
		}
		if want == 0 || n >= want {
			continue
		}
		if tb.table == "t3" && !tb.raw && oneLine(l) {
			// The nearest complete row, on the same page if there is one
			// (columns move between pages).
			for _, samePage := range []bool{true, false} {
				for d := 1; d < len(labs) && anchors == nil; d++ {
					for _, j := range []int{i - d, i + d} {
						if j >= 0 && j < len(labs) && len(labs[j].xs) == want && oneLine(labs[j]) &&
							(!samePage || tb.page(labs[j].lines[0]) == tb.page(l.lines[0])) {
							anchors = labs[j].xs
							break
						}
					}
				}
			}
		}
		if tb.raw || !oneLine(l) || anchors == nil {
			l.vals = unplaced(l.printed, l.vals, want)
			continue
		}
		slots := placeByColumn(l.xs, anchors)
		if !closeFit(l.xs, anchors, slots) {
			l.vals = unplaced(l.printed, l.vals, want)
			continue
		}
		vals := make([]Cell, want)
		for k := range vals {
			vals[k] = Cell{Pos: l.vals[0].Pos, RowSpan: 1, ColSpan: 1}
		}
		for k, s := range slots {
			vals[s] = l.vals[k]
		}
		l.vals = vals
		l.xs = nil // placed: no reference for others
	}
}

// unplaced returns want cells that are missing with a note: the row printed
// fewer values than cells and nothing tells which cells are blank.
func unplaced(label string, vals []Cell, want int) []Cell {
	printed := cellTexts(vals)
	out := make([]Cell, want)
	for k := range out {
		out[k] = Cell{Text: printed, Pos: vals[0].Pos, RowSpan: 1, ColSpan: 1, Note: &CellNote{Kind: report.NoteAmbiguousSplit,
			Detail: "“" + label + "”这一行只印了 " + strconv.Itoa(len(vals)) + " 个数（" + printed + "），应有 " + strconv.Itoa(want) +
				" 个，无法确定空白单元格的位置（ambiguous_split），记为缺失"}}
	}
	return out
}

// placeByColumn assigns values at positions xs, in order, to increasing
// columns at positions anchors, with the least total distance.
func placeByColumn(xs, anchors []int) []int {
	n, m := len(xs), len(anchors)
	const inf = int(^uint(0) >> 2)
	cost := make([][]int, n)
	from := make([][]int, n)
	for k := range cost {
		cost[k] = make([]int, m)
		from[k] = make([]int, m)
		for s := range cost[k] {
			cost[k][s] = inf
		}
	}
	dist := func(a, b int) int {
		if a > b {
			return a - b
		}
		return b - a
	}
	for s := 0; s < m; s++ {
		cost[0][s] = dist(xs[0], anchors[s])
	}
	for k := 1; k < n; k++ {
		for s := k; s < m; s++ {
			for p := k - 1; p < s; p++ {
				if cost[k-1][p] < inf && cost[k-1][p]+dist(xs[k], anchors[s]) < cost[k][s] {
					cost[k][s] = cost[k-1][p] + dist(xs[k], anchors[s])
					from[k][s] = p
				}
			}
		}
	}
	best := n - 1
	for s := n - 1; s < m; s++ {
		if cost[n-1][s] < cost[n-1][best] {
			best = s
		}
	}
	slots := make([]int, n)
	for k := n - 1; k >= 0; k-- {
		slots[k] = best
		best = from[k][best]
	}
	return slots
}

// t2ColCounts returns the value column counts a 表二 row label has in the
// formats that know it.
func t2ColCounts(norm string) map[int]bool {
	out := map[int]bool{}
	for _, k := range []string{schema.F2021, schema.F2019} {
		if b, _, _, ok := schema.Get(k).MatchT2Row(norm); ok {
			out[len(b.Cols)] = true
		}
	}
	return out
}

var (
	markT2     = schema.Normalize("第二十条第（一）项")
	markT3Note = schema.Normalize("（本列数据的勾稽关系")
	markT3Row  = schema.Normalize("一、本年新收")
	markT4     = schema.Normalize(schema.T4Review)
	markT4Lit  = schema.Normalize(schema.T4Litigation)
)

// tableMarker tells the first line of a table from its content, for a table
// printed without its section heading: 第二十条第（一）项 (表二), the 勾稽关系
// note or the first row (表三), 行政复议 … 行政诉讼 (表四).
func tableMarker(t string) string {
	n := schema.Normalize(t)
	switch {
	case strings.HasPrefix(n, markT2):
		return "t2"
	case strings.HasPrefix(n, markT3Note), strings.HasPrefix(n, markT3Row):
		return "t3"
	case strings.HasPrefix(n, markT4) && strings.Contains(n, markT4Lit) && utf8.RuneCountInString(n) < 20:
		return "t4"
	}
	return ""
}

var reBareNumber3 = regexp.MustCompile(`^[0-9]{1,3}$`)

// barePageNumber reports whether line i is a page number printed without
// dashes: a lone number at a page break (the line or the next non-blank
// line starts the next page with a form feed).
func barePageNumber(lines []string, i int) bool {
	if !reBareNumber3.MatchString(strings.TrimFunc(lines[i], isBlankRune)) {
		return false
	}
	if strings.Contains(lines[i], "\f") {
		return true
	}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		if strings.HasPrefix(strings.TrimLeft(lines[j], " \t"), "\f") {
			return true
		}
		if strings.TrimFunc(lines[j], isBlankRune) != "" {
			return false
		}
	}
	return false
}

// anyT2Label reports whether a word starts a 表二 row label.
func anyT2Label(words []string) bool {
	for _, w := range words {
		if n := schema.Normalize(w); n != "" && prefixOfAny(n, t2Norms) {
			return true
		}
	}
	return false
}

func (tb *tableBuilder) page(line int) int {
	if line >= 0 && line < len(tb.pages) {
		return tb.pages[line]
	}
	return 0
}

// placeTolerance is how far (in characters) a value may sit from the
// centre of the column it is placed in.
const placeTolerance = 3

// closeFit reports whether every placed value sits near its column.
func closeFit(xs, anchors, slots []int) bool {
	for k, s := range slots {
		d := xs[k] - anchors[s]
		if d < -placeTolerance || d > placeTolerance {
			return false
		}
	}
	return true
}

// sixToFirstItem: values printed before their label, right after the
// （六）其他处理 group label of a 2021 report, went to the group; when its
// first item follows without values of its own, they are that item's.
func (tb *tableBuilder) sixToFirstItem() {
	for k, o := range tb.out {
		if o.lab == nil || !o.lab.six || len(o.lab.vals) == 0 {
			continue
		}
		for _, o2 := range tb.out[k+1:] {
			if o2.lab == nil || o2.lab.group || o2.lab.six {
				continue
			}
			if groupOf(o2.lab.norm) == canonicalT3(o.lab.norm) && len(o2.lab.vals) == 0 {
				o2.lab.vals, o2.lab.xs, o2.lab.lines = o.lab.vals, o.lab.xs, o.lab.lines
				o.lab.vals, o.lab.xs, o.lab.lines = nil, nil, nil
			}
			break
		}
	}
}

// continueHeader adds a line of header words to the 表二 header row above
// it: a word closing a bracket left open joins that cell; in -layout text a
// word joins the header cell it stands under; other words are cells of
// their own.
func (tb *tableBuilder) continueHeader(toks []ltok) {
	h := &tb.out[tb.hdrRow]
	for _, t := range toks {
		last := &h.cells[len(h.cells)-1]
		if strings.Count(last.Text, "（")+strings.Count(last.Text, "(") > strings.Count(last.Text, "）")+strings.Count(last.Text, ")") {
			last.Text += t.text
			continue
		}
		if !tb.raw {
			c := t.x + utf8.RuneCountInString(t.text)/2
			best, bd := -1, 5
			for k, x := range tb.t2hdr {
				if d := iabs(c - x); d < bd {
					best, bd = k, d
				}
			}
			if best >= 0 && best+1 < len(h.cells) {
				h.cells[best+1].Text += t.text
				continue
			}
		}
		c := t.x + utf8.RuneCountInString(t.text)/2
		k := len(tb.t2hdr)
		if !tb.raw {
			for k > 0 && tb.t2hdr[k-1] > c {
				k--
			}
		}
		cell := Cell{Text: t.text, Pos: last.Pos, RowSpan: 1, ColSpan: 1}
		h.cells = append(h.cells[:k+1], append([]Cell{cell}, h.cells[k+1:]...)...)
		tb.t2hdr = append(tb.t2hdr[:k], append([]int{c}, tb.t2hdr[k:]...)...)
	}
}

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
