package check

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// Workbook checks the integrity of a workbook (the wb.* rules) against the
// canonical layout of its format (templates.Layout): sheets, defined names,
// labels, total formulas, cached values (every formula is recomputed from
// the cells; cached values are never trusted), hidden rows, columns, sheets
// and number formats, and the template version. r is the Report the reader
// gave for the same bytes: its notes say which totals were published as
// constants (published_total), which is an arithmetic matter, not
// tampering. A workbook without an xxgk version stamp is of another origin:
// it gets a notice and the hidden-content check only.
//
// The package is read once, directly (xxgk's own workbooks); excelize reads
// what the direct reading does not handle exactly.
func Workbook(data []byte, name string, r *report.Report) []Finding {
	return WorkbookWith(data, name, r, convert.Options{})
}

// WorkbookWith is Workbook within opt's size cap (--max-size).
func WorkbookWith(data []byte, name string, r *report.Report, opt convert.Options) []Finding {
	if fw, err := convert.OpenFast(data, opt); err == nil {
		return WorkbookFast(fw, name, r)
	}
	return workbookExcelize(data, name, r, opt)
}

// WorkbookFast is Workbook on a workbook the direct reader has read
// (convert.OpenFast), so that reading and checking share one pass over
// the package.
func WorkbookFast(fw *convert.FastWorkbook, name string, r *report.Report) []Finding {
	if src, ok := newFastSource(fw); ok {
		w := &wbCheck{src: src, name: name, r: r, grids: map[string][][]string{}}
		return w.run()
	}
	return workbookExcelize(fw.Data(), name, r, fw.Options())
}

func workbookExcelize(data []byte, name string, r *report.Report, opt convert.Options) []Finding {
	f, err := excelize.OpenReader(bytes.NewReader(data), convert.WorkbookOpenOptions(opt))
	if err != nil {
		return nil // the reader read these bytes; nothing more to say here
	}
	defer f.Close()
	w := &wbCheck{src: &xlsSource{f: f, hidden: hiddenRowsXML(data)}, name: name, r: r, grids: map[string][][]string{}}
	return w.run()
}

type wbCheck struct {
	src      wbSource
	name     string
	r        *report.Report
	book     *templates.Book
	out      []Finding
	grids    map[string][][]string
	sheets   map[string]bool
	comments map[string]string // "sheet!ref" → comment text
	labelAt  map[string]bool   // "sheet!ref|normalized text" of every canonical label
	shifted  map[string]bool   // sheets whose labels moved
}

func (w *wbCheck) pos(sheet, ref string) string {
	if ref == "" {
		return w.name + ":" + sheet
	}
	return w.name + ":" + sheet + "!" + ref
}

func (w *wbCheck) add(rule string, cells []string, pos string, want, got any, msg string) {
	w.out = append(w.out, newFinding(rule, cells, pos, want, got, msg))
}

func (w *wbCheck) run() []Finding {
	w.sheets = map[string]bool{}
	for _, s := range w.src.sheetList() {
		w.sheets[s] = true
	}
	w.shifted = map[string]bool{}
	version, vpos := w.version()
	w.book = templates.Layout(w.r.Format, w.r.Layout)
	w.hidden()
	switch {
	case version == "":
		w.add("wb.version_unknown", nil, w.name, templates.TemplateVersion, nil,
			"工作簿没有 xxgk 模板版本标记：视为其他来源的工作簿，按标签读取，不做结构核查")
		return w.out
	case version != templates.TemplateVersion:
		fd := newFinding("wb.version_unknown", nil, vpos, templates.TemplateVersion, version,
			fmt.Sprintf("工作簿的模板版本“%s”不是本程序认识的版本（%s），不做结构核查", version, templates.TemplateVersion))
		fd.Severity = schema.Warning
		w.out = append(w.out, fd)
		return w.out
	}
	if w.book == nil {
		return w.out
	}
	w.sheetsPresent()
	w.labels()
	w.names()
	w.formulas()
	w.verdicts()
	return w.out
}

