package convert

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// ErrNotWorkbook: the bytes are not an OOXML workbook.
var ErrNotWorkbook = errors.New("not an xlsx workbook")

// Note kinds the workbook reader makes.
const (
	// NoteVersionUnknown: a workbook without the xxgk version stamp, read by
	// its labels.
	NoteVersionUnknown = "version_unknown"
)

func init() {
	RegisterReader(".xlsx", ReadWorkbook)
}

// openWorkbook opens workbook bytes with the unzip limits set (ReadWorkbook
// has checked CheckWorkbookLimits).
func openWorkbook(data []byte, opt Options) (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), WorkbookOpenOptions(opt))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotWorkbook, err)
	}
	return f, nil
}

// WorkbookVersion returns the xxgk template version a workbook carries (the
// custom document property, else the 信息 row), or "".
func WorkbookVersion(f *excelize.File) string {
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if p.Name == templates.VersionProperty {
				if s, ok := p.Value.(string); ok && s != "" {
					return s
				}
			}
		}
	}
	rows, err := f.GetRows(templates.SheetInfo, excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	for _, row := range rows {
		if len(row) > 2 && row[0] == "template_version" {
			return row[2]
		}
	}
	return ""
}

// ReadWorkbook reads a workbook. An xxgk workbook (version stamp
// templates.TemplateVersion) is read by its defined names, cross-checked
// against the labels, and its Report restored from 信息 and 正文; any other
// workbook (no stamp, or an older template) is turned into a Document, one
// grid per sheet, and recognized by its labels, with a note.
func ReadWorkbook(name string, data []byte, opt Options) (*report.Report, error) {
	// The limits come first, for the direct reader as for excelize.
	if err := CheckWorkbookLimits(data, opt); err != nil {
		return nil, err
	}
	if fb, err := readFast(data, opt.MaxSize); err == nil && fb.hasSheet(templates.SheetInfo) && fastVersion(fb) == templates.TemplateVersion {
		return readCanonical(name, fb, opt)
	}
	f, err := openWorkbook(data, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v := WorkbookVersion(f)
	if v == templates.TemplateVersion {
		if hasSheet(f, templates.SheetInfo) {
			return readCanonical(name, xlsSource{f}, opt)
		}
		// Stamped, but 信息 is gone: what remains is read by its labels.
		v = templates.TemplateVersion + "（缺少“信息”工作表）"
	}
	doc, err := workbookDocument(name, f)
	if err != nil {
		return nil, err
	}
	r, err := Recognize(doc, opt)
	if err != nil {
		return nil, err
	}
	if v == "" {
		r.AddNote(NoteVersionUnknown, name, "工作簿没有 xxgk 模板版本标记，按表格标签读取（wb.version_unknown）")
	} else {
		r.AddNote(report.NoteTemplateUpgraded, name, fmt.Sprintf("工作簿模板版本为 %s，按表格标签读取并转换为 %s", v, templates.TemplateVersion))
	}
	return r, nil
}

func hasSheet(f *excelize.File, name string) bool {
	for _, s := range f.GetSheetList() {
		if s == name {
			return true
		}
	}
	return false
}

// workbookDocument turns every sheet into a grid (merges expanded, positions
// book.xlsx:Sheet!B7).
func workbookDocument(name string, f *excelize.File) (*Document, error) {
	doc := &Document{Name: name}
	var text []Block // from an xxgk 正文 sheet
	for _, sheet := range f.GetSheetList() {
		switch sheet {
		case templates.SheetInfo, templates.SheetCheck, templates.SheetGuide:
			continue // an xxgk workbook's own sheets hold no report data
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if len(rows) == 0 {
			continue
		}
		width := 0
		for _, r := range rows {
			if len(r) > width {
				width = len(r)
			}
		}
		merges, err := f.GetMergeCells(sheet)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for _, m := range merges {
			c2, r2, err := templates.SplitRef(strings.ReplaceAll(m.GetEndAxis(), "$", ""))
			if err == nil {
				if c2 > width {
					width = c2
				}
				for len(rows) < r2 {
					rows = append(rows, nil)
				}
			}
		}
		if sheet == templates.SheetText && len(rows[0]) > 0 && strings.HasPrefix(rows[0][0], "章节") {
			// An xxgk 正文 sheet of another template version: B headings, C paragraphs.
			for i, r := range rows[1:] {
				r = append(r, "", "", "")
				pos := name + ":" + sheet + "!"
				if h := strings.TrimSpace(r[1]); h != "" {
					text = append(text, Block{Kind: Para, Text: h, Heading: true, Pos: pos + "B" + strconv.Itoa(i+2)})
				}
				if p := r[2]; strings.TrimSpace(p) != "" {
					text = append(text, Block{Kind: Para, Text: p, Body: true, Pos: pos + "C" + strconv.Itoa(i+2)})
				}
			}
			continue
		}
		grid := make([][]Cell, len(rows))
		for i, r := range rows {
			grid[i] = make([]Cell, width)
			for j := range grid[i] {
				text := ""
				if j < len(r) {
					text = r[j]
				}
				grid[i][j] = Cell{Text: text, Pos: name + ":" + sheet + "!" + templates.Ref(j+1, i+1), RowSpan: 1, ColSpan: 1}
			}
		}
		for _, m := range merges {
			c1, r1, err1 := templates.SplitRef(m.GetStartAxis())
			c2, r2, err2 := templates.SplitRef(m.GetEndAxis())
			if err1 != nil || err2 != nil || r2 > len(grid) || c2 > width {
				continue
			}
			top := &grid[r1-1][c1-1]
			top.Text = m.GetCellValue()
			top.RowSpan, top.ColSpan = r2-r1+1, c2-c1+1
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r == r1 && c == c1 {
						continue
					}
					cell := &grid[r-1][c-1]
					cell.Text, cell.Cont, cell.RowSpan, cell.ColSpan = top.Text, true, 1, 1
				}
			}
		}
		// Leading rows holding one text (a title, a heading, the unit line)
		// are paragraphs: the recognizer finds headings and the agency there.
		first := 0
		for first < len(grid) {
			text, n, _ := rowTexts(grid[first])
			if n > 1 || (n == 1 && grid[first][0].RowSpan > 1) {
				break
			}
			if n == 1 {
				doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: text, Pos: grid[first][0].Pos})
			}
			first++
		}
		// Further down, a row holding one text that is a section heading or
		// prose (a sentence's end, or long) is a paragraph between tables:
		// a web page opened in a spreadsheet and saved puts the whole
		// report in one sheet, one block a row.
		start := first
		for i := first; i < len(grid); i++ {
			text, n, tall := rowTexts(grid[i])
			if n != 1 || tall || !isProseRow(text) {
				continue
			}
			if start < i {
				doc.Blocks = append(doc.Blocks, Block{Kind: Grid, Pos: grid[start][0].Pos, Rows: grid[start:i]})
			}
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: text, Pos: grid[i][0].Pos})
			start = i + 1
		}
		if start < len(grid) {
			doc.Blocks = append(doc.Blocks, Block{Kind: Grid, Pos: grid[start][0].Pos, Rows: grid[start:]})
		}
	}
	if len(text) > 0 {
		doc.Blocks = weave(text, doc.Blocks)
	}
	return doc, nil
}

