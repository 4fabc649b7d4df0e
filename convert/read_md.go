package convert

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// The Markdown reader turns Markdown into a Document.
//
//   - ATX headings ("#"–"######") and setext "===" headings are Para blocks
//     marked Heading. A line that starts with two ideographic spaces (xxgk's
//     own .md) is a Body paragraph whatever it looks like, indent stripped.
//     Other consecutive lines form one paragraph, joined without a space
//     between CJK characters. A "---" line is a rule, not a heading (OCR
//     converters print it as a page break).
//   - Pipe tables ("| a | b |", with or without a delimiter row) become Grid
//     blocks; "\|" is a pipe inside a cell. Backslash escapes, **strong**,
//     `code` and [links](…) are reduced to their text.
//   - Markdown made by OCR/LLM converters (INDEX.md §8) is put back into the
//     shape of the official tables: placeholder tables holding only "-" are
//     dropped (noted); 表二 printed as one small table per block under its
//     "第二十条第（N）项" heading, and 表三 printed as one small table per row
//     group with invented headers ("类别 | 数据1 … 数据6 | 总计"), become one
//     grid each, the group headings turned into group rows and the invented
//     header rows dropped (noted); 表四 printed as three 5-column tables
//     (行政复议, 未经复议直接起诉, 复议后起诉) becomes one grid with the
//     official header rows and its row of 15 values.

var (
	reATX      = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	reSetextH1 = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	reRule     = regexp.MustCompile(`^ {0,3}([-*_])([ \t]*([-*_]))*[ \t]*$`)
	reDelimRow = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
	// reTableBreak is a delimiter row that starts a new table in the middle
	// of pipe lines: "|---|", "|:-|"; a row of single "-" is a row of
	// placeholders, not a delimiter.
	reTableBreak = regexp.MustCompile(`^[ \t]*\|?[ \t]*(:?-{3,}:?|:-+:?|:?-+:)[ \t]*(\|[ \t]*(:?-{3,}:?|:-+:?|:?-+:)[ \t]*)*\|?[ \t]*$`)
	reBullet     = regexp.MustCompile(`^ {0,3}[-*+][ \t]+`)
	reQuote      = regexp.MustCompile(`^ {0,3}>[ \t]?`)
	reFence      = regexp.MustCompile("^ {0,3}(```|~~~)")
)

func readMarkdown(name, text string) (*Document, error) {
	lines := splitMDLines(text)
	doc := &Document{Name: name}
	var para []string
	paraPos := ""
	flush := func() {
		if len(para) == 0 {
			return
		}
		t := joinPieces(para)
		para = nil
		if t != "" {
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Pos: paraPos})
		}
	}
	pos := func(i int) string { return name + ":" + strconv.Itoa(i+1) }
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		switch {
		case strings.HasPrefix(ln, ParaIndent):
			flush()
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: mdInline(ln[len(ParaIndent):]), Body: true, Pos: pos(i)})
			continue
		case strings.TrimSpace(ln) == "":
			flush()
			continue
		case reFence.MatchString(ln):
			flush()
			continue
		}
		if m := reATX.FindStringSubmatch(ln); m != nil {
			flush()
			if t := strings.TrimSpace(mdInline(m[2])); t != "" {
				doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Heading: true, Pos: pos(i)})
			}
			continue
		}
		if reSetextH1.MatchString(ln) && len(para) > 0 {
			t := joinPieces(para)
			para = nil
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Heading: true, Pos: paraPos})
			continue
		}
		if reRule.MatchString(ln) && !strings.Contains(ln, "|") {
			flush()
			continue
		}
		if isTableStart(lines, i) {
			flush()
			g := Block{Kind: Grid, Pos: pos(i)}
			delim := false
			for ; i < len(lines) && hasPipe(lines[i]) && !strings.HasPrefix(lines[i], ParaIndent); i++ {
				if !delim && reDelimRow.MatchString(lines[i]) && len(g.Rows) == 1 && strings.Contains(lines[i], "-") {
					delim = true
					continue // the delimiter row under the header
				}
				if len(g.Rows) > 0 && i+1 < len(lines) && reTableBreak.MatchString(lines[i+1]) {
					break // a header row: a new table starts
				}
				cells := splitMDRow(lines[i])
				row := make([]Cell, len(cells))
				for j, c := range cells {
					row[j] = Cell{Text: c, Pos: pos(i) + ":" + strconv.Itoa(j+1), RowSpan: 1, ColSpan: 1}
				}
				g.Rows = append(g.Rows, row)
			}
			i--
			doc.Blocks = append(doc.Blocks, g)
			continue
		}
		t := reQuote.ReplaceAllString(ln, "")
		t = reBullet.ReplaceAllString(t, "")
		t = strings.TrimFunc(mdInline(t), func(r rune) bool { return isWS(r) || r == '\u3000' })
		if t == "" {
			continue
		}
		if len(para) == 0 {
			paraPos = pos(i)
		}
		para = append(para, t)
	}
	flush()
	normalizeConverterMD(doc)
	return doc, nil
}

func splitMDLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return strings.Split(text, "\n")
}

// hasPipe reports whether a line holds an unescaped pipe.
func hasPipe(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '|' {
			return true
		}
	}
	return false
}

// isTableStart: a line with a pipe followed by a delimiter row, or a line
// framed by pipes ("| a | b |").
func isTableStart(lines []string, i int) bool {
	ln := lines[i]
	if !hasPipe(ln) {
		return false
	}
	if i+1 < len(lines) && reDelimRow.MatchString(lines[i+1]) && strings.Contains(lines[i+1], "-") {
		return true
	}
	t := strings.TrimSpace(ln)
	return strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1
}

// splitMDRow splits a table row on unescaped pipes; the framing pipes add
// no cells.
func splitMDRow(line string) []string {
	t := strings.TrimSpace(line)
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '\\' && i+1 < len(t) {
			cur.WriteByte(c)
			cur.WriteByte(t[i+1])
			i++
			continue
		}
		if c == '|' {
			cells = append(cells, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	cells = append(cells, cur.String())
	if strings.HasPrefix(t, "|") {
		cells = cells[1:]
	}
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) && len(cells) > 0 {
		cells = cells[:len(cells)-1]
	}
	for i, c := range cells {
		cells[i] = strings.TrimFunc(mdInline(c), func(r rune) bool { return isWS(r) })
	}
	return cells
}

func isASCIIPunct(r rune) bool {
	return r < utf8.RuneSelf && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
}

// mdInline reduces inline Markdown to its text: backslash escapes, strong
// markers, code-span backticks, links and images.
func mdInline(s string) string {
	if !strings.ContainsAny(s, "\\*_`[!") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && isASCIIPunct(rs[i+1]):
			b.WriteRune(rs[i+1])
			i++
		case (r == '*' || r == '_') && i+1 < len(rs) && rs[i+1] == r:
			i++
		case r == '`':
		case r == '[' || (r == '!' && i+1 < len(rs) && rs[i+1] == '['):
			start := i
			if r == '!' {
				start++
			}
			if text, end, ok := mdLink(rs, start); ok {
				if r != '!' {
					b.WriteString(mdInline(text))
				}
				i = end
				continue
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLink parses "[text](dest)" at rs[i] == '['; end is the index of ')'.
// Link texts and destinations longer than a few hundred characters are
// not links (this keeps a line of brackets from costing quadratic time).
func mdLink(rs []rune, i int) (string, int, bool) {
	const maxText, maxDest = 500, 2000
	j := i + 1
	for ; j < len(rs) && rs[j] != ']' && j-i < maxText; j++ {
		if rs[j] == '\\' {
			j++
		}
	}
	if j+1 >= len(rs) || rs[j] != ']' || rs[j+1] != '(' {
		return "", 0, false
	}
	k := j + 2
	for ; k < len(rs) && rs[k] != ')' && k-j < maxDest; k++ {
	}
	if k >= len(rs) || rs[k] != ')' {
		return "", 0, false
	}
	return string(rs[i+1 : j]), k, true
}

// normalizeConverterMD puts converter Markdown back into the shape of the
// official tables (see the reader's comment).
func normalizeConverterMD(doc *Document) {
	dropPlaceholderTables(doc)
	mergeT2Blocks(doc)
	mergeT3Groups(doc)
	mergeT4Tables(doc)
}

func isDash(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "—", "－", "--", "——", "":
		return true
	}
	return false
}

var bothFormats = []*schema.Format{schema.Get(schema.F2021), schema.Get(schema.F2019)}

// isT4Col reports whether a header names a 表四 leaf column.
func isT4Col(s string) bool {
	_, _, ok := schema.MatchColumn(bothFormats[0].T4Cols, s)
	return ok
}

// dropPlaceholderTables drops tables whose body holds nothing but "-" (and
// whose header names no 表四 column, where "-" may be a real marker).
func dropPlaceholderTables(doc *Document) {
	out := doc.Blocks[:0]
	for _, b := range doc.Blocks {
		if b.Kind == Grid && len(b.Rows) >= 2 {
			dash, t4 := true, false
			for _, c := range b.Rows[0] {
				if isT4Col(c.Text) {
					t4 = true
				}
			}
			for _, row := range b.Rows[1:] {
				for _, c := range row {
					if !isDash(c.Text) {
						dash = false
					}
				}
			}
			if dash && !t4 {
				detail := rowText(b.Rows[0])
				if n := len(out); n > 0 && out[n-1].Kind == Para && out[n-1].Heading && !isSectionHeading(out[n-1].Text) {
					detail = out[n-1].Text + "：" + detail
					out = out[:n-1]
				}
				doc.Notes = append(doc.Notes, DocNote{Kind: report.NoteChromeDropped, Pos: b.Pos,
					Detail: "转换工具生成的占位表格（只有“-”）已略去：" + detail})
				continue
			}
		}
		out = append(out, b)
	}
	doc.Blocks = out
}

func rowText(row []Cell) string {
	var parts []string
	for _, c := range row {
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, " | ")
}

// t3Label finds a printed 表三 row or group label in either format.
func t3Label(s string) (schema.T3Row, bool) {
	for _, f := range bothFormats {
		if r, _, ok := f.MatchT3Row(s); ok {
			return r, true
		}
	}
	return schema.T3Row{}, false
}

func isT2Title(s string) bool {
	for _, f := range bothFormats {
		if _, ok := f.MatchT2Block(s); ok {
			return true
		}
	}
	return false
}

// mergeT2Blocks joins "第二十条第（N）项" headings each followed by its small
// table (header row 信息内容 …) into one 表二 grid with the titles as rows.
func mergeT2Blocks(doc *Document) {
	var out []Block
	bs := doc.Blocks
	for i := 0; i < len(bs); i++ {
		start := i
		var merged *Block
		j := i
		for j+1 < len(bs) && bs[j].Kind == Para && bs[j].Heading && isT2Title(bs[j].Text) &&
			bs[j+1].Kind == Grid && len(bs[j+1].Rows) > 0 && len(bs[j+1].Rows[0]) > 0 &&
			schema.Normalize(bs[j+1].Rows[0][0].Text) == schema.Normalize(schema.T2ContentHeader) {
			if merged == nil {
				merged = &Block{Kind: Grid, Pos: bs[j].Pos}
			}
			merged.Rows = append(merged.Rows, []Cell{{Text: bs[j].Text, Pos: bs[j].Pos, RowSpan: 1, ColSpan: 1}})
			merged.Rows = append(merged.Rows, bs[j+1].Rows...)
			j += 2
		}
		if merged != nil && j-start >= 4 {
			out = append(out, *merged)
			i = j - 1
			continue
		}
		out = append(out, bs[i])
	}
	doc.Blocks = out
}

// isApplicantHeader reports whether a row names 表三 applicant columns.
func isApplicantHeader(row []Cell) bool {
	for _, c := range row {
		if _, _, ok := schema.MatchColumn(bothFormats[0].T3Cols[:6], c.Text); ok {
			return true
		}
	}
	return false
}

// mergeT3Groups joins 表三 printed as one small table per row group.
func mergeT3Groups(doc *Document) {
	bs := doc.Blocks
	var out []Block
	for i := 0; i < len(bs); i++ {
		// A run: grids whose rows carry 表三 labels, and headings that are
		// 表三 labels, at least two grids.
		j, grids := i, 0
		for j < len(bs) {
			b := bs[j]
			if b.Kind == Para && b.Heading {
				if _, ok := t3Label(b.Text); ok {
					j++
					continue
				}
				break
			}
			if b.Kind == Grid && (gridHasT3Label(b) || (grids > 0 && t3Shaped(b))) {
				grids++
				j++
				continue
			}
			break
		}
		if grids < 2 {
			out = append(out, bs[i])
			continue
		}
		merged := Block{Kind: Grid}
		for _, b := range bs[i:j] {
			if merged.Pos == "" {
				merged.Pos = b.Pos
			}
			if b.Kind == Para {
				if r, _ := t3Label(b.Text); r.IsGroup {
					merged.Rows = append(merged.Rows, []Cell{{Text: b.Text, Pos: b.Pos, RowSpan: 1, ColSpan: 1}})
				}
				continue
			}
			for k, row := range b.Rows {
				if k == 0 && len(row) > 0 && !isApplicantHeader(row) {
					if _, ok := t3Label(row[0].Text); !ok {
						doc.Notes = append(doc.Notes, DocNote{Kind: report.NoteExtraRow, Pos: row[0].Pos,
							Detail: "转换工具生成的表头行已略去（数值仍按官方列序读取）：" + rowText(row)})
						continue
					}
				}
				merged.Rows = append(merged.Rows, row)
			}
		}
		out = append(out, merged)
		i = j - 1
	}
	doc.Blocks = out
}

// t3Shaped reports whether every row after the first is a label and seven
// values (numbers or markers): a 表三 row group whose labels are misprinted.
func t3Shaped(b Block) bool {
	if len(b.Rows) < 2 {
		return false
	}
	for _, row := range b.Rows[1:] {
		if len(row) != 8 {
			return false
		}
		for _, c := range row[1:] {
			if v := ReadValue(c.Text, schema.Count, ""); !v.OK && !IsMissingMarker(c.Text) {
				return false
			}
		}
	}
	return true
}

func gridHasT3Label(b Block) bool {
	for _, row := range b.Rows {
		if len(row) > 0 {
			if r, ok := t3Label(row[0].Text); ok && !r.IsGroup {
				return true
			}
		}
	}
	return false
}

// mergeT4Tables joins 表四 printed as three 5-column tables.
func mergeT4Tables(doc *Document) {
	f := bothFormats[0]
	bs := doc.Blocks
	isPart := func(b Block) bool {
		if b.Kind != Grid || len(b.Rows) != 2 || len(b.Rows[0]) != 5 || len(b.Rows[1]) != 5 {
			return false
		}
		for k, c := range b.Rows[0] {
			col, _, ok := schema.MatchColumn(f.T4Cols, c.Text)
			if !ok || col.ID != f.T4Cols[k].ID {
				return false
			}
		}
		return true
	}
	var out []Block
	for i := 0; i < len(bs); i++ {
		// Up to three (heading, table) pairs or bare tables.
		type part struct {
			title string
			grid  Block
		}
		var parts []part
		j := i
		for len(parts) < 3 && j < len(bs) {
			if bs[j].Kind == Para && bs[j].Heading && j+1 < len(bs) && isPart(bs[j+1]) {
				parts = append(parts, part{bs[j].Text, bs[j+1]})
				j += 2
				continue
			}
			if isPart(bs[j]) {
				parts = append(parts, part{"", bs[j]})
				j++
				continue
			}
			break
		}
		if len(parts) != 3 {
			out = append(out, bs[i])
			continue
		}
		order := []int{0, 1, 2}
		var direct, after, rev = -1, -1, -1
		for k, p := range parts {
			t := schema.Normalize(p.title)
			switch {
			case strings.Contains(t, "复议后"):
				after = k
			case strings.Contains(t, "未经复议") || strings.Contains(t, "直接起诉"):
				direct = k
			case strings.Contains(t, "复议") && !strings.Contains(t, "诉讼"):
				rev = k
			}
		}
		if rev >= 0 && direct >= 0 && after >= 0 {
			order = []int{rev, direct, after}
		}
		pos := parts[0].grid.Pos
		hc := func(text string) Cell { return Cell{Text: text, Pos: pos, RowSpan: 1, ColSpan: 1} }
		cont := func(text string) Cell { return Cell{Text: text, Pos: pos, Cont: true} }
		var r0, r1, r2, data []Cell
		for k := 0; k < 5; k++ {
			if k == 0 {
				c := hc(schema.T4Review)
				c.ColSpan = 5
				r0 = append(r0, c)
			} else {
				r0 = append(r0, cont(schema.T4Review))
			}
			c := hc(f.T4Cols[k].Label)
			c.RowSpan = 2
			r1 = append(r1, c)
			r2 = append(r2, cont(f.T4Cols[k].Label))
		}
		for g := 1; g <= 2; g++ {
			for k := 0; k < 5; k++ {
				switch {
				case g == 1 && k == 0:
					c := hc(schema.T4Litigation)
					c.ColSpan = 10
					r0 = append(r0, c)
				default:
					r0 = append(r0, cont(schema.T4Litigation))
				}
				if k == 0 {
					c := hc(f.T4Groups[g].Label)
					c.ColSpan = 5
					r1 = append(r1, c)
				} else {
					r1 = append(r1, cont(f.T4Groups[g].Label))
				}
				r2 = append(r2, hc(f.T4Cols[k].Label))
			}
		}
		for _, k := range order {
			data = append(data, parts[k].grid.Rows[1]...)
		}
		out = append(out, Block{Kind: Grid, Pos: pos, Rows: [][]Cell{r0, r1, r2, data}})
		i = j - 1
	}
	doc.Blocks = out
}

func init() {
	RegisterTextReader(".md", readMarkdown)
}