// verdicts compares the formulas of 校验 (each rule instance's sides,
// difference and status, and check_ok) with the canonical ones: a status
// typed over as "OK" would make the workbook vouch for itself.
func (w *wbCheck) verdicts() {
	if !w.sheets[templates.SheetCheck] {
		return
	}
	type want struct {
		ref, formula string
		cells        []string
		label        string
	}
	wants := []want{{templates.CheckOKRef, w.book.CheckOKFormula(), nil, "check_ok"}}
	for _, c := range w.book.Checks {
		for i, fm := range []string{c.Left, c.Right, c.Diff, c.Status} {
			ref, _ := excelize.CoordinatesToCellName(3+i, c.Row)
			wants = append(wants, want{ref, fm, c.Instance.Cells(), c.Instance.Label})
		}
	}
	for _, x := range wants {
		got := w.src.formula(templates.SheetCheck, x.ref)
		if normFormula(got) == normFormula(x.formula) {
			continue
		}
		shown := "=" + strings.TrimPrefix(got, "=")
		if strings.TrimSpace(got) == "" {
			shown = "常量" + quote(w.at(templates.SheetCheck, x.ref))
		}
		w.add("wb.formula_changed", x.cells, w.pos(templates.SheetCheck, x.ref), "="+x.formula, shown,
			fmt.Sprintf("校验 %s（%s）：应为公式 =%s，表中为%s", x.ref, x.label, x.formula, shown))
	}
}

// version finds the template stamp in 信息 and in the custom document
// property. When they disagree the one this build does not know is
// reported: either way the stamp is not trustworthy.
func (w *wbCheck) version() (string, string) {
	var found [][2]string
	if w.sheets[templates.SheetInfo] {
	search:
		for i, row := range w.grid(templates.SheetInfo) {
			for j, v := range row {
				if strings.HasPrefix(strings.TrimSpace(v), "xxgk-template/") {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					found = append(found, [2]string{strings.TrimSpace(v), w.pos(templates.SheetInfo, ref)})
					break search
				}
			}
		}
	}
	if s := w.src.customVersion(); s != "" {
		found = append(found, [2]string{s, w.name})
	}
	for _, v := range found {
		if v[0] != templates.TemplateVersion {
			return v[0], v[1]
		}
	}
	if len(found) > 0 {
		return found[0][0], found[0][1]
	}
	return "", ""
}

func (w *wbCheck) grid(sheet string) [][]string {
	if g, ok := w.grids[sheet]; ok {
		return g
	}
	// Used for 信息 (never loaded otherwise) and, rarely, to look for a
	// label away from its place.
	g := w.src.rows(sheet)
	// Trailing empty rows are dropped, as GetRows does.
	for len(g) > 0 && len(g[len(g)-1]) == 0 {
		g = g[:len(g)-1]
	}
	w.grids[sheet] = g
	return g
}

func (w *wbCheck) at(sheet, ref string) string {
	if g, ok := w.grids[sheet]; ok {
		c, r, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			return ""
		}
		if r-1 < len(g) && c-1 < len(g[r-1]) {
			return g[r-1][c-1]
		}
		return ""
	}
	return w.src.value(sheet, ref)
}

func (w *wbCheck) sheetsPresent() {
	for _, s := range templates.SheetNames {
		if !w.sheets[s] {
			w.add("wb.sheet_missing", nil, w.name, s, nil, fmt.Sprintf("缺少标准工作表“%s”（缺失或被改名）", s))
		}
	}
}

// labels compares every label cell with its canonical text: a label found
// elsewhere on the sheet means rows or columns were inserted or deleted; a
// label that reads otherwise (beyond known variants) was changed.
func (w *wbCheck) labels() {
	for _, l := range w.book.Labels {
		if !w.sheets[l.Sheet] {
			continue
		}
		got := w.at(l.Sheet, l.Ref)
		if sameLabel(got, l.Text) || w.knownVariant(l, got) {
			continue
		}
		if ref, ok := w.find(l.Sheet, l.Text); ok {
			w.shifted[l.Sheet] = true
			w.add("wb.layout_shifted", labelCells(w.book, l), w.pos(l.Sheet, l.Ref), l.Ref, ref,
				fmt.Sprintf("标签“%s”应在 %s!%s，却在 %s：插入或删除了行列", l.Text, l.Sheet, l.Ref, ref))
			continue
		}
		w.add("wb.label_changed", labelCells(w.book, l), w.pos(l.Sheet, l.Ref), l.Text, got,
			fmt.Sprintf("%s!%s 的标签应为“%s”，表中为%s", l.Sheet, l.Ref, l.Text, quote(got)))
	}
}