// rowTexts counts the texts of a row (a merge counted once) and returns
// the last, and whether one of them spans several rows.
func rowTexts(row []Cell) (text string, n int, tall bool) {
	for _, c := range row {
		if !c.Cont && strings.TrimSpace(c.Text) != "" {
			text, n = strings.TrimSpace(c.Text), n+1
			tall = tall || c.RowSpan > 1
		}
	}
	return text, n, tall
}

// isProseRow reports whether a row's one text is narrative rather than a
// piece of a table: a section heading, or prose (it ends a sentence, or
// runs longer than any row label, and is no note on a table's columns).
func isProseRow(text string) bool {
	if _, _, ok := schema.Get(schema.F2021).MatchSection(text); ok {
		return true
	}
	if strings.Contains(text, "勾稽关系") {
		return false
	}
	// A full stop, not a colon: "（单位：万元）" and "信息内容：" are table text.
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune("。！？；", r) || utf8.RuneCountInString(text) > 60
}

// weave puts the tables of the table sheets into the text of a 正文 sheet:
// each sheet's blocks (its title paragraph dropped) go at the end of the
// section its title names; what matches no section follows the text.
func weave(text, sheets []Block) []Block {
	f := schema.Get(schema.F2021) // headings are the same in both formats
	sectionOf := func(b Block) string {
		if b.Kind != Para || b.Body {
			return ""
		}
		if s, _, ok := f.MatchSection(b.Text); ok {
			return s.ID
		}
		return ""
	}
	bySection := map[string][]Block{}
	var rest []Block
	cur, sheet := "", ""
	for _, b := range sheets {
		if sh, _, _ := strings.Cut(b.Pos, "!"); sh != sheet {
			sheet, cur = sh, ""
		}
		if id := sectionOf(b); id != "" {
			cur = id
			continue
		}
		if b.Kind == Para && cur != "" {
			continue // the agency, year and unit lines of a table sheet
		}
		if cur == "" {
			rest = append(rest, b)
			continue
		}
		bySection[cur] = append(bySection[cur], b)
	}
	var out []Block
	cur = ""
	flush := func() {
		out = append(out, bySection[cur]...)
		delete(bySection, cur)
	}
	for _, b := range text {
		if id := sectionOf(b); id != "" {
			flush()
			cur = id
		}
		out = append(out, b)
	}
	flush()
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
		out = append(out, bySection[id]...)
	}
	return append(out, rest...)
}