func sameLabel(a, b string) bool { return schema.Normalize(a) == schema.Normalize(b) }

// knownVariant accepts a label the schema knows as a variant of the
// canonical one.
func (w *wbCheck) knownVariant(l templates.Label, got string) bool {
	if strings.TrimSpace(got) == "" {
		return false
	}
	f := schema.Get(w.book.Format)
	switch {
	case l.Sheet == templates.SheetT3 && l.Kind == templates.LabelRow || l.Kind == templates.LabelGroup && l.Sheet == templates.SheetT3:
		row, m, ok := f.MatchT3Row(got)
		return ok && sameLabel(m.Canonical, l.Text) && (l.Row == "" || row.ID == l.Row || row.Label == l.Text)
	case l.Sheet == templates.SheetT3 && l.Kind == templates.LabelHeader:
		_, m, ok := schema.MatchColumn(f.T3Cols, got)
		return ok && sameLabel(m.Canonical, l.Text)
	case l.Kind == templates.LabelTitle:
		if s, _, ok := f.MatchSection(got); ok {
			return sameLabel(s.Heading, l.Text)
		}
		if b, ok := f.MatchT2Block(got); ok {
			return sameLabel(b.Title, l.Text)
		}
	case l.Sheet == templates.SheetT2:
		if _, c, _, ok := f.MatchT2Row(got); ok && sameLabel(c.Label, l.Text) {
			return true
		}
		for _, b := range f.T2 {
			if _, m, ok := schema.MatchColumn(b.Cols, got); ok && sameLabel(m.Canonical, l.Text) {
				return true
			}
		}
	}
	return false
}

// find looks for a label's text elsewhere on the sheet: at a place that is
// not the canonical place of a label with the same text (表四 prints 结果维持
// three times; finding one of them where it belongs says nothing).
func (w *wbCheck) find(sheet, text string) (string, bool) {
	want := schema.Normalize(text)
	if w.labelAt == nil {
		w.labelAt = map[string]bool{}
		for _, l := range w.book.Labels {
			w.labelAt[l.Sheet+"!"+l.Ref+"|"+schema.Normalize(l.Text)] = true
		}
	}
	for i, row := range w.grid(sheet) {
		for j, v := range row {
			if v == "" || schema.Normalize(v) != want {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if w.labelAt[sheet+"!"+ref+"|"+want] {
				continue
			}
			return ref, true
		}
	}
	return "", false
}

// labelCells names the value cells a row label or header labels, for the
// finding's cells (empty for titles).
func labelCells(b *templates.Book, l templates.Label) []string {
	var out []string
	for _, c := range b.Cells {
		if c.Sheet != l.Sheet {
			continue
		}
		if l.Kind == templates.LabelRow && l.Row != "" && c.Row == rowOfLabel(l) {
			out = append(out, c.ID)
		}
	}
	return out
}

func rowOfLabel(l templates.Label) int {
	_, r, err := excelize.CellNameToCoordinates(l.Ref)
	if err != nil {
		return -1
	}
	return r
}

// names checks that every value cell's defined name exists and points at
// its canonical cell.
func (w *wbCheck) names() {
	defined := w.src.definedNames()
	if w.sheets[templates.SheetCheck] {
		want := w.book.CheckOK()
		switch ref, ok := defined[templates.CheckOKName]; {
		case !ok:
			w.add("wb.name_missing", nil, w.pos(templates.SheetCheck, templates.CheckOKRef), templates.CheckOKName, nil,
				fmt.Sprintf("校验：缺少定义名称 %s", templates.CheckOKName))
		case normRef(ref) != normRef(want):
			w.add("wb.name_missing", nil, w.pos(templates.SheetCheck, templates.CheckOKRef), want, ref,
				fmt.Sprintf("校验：定义名称 %s 指向 %s，应指向 %s!%s", templates.CheckOKName, strings.TrimPrefix(ref, "="), templates.SheetCheck, templates.CheckOKRef))
		}
	}
	for _, c := range w.book.Cells {
		ref, ok := defined[c.Name]
		if !ok {
			w.add("wb.name_missing", []string{c.ID}, w.pos(c.Sheet, c.Ref), c.Name, nil,
				fmt.Sprintf("%s：缺少定义名称 %s", c.Label, c.Name))
			continue
		}
		if normRef(ref) != normRef(c.AbsRef()) {
			w.add("wb.name_missing", []string{c.ID}, w.pos(c.Sheet, c.Ref), c.AbsRef(), ref,
				fmt.Sprintf("%s：定义名称 %s 指向 %s，应指向 %s", c.Label, c.Name, strings.TrimPrefix(ref, "="), c.Pos()))
		}
	}
}

func normRef(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "=")
	s = strings.ReplaceAll(s, "$", "")
	s = strings.ReplaceAll(s, "'", "")
	return strings.ToUpper(s)
}

// formulas checks every total: a formula where the canonical workbook has
// one, equal to the canonical formula, and a cached value equal to what the
// formula computes from the cells.
func (w *wbCheck) formulas() {
	published := map[string]bool{}
	for _, n := range w.r.Notes {
		if n.Kind == report.NotePublishedTotal {
			for _, id := range n.Cells {
				published[id] = true
			}
		}
	}
	ev := w.src.evaluator()
	for _, c := range w.book.Cells {
		if !c.IsTotal() || !w.sheets[c.Sheet] || w.shifted[c.Sheet] {
			continue
		}
		pos := w.pos(c.Sheet, c.Ref)
		formula := w.src.formula(c.Sheet, c.Ref)
		if strings.TrimSpace(formula) == "" {
			got := w.at(c.Sheet, c.Ref)
			if published[c.ID] || w.publishedComment(c.Sheet, c.Ref) {
				continue
			}
			if _, err := strconv.ParseFloat(strings.TrimSpace(got), 64); err != nil {
				// Blank, a marker or unreadable text: the report's own
				// missing total (missing, total.blank), not a constant.
				continue
			}
			w.add("wb.formula_replaced", []string{c.ID}, pos, c.Formula, got,
				fmt.Sprintf("%s：应为公式 =%s，表中为常量%s，且“信息”未将其列为公布的总计（published_total）", c.Label, c.Formula, quote(got)))
			continue
		}
		if normFormula(formula) != normFormula(c.Formula) {
			w.add("wb.formula_changed", []string{c.ID}, pos, "="+c.Formula, "="+strings.TrimPrefix(formula, "="),
				fmt.Sprintf("%s：公式为 =%s，标准公式为 =%s", c.Label, strings.TrimPrefix(formula, "="), c.Formula))
		}
		v, ok := ev.Formula(c.Sheet, c.Ref)
		if !ok {
			continue // a formula this checker cannot evaluate: not judged
		}
		cached := strings.TrimSpace(w.at(c.Sheet, c.Ref))
		cv, err := strconv.ParseFloat(cached, 64)
		switch {
		case cached == "":
			// No cached value (openpyxl and some tools save none): nothing
			// shows a wrong number; the application recomputes on opening.
		case err != nil || math.Abs(cv-v) > 1e-6:
			w.add("wb.cache_stale", []string{c.ID}, pos, v, cached,
				fmt.Sprintf("%s：公式缓存值为%s，按单元格重新计算为%s", c.Label, quote(cached), num(v)))
		}
	}
}

// publishedComment reports whether xxgk's writer marked the cell as a
// total holding what the report printed: its comment names
// published_total.
func (w *wbCheck) publishedComment(sheet, ref string) bool {
	if w.comments == nil {
		w.comments = w.src.comments()
	}
	return strings.Contains(w.comments[sheet+"!"+ref], report.NotePublishedTotal)
}

func normFormula(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "=")
	s = strings.ReplaceAll(s, "$", "")
	s = strings.ReplaceAll(s, " ", "")
	return strings.ToUpper(s)
}