// fastVersion is the version stamp of a directly read workbook.
func fastVersion(fb *fastBook) string {
	if fb.version != "" {
		return fb.version
	}
	for _, row := range fb.rows(templates.SheetInfo) {
		if len(row) > 2 && row[0] == "template_version" {
			return row[2]
		}
	}
	return ""
}

// wbReader reads an xxgk workbook.
type wbReader struct {
	name  string
	src   wbSource
	r     *report.Report
	b     *templates.Book
	fmt   *schema.Format
	rows  map[string][][]string
	names map[string]string // defined name → refers-to
	ev    *Evaluator
}

func readCanonical(name string, src wbSource, opt Options) (*report.Report, error) {
	rd := &wbReader{name: name, src: src, r: report.New(), rows: map[string][][]string{},
		ev: newEvaluator(src, SumOnly)}
	if err := rd.info(); err != nil {
		return nil, err
	}
	if opt.Format != "" && opt.Format != "auto" && opt.Format != rd.r.Format {
		return nil, fmt.Errorf("--format %s contradicts the workbook's format %s", opt.Format, rd.r.Format)
	}
	rd.fmt = schema.Get(rd.r.Format)
	rd.b = templates.Layout(rd.r.Format, rd.r.Layout)
	rd.names = src.names()
	if err := rd.cells(); err != nil {
		return nil, err
	}
	if err := rd.text(); err != nil {
		return nil, err
	}
	return rd.r, nil
}

func (rd *wbReader) sheetRows(sheet string) [][]string {
	if rows, ok := rd.rows[sheet]; ok {
		return rows
	}
	rows := rd.src.rows(sheet)
	rd.rows[sheet] = rows
	return rows
}

// raw is what a cell holds (its cached value for a formula). Table sheets are
// read cell by cell from the worksheet excelize has parsed for the formulas
// anyway, rather than parsed a second time row by row.
func (rd *wbReader) raw(sheet string, col, row int) string {
	switch sheet {
	case templates.SheetT2, templates.SheetT3, templates.SheetT4:
		v, _, _ := rd.src.cell(sheet, templates.Ref(col, row))
		return v
	}
	rows := rd.sheetRows(sheet)
	if row < 1 || row > len(rows) || col < 1 || col > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][col-1]
}

func (rd *wbReader) info() error {
	rows := rd.sheetRows(templates.SheetInfo)
	if rows == nil {
		return fmt.Errorf("%w: sheet %s missing", ErrNotReport, templates.SheetInfo)
	}
	r := rd.r
	for i := templates.InfoFirstRow; i < templates.InfoNotesHeaderRow && i <= len(rows); i++ {
		row := rows[i-1]
		if len(row) < 1 {
			continue
		}
		val := ""
		if len(row) > 2 {
			val = row[2]
		}
		switch row[0] {
		case "agency":
			r.Agency = val
		case "year":
			if y, err := strconv.Atoi(strings.TrimSpace(val)); err == nil {
				r.Year = y
			} else if fl, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
				r.Year = int(fl)
			}
		case "format":
			r.Format = val
		case "layout":
			if val != "" {
				r.Layout = strings.Split(val, ",")
			}
		case "title":
			r.Title = val
		case "generator":
			r.Generator = val
		case "source_name":
			r.Source.Name = val
		case "source_sha256":
			r.Source.SHA256 = val
		}
	}
	if schema.Get(r.Format) == nil {
		return fmt.Errorf("%s!C%d: unknown format %q (want 2019 or 2021)", templates.SheetInfo, templates.InfoFirstRow+2, r.Format)
	}
	for i := templates.InfoNotesFirstRow; i <= len(rows); i++ {
		row := append(rows[i-1], "", "", "", "")
		if row[0] == "" && row[1] == "" && row[2] == "" && row[3] == "" {
			continue
		}
		cells := strings.Fields(row[2])
		if cells == nil {
			cells = []string{}
		}
		r.Notes = append(r.Notes, report.Note{Kind: row[0], Pos: row[1], Cells: cells, Detail: strings.Join(row[3:], "")})
	}
	return nil
}