// hidden reports hidden sheets, hidden rows and columns of the canonical
// sheets (a hidden row of 正文 hides a paragraph, of 信息 a note), and
// number formats that hide or disguise a value cell.
func (w *wbCheck) hidden() {
	for _, s := range w.src.sheetList() {
		if !w.src.sheetVisible(s) {
			w.add("wb.hidden", nil, w.pos(s, ""), nil, nil, fmt.Sprintf("工作表“%s”被隐藏", s))
		}
	}
	for _, s := range templates.SheetNames {
		if !w.sheets[s] {
			continue
		}
		maxRow, maxCol := 0, 0
		if dim := w.src.dimension(s); dim != "" {
			_, last, _ := strings.Cut(dim, ":")
			if last == "" {
				last = dim
			}
			if c, r, err := excelize.CellNameToCoordinates(last); err == nil {
				maxRow, maxCol = r, c
			}
		}
		if t := w.table(s); t != nil {
			maxRow = max(maxRow, t.LastRow)
			maxCol = max(maxCol, t.Cols)
		}
		// A forged dimension must not make this loop long.
		maxRow, maxCol = min(maxRow, 5000), min(maxCol, 200)
		for _, i := range w.src.hiddenRows(s) {
			if i > maxRow+1000 {
				break
			}
			ref, _ := excelize.CoordinatesToCellName(1, i)
			w.add("wb.hidden", nil, w.pos(s, ref), nil, nil, fmt.Sprintf("%s 第%d行被隐藏", s, i))
		}
		for j := 1; j <= maxCol; j++ {
			col, _ := excelize.ColumnNumberToName(j)
			if w.src.colHidden(s, j) {
				w.add("wb.hidden", nil, w.pos(s, col+"1"), nil, nil, fmt.Sprintf("%s 第%s列被隐藏", s, col))
			}
		}
	}
	if w.book == nil {
		return
	}
	for _, c := range w.book.Cells {
		if !w.sheets[c.Sheet] {
			continue
		}
		if fmtText := w.src.customFormat(c.Sheet, c.Ref); fmtText != "" && hidesValue(fmtText) {
			w.add("wb.hidden", []string{c.ID}, w.pos(c.Sheet, c.Ref), nil, fmtText,
				fmt.Sprintf("%s：数字格式“%s”隐藏或伪装了单元格的值", c.Label, fmtText))
		}
	}
}

func (w *wbCheck) table(sheet string) *templates.Table {
	if w.book == nil {
		return nil
	}
	for _, t := range w.book.Tables {
		if t.Sheet == sheet {
			return t
		}
	}
	return nil
}

// hidesValue reports whether a custom number format shows no digit of the
// value: ";;;", or a format of literals only ("\"5\"", "0;;;" is fine).
func hidesValue(format string) bool {
	// Only the first section applies to positive numbers and zero matters
	// as well: look at the positive and zero sections.
	sections := splitFormat(format)
	check := []int{0}
	if len(sections) >= 3 {
		check = append(check, 2)
	}
	for _, i := range check {
		if i >= len(sections) || !showsDigits(sections[i]) {
			return true
		}
	}
	return false
}

func splitFormat(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '"':
			inQuote = !inQuote
		case ch == '\\' && !inQuote && i+1 < len(s):
			cur.WriteByte(ch)
			i++
			ch = s[i]
		case ch == ';' && !inQuote:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(ch)
	}
	return append(out, cur.String())
}

// showsDigits reports whether a format section prints the value: it holds
// a digit placeholder (0 # ?) or General outside quotes, escapes and
// brackets.
func showsDigits(sec string) bool {
	if strings.Contains(strings.ToLower(sec), "general") {
		return true
	}
	inQuote, inBracket := false, false
	for i := 0; i < len(sec); i++ {
		ch := sec[i]
		switch {
		case ch == '"':
			inQuote = !inQuote
		case inQuote:
		case ch == '\\':
			i++
		case ch == '[':
			inBracket = true
		case ch == ']':
			inBracket = false
		case inBracket:
		case ch == '0' || ch == '#' || ch == '?' || ch == '@':
			return true
		}
	}
	return false
}