func (rd *wbReader) cells() error {
	r := rd.r
	noted := map[string]bool{}
	for _, n := range r.Notes {
		for _, id := range n.Cells {
			noted[id] = true
		}
	}
	mismatched := map[string]bool{}
	for _, c := range rd.b.Cells {
		sheet, ref := c.Sheet, c.Ref
		if rt, ok := rd.names[c.Name]; ok {
			if s, rf, ok := rd.ev.location(rt); ok {
				sheet, ref = s, rf
			}
		}
		pos := rd.name + ":" + sheet + "!" + ref
		res := rd.ev.eval(sheet, ref)
		switch {
		case res.ok:
			r.SetCell(c.ID, res.v, pos)
		case res.formula != "" && !res.bad:
			// A formula whose operands are all missing reads as missing.
			r.SetMissing(c.ID, "", pos)
		case res.bad:
			r.SetMissing(c.ID, "="+res.formula, pos)
			if !noted[c.ID] {
				r.AddNote(report.NoteUnreadableValue, pos, "公式 ="+res.formula+" 不是 xxgk 计算的公式（只计算单元格的 SUM 与 +），按缺失处理", c.ID)
			}
		case res.isText && noted[c.ID]:
			// Text a note explains (an amount without unit, an unreadable
			// value) stays what it is, even when it looks like a number.
			r.SetMissing(c.ID, res.text, pos)
		default:
			text := res.text
			v := ReadValue(text, c.Kind, "")
			if v.OK {
				r.SetCell(c.ID, v.Num, pos)
				if v.NoteKind != "" && !noted[c.ID] {
					r.AddNote(v.NoteKind, pos, v.NoteDetail, c.ID)
				}
				continue
			}
			r.SetMissing(c.ID, text, pos)
			if v.NoteKind != "" && !noted[c.ID] {
				r.AddNote(v.NoteKind, pos, v.NoteDetail, c.ID)
			}
		}
		rd.crossCheck(c, sheet, ref, mismatched)
	}
	return nil
}

// crossCheck compares the row label beside a named cell with the label of
// the cell's id; the name wins, a mismatch is noted once per row.
func (rd *wbReader) crossCheck(c *templates.Cell, sheet, ref string, done map[string]bool) {
	if c.Sheet != templates.SheetT2 && c.Sheet != templates.SheetT3 {
		return
	}
	sc := rd.fmt.Cell(c.ID)
	if sc == nil {
		return
	}
	_, row, err := templates.SplitRef(ref)
	if err != nil {
		return
	}
	key := c.Sheet + "|" + sc.Row + "|" + sheet + strconv.Itoa(row)
	if done[key] {
		return
	}
	done[key] = true
	labelCols := 1
	if c.Sheet == templates.SheetT3 {
		labelCols = 3
	}
	text := ""
	for col := labelCols; col >= 1; col-- {
		if t := strings.TrimSpace(rd.raw(sheet, col, row)); t != "" {
			text = t
			break
		}
	}
	if text == sc.RowLabel {
		return // the canonical label as written: no matching needed
	}
	var got string
	matched := false
	if c.Sheet == templates.SheetT3 {
		if tr, _, ok := rd.fmt.MatchT3Row(text); ok {
			got, matched = tr.ID, true
			if tr.SingleRowOther {
				got = "other"
			}
		}
	} else if _, tr, _, ok := rd.fmt.MatchT2Row(text); ok {
		got, matched = tr.ID, true
	}
	if matched && got == sc.Row {
		return
	}
	ids := []string{}
	for _, cc := range rd.b.Cells {
		if cc.Sheet == c.Sheet && rd.fmt.Cell(cc.ID).Row == sc.Row {
			ids = append(ids, cc.ID)
		}
	}
	rd.r.AddNote(report.NoteNameLabelMismatch, rd.name+":"+sheet+"!"+ref,
		fmt.Sprintf("名称 %s 指向的行标签为「%s」，标准标签为「%s」；按名称读取", c.Name, text, sc.RowLabel), ids...)
}

// text restores the sections from 正文.
func (rd *wbReader) text() error {
	rows := rd.sheetRows(templates.SheetText)
	r := rd.r
	var cur *report.Section
	for i := templates.TextFirstRow; i <= len(rows); i++ {
		row := append(rows[i-1], "", "", "")
		id, heading, para := strings.TrimSpace(row[0]), row[1], row[2]
		switch {
		case strings.HasSuffix(id, templates.ContinuationMark) && cur != nil && len(cur.Paragraphs) > 0:
			cur.Paragraphs[len(cur.Paragraphs)-1] += para
			continue
		case id == "" && cur != nil:
		case id == "" && heading == "" && para == "":
			continue
		case cur == nil || id != cur.ID:
			if id == "" {
				id = "s0"
			}
			r.Sections = append(r.Sections, report.Section{ID: id, Heading: heading,
				Pos: rd.name + ":" + templates.SheetText + "!A" + strconv.Itoa(i)})
			cur = &r.Sections[len(r.Sections)-1]
		default:
			if cur.Heading == "" && heading != "" {
				cur.Heading = heading
			}
		}
		if para != "" {
			cur.Paragraphs = append(cur.Paragraphs, para)
		}
	}
	return nil
}
