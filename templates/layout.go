package templates

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xxgk/xxgk/schema"
)

// TemplateVersion is the version stamp of the canonical workbook layout. It
// changes only when the layout changes.
const TemplateVersion = "xxgk-template/1"

// VersionProperty is the custom document property holding TemplateVersion.
const VersionProperty = "xxgk-template"

// Sheet names, fixed (ARCHITECTURE.md). All are well under Excel's 31-unit
// limit.
const (
	SheetT2    = "二、主动公开"
	SheetT3    = "三、依申请公开"
	SheetT4    = "四、复议诉讼"
	SheetText  = "正文"
	SheetInfo  = "信息"
	SheetCheck = "校验"
	SheetGuide = "填报说明"
)

// SheetNames lists the sheets of every canonical workbook in order; a
// template adds SheetGuide at the end.
var SheetNames = []string{SheetT2, SheetT3, SheetT4, SheetText, SheetInfo, SheetCheck}

// TemplateSheetNames lists the sheets of a template in order.
var TemplateSheetNames = append(append([]string(nil), SheetNames...), SheetGuide)

// Rows of the table sheets shared by the three tables.
const (
	TitleRow  = 1 // the section heading
	AgencyRow = 2 // 填报机关：…
	YearRow   = 3 // 报告年度：…
	UnitRow   = 4 // 单位：…
	TableRow  = 5 // the first row of the official table
)

// 校验 sheet positions.
const (
	CheckOKName     = "check_ok"
	CheckOKRef      = "B2"
	CheckHeaderRow  = 4
	CheckFirstRow   = 5
	CheckStatusCol  = "F"
	CheckStatusOK   = "OK"
	CheckStatusBad  = "不平"
	CheckStatusMiss = "缺数"
)

// 正文 columns: A section id, B heading as printed (first row of a section),
// C paragraph. Row 1 is a header row. A paragraph longer than MaxCellChars is
// split into continuation rows whose column A is the section id followed by
// ContinuationMark.
const (
	TextHeaderRow    = 1
	TextFirstRow     = 2
	ContinuationMark = "（续）"
	// MaxCellChars is Excel's limit of characters (UTF-16 units) in a cell.
	MaxCellChars = 32767
)

// Book is the canonical layout of one format under its layout variants.
type Book struct {
	Format string
	Layout []string
	Tables []*Table // 表二, 表三, 表四
	// Cells lists every value cell in canonical order (schema.Format.Cells).
	Cells []*Cell
	// Labels lists every label cell of the three table sheets: titles,
	// header labels, row labels and group labels.
	Labels []Label
	// Checks lists the 校验 rows in order.
	Checks []Check

	byID  map[string]*Cell
	byRef map[string]*Cell // "sheet!ref"
}

// Table is the layout of one table sheet.
type Table struct {
	ID    string // t2, t3, t4
	Sheet string
	Title string // the section's canonical heading, in TitleRow
	// Cols is the width of the table in columns (A = 1).
	Cols int
	// HeaderFirst and HeaderLast are the header rows repeated on every
	// printed page; LastRow is the table's last row.
	HeaderFirst, HeaderLast, LastRow int
	// DataStart is the fixed top-left value cell ("D8").
	DataStart string
	// LabelCols is the number of label columns (frozen panes).
	LabelCols int
	// Widths are the column widths from column A, in Excel character units.
	Widths []float64
	// Merges lists the merged ranges ("A5:C7") of the table, title rows
	// included.
	Merges []string
	// Landscape reports whether the sheet prints on A4 landscape.
	Landscape bool
	// Unit is the text of the unit row.
	Unit string
}

// Cell is the place of one value cell.
type Cell struct {
	ID    string
	Name  string // defined name: t3_granted_natural
	Sheet string
	Ref   string // "J12"
	Col   int    // 1-based column of Ref
	Row   int
	// Merge is the merged range the value spans ("B11:D11") or "".
	Merge string
	// Formula is the canonical formula of a total (no leading "="), "" for
	// an input cell.
	Formula string
	Kind    schema.Kind
	// Parts are the ids a total sums (schema), nil for an input cell.
	Parts []string
	// Label is the official label for messages: 表三（七）总计·自然人.
	Label string
}

// IsTotal reports whether the cell holds a formula in the canonical layout.
func (c *Cell) IsTotal() bool { return c.Formula != "" }

// AbsRef is the absolute reference of the cell for defined names:
// '三、依申请公开'!$J$12.
func (c *Cell) AbsRef() string { return AbsRef(c.Sheet, c.Col, c.Row) }

// Pos is the cell's position as notes print it: 三、依申请公开!J12.
func (c *Cell) Pos() string { return c.Sheet + "!" + c.Ref }

// LabelKind tells what a label cell is.
type LabelKind string

const (
	LabelTitle  LabelKind = "title"  // a sheet's title row or a 表二 block title
	LabelHeader LabelKind = "header" // a column header
	LabelRow    LabelKind = "row"    // a data row's label
	LabelGroup  LabelKind = "group"  // a group label carrying no numbers
)

// Label is a label cell with its canonical text.
type Label struct {
	Sheet string
	Ref   string // top-left cell
	Merge string // the merged range, "" when not merged
	Text  string // canonical text
	Kind  LabelKind
	// Row is the 表三/表二 row id a row label names ("granted"), "" for others;
	// Col the column id a header names ("natural"), "" for others.
	Row, Col string
}

// Check is one 校验 row.
type Check struct {
	Row      int
	Instance schema.Instance
	// Formulas of columns C–F (no leading "=").
	Left, Right, Diff, Status string
	// Counted lists the cells that must all hold numbers for the row to be
	// evaluated: the operands and, for an operand that is a total, the
	// input cells it sums (a formula shows 0 over blanks; the blanks are
	// what is missing). Status is 缺数 when one of them is not a number.
	Counted []string
}

// Layout returns the canonical layout of a format ("2019" or "2021") under
// its layout variants, or nil for an unknown format. The Book is shared and
// must not be modified.
func Layout(format string, layout []string) *Book {
	f := schema.Get(format)
	if f == nil {
		return nil
	}
	key := format
	if format == schema.F2021 && schema.SingleRowOther(layout) {
		key += "+" + schema.LayoutOtherSingleRow
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if b, ok := cache[key]; ok {
		return b
	}
	var lay []string
	if strings.Contains(key, "+") {
		lay = []string{schema.LayoutOtherSingleRow}
	}
	b := build(f, lay)
	cache[key] = b
	return b
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Book{}
)

// Cell returns the place of a cell id, or nil.
func (b *Book) Cell(id string) *Cell { return b.byID[id] }

// CellAt returns the value cell at sheet!ref, or nil.
func (b *Book) CellAt(sheet, ref string) *Cell { return b.byRef[sheet+"!"+ref] }

// Table returns the table of a sheet or table id, or nil.
func (b *Book) Table(idOrSheet string) *Table {
	for _, t := range b.Tables {
		if t.ID == idOrSheet || t.Sheet == idOrSheet {
			return t
		}
	}
	return nil
}

// CheckOK is the absolute reference of check_ok.
func (b *Book) CheckOK() string { return AbsRef(SheetCheck, 2, 2) }

// LastCheckRow is the last 校验 row.
func (b *Book) LastCheckRow() int { return CheckFirstRow + len(b.Checks) - 1 }

// CheckOKFormula is the formula of check_ok: TRUE only when every status is OK.
func (b *Book) CheckOKFormula() string {
	return fmt.Sprintf(`COUNTIF(%s%d:%s%d,"%s")=%d`, CheckStatusCol, CheckFirstRow, CheckStatusCol,
		b.LastCheckRow(), CheckStatusOK, len(b.Checks))
}

// Ref makes a cell reference from 1-based column and row: (4, 8) → "D8".
func Ref(col, row int) string { return ColName(col) + strconv.Itoa(row) }

// ColName is the column letters of a 1-based column.
func ColName(col int) string {
	s := ""
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s
}

// AbsRef is an absolute reference with a quoted sheet name: '表'!$D$8.
func AbsRef(sheet string, col, row int) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + ColName(col) + "$" + strconv.Itoa(row)
}

// Sheet limits of OOXML: columns A–XFD, rows 1–1048576.
const (
	MaxCols = 16384
	MaxRows = 1048576
)

// SplitRef parses "D8" into column 4 and row 8; a reference outside the
// sheet limits is an error.
func SplitRef(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > MaxCols {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, 0, fmt.Errorf("bad cell reference %q", ref)
		}
	}
	row, err = strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > MaxRows {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col, row, nil
}

// FormulaWanted decides whether a total cell of a converted report holds its
// canonical formula: the report printed a number equal to the sum of its
// parts, every part present. Templates always hold the formula. value
// returns a cell's printed number and whether it is present.
func FormulaWanted(c *Cell, value func(id string) (float64, bool)) bool {
	if !c.IsTotal() {
		return false
	}
	v, ok := value(c.ID)
	if !ok {
		return false
	}
	sum, ok := PartsSum(c, value)
	return ok && nearlyEqual(v, sum)
}

// PartsSum sums the parts of a total; ok is false when a part is missing.
func PartsSum(c *Cell, value func(id string) (float64, bool)) (sum float64, ok bool) {
	return schema.Sum(c.Parts, value)
}

func nearlyEqual(a, b float64) bool {
	d := a - b
	return d < 1e-6 && d > -1e-6
}

func (b *Book) addMerge(t *Table, from, to string) string {
	m := from + ":" + to
	t.Merges = append(t.Merges, m)
	return m
}

func (b *Book) label(t *Table, kind LabelKind, text string, col, row, col2, row2 int, rowID, colID string) {
	l := Label{Sheet: t.Sheet, Ref: Ref(col, row), Text: text, Kind: kind, Row: rowID, Col: colID}
	if col2 != col || row2 != row {
		l.Merge = b.addMerge(t, Ref(col, row), Ref(col2, row2))
	}
	b.Labels = append(b.Labels, l)
}

func (b *Book) place(f *schema.Format, id, sheet string, col, row int, merge string) {
	sc := f.Cell(id)
	if sc == nil {
		panic("templates: unknown cell " + id)
	}
	c := &Cell{ID: id, Name: schema.NameOf(id), Sheet: sheet, Ref: Ref(col, row), Col: col, Row: row,
		Merge: merge, Kind: sc.Kind, Label: sc.Label()}
	b.byID[id] = c
	b.byRef[sheet+"!"+c.Ref] = c
}

func build(f *schema.Format, layout []string) *Book {
	b := &Book{Format: f.Key, Layout: layout, byID: map[string]*Cell{}, byRef: map[string]*Cell{}}
	sections := map[string]string{}
	for _, s := range f.Sections {
		sections[s.Table] = s.Heading
	}
	b.buildT2(f, sections["t2"])
	b.buildT3(f, layout, sections["t3"])
	b.buildT4(f, sections["t4"])
	// Cells in canonical order, with parts and formulas from the schema.
	for _, sc := range f.Cells(layout) {
		c := b.byID[sc.ID]
		if c == nil {
			panic("templates: cell without a place " + sc.ID)
		}
		c.Kind, c.Label = sc.Kind, sc.Label()
		if sc.IsTotal() {
			c.Parts = sc.Parts
			c.Formula = b.sumFormula(sc.Parts)
		}
		b.Cells = append(b.Cells, c)
	}
	// A cell id of another layout variant must not linger in the maps.
	keep := map[string]bool{}
	for _, c := range b.Cells {
		keep[c.ID] = true
	}
	for id, c := range b.byID {
		if !keep[id] {
			delete(b.byID, id)
			delete(b.byRef, c.Sheet+"!"+c.Ref)
		}
	}
	for i, in := range f.Instances(layout) {
		b.Checks = append(b.Checks, b.check(CheckFirstRow+i, in))
	}
	return b
}

// sumFormula writes SUM over the parts as ranges: the parts of every total
// are contiguous in one row or one column of the same sheet.
func (b *Book) sumFormula(parts []string) string {
	var cs []*Cell
	for _, p := range parts {
		cs = append(cs, b.byID[p])
	}
	first, last := cs[0], cs[len(cs)-1]
	contiguous := true
	for i, c := range cs {
		sameRow := c.Row == first.Row && c.Col == first.Col+i
		sameCol := c.Col == first.Col && c.Row == first.Row+i
		if c.Sheet != first.Sheet || !(sameRow || sameCol) {
			contiguous = false
		}
	}
	if contiguous {
		return "SUM(" + first.Ref + ":" + last.Ref + ")"
	}
	refs := make([]string, len(cs))
	for i, c := range cs {
		refs[i] = c.Ref
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

func (b *Book) check(row int, in schema.Instance) Check {
	names := func(ids []string) string {
		ns := make([]string, len(ids))
		for i, id := range ids {
			ns[i] = schema.NameOf(id)
		}
		return strings.Join(ns, ",")
	}
	direct := in.Cells()
	seen := map[string]bool{}
	for _, id := range direct {
		seen[id] = true
	}
	var leaves []string
	var walk func(id string)
	walk = func(id string) {
		c := b.byID[id]
		if c == nil || !c.IsTotal() {
			if !seen[id] {
				seen[id] = true
				leaves = append(leaves, id)
			}
			return
		}
		for _, p := range c.Parts {
			walk(p)
		}
	}
	for _, id := range direct {
		if c := b.byID[id]; c != nil && c.IsTotal() {
			for _, p := range c.Parts {
				walk(p)
			}
		}
	}
	args := names(direct)
	if len(leaves) > 0 {
		args += "," + strings.Join(b.ranges(leaves), ",")
	}
	n := len(direct) + len(leaves)
	r := strconv.Itoa(row)
	cmp := `ABS(E` + r + `)<0.000001`
	if in.Op == schema.Le {
		cmp = `C` + r + `<=D` + r + `+0.000001`
	}
	return Check{
		Row:      row,
		Instance: in,
		Left:     "SUM(" + names(in.Left) + ")",
		Right:    "SUM(" + names(in.Right) + ")",
		Diff:     "C" + r + "-D" + r,
		Status: fmt.Sprintf(`IF(COUNT(%s)<%d,"%s",IF(%s,"%s","%s"))`, args, n, CheckStatusMiss, cmp,
			CheckStatusOK, CheckStatusBad),
		Counted: append(append([]string(nil), direct...), leaves...),
	}
}

// ranges writes cells as few rectangular sheet-qualified ranges:
// '三、依申请公开'!D10:I30.
func (b *Book) ranges(ids []string) []string {
	type key struct {
		sheet string
		row   int
	}
	cols := map[key][]int{}
	var sheets []string
	for _, id := range ids {
		c := b.byID[id]
		k := key{c.Sheet, c.Row}
		if len(cols[k]) == 0 {
			found := false
			for _, s := range sheets {
				found = found || s == c.Sheet
			}
			if !found {
				sheets = append(sheets, c.Sheet)
			}
		}
		cols[k] = append(cols[k], c.Col)
	}
	type run struct{ c1, c2, r1, r2 int }
	var out []string
	for _, sheet := range sheets {
		var rows []int
		for k := range cols {
			if k.sheet == sheet {
				rows = append(rows, k.row)
			}
		}
		sort.Ints(rows)
		var runs []run
		for _, r := range rows {
			cs := cols[key{sheet, r}]
			sort.Ints(cs)
			for i := 0; i < len(cs); {
				j := i
				for j+1 < len(cs) && cs[j+1] == cs[j]+1 {
					j++
				}
				merged := false
				for k := range runs {
					if runs[k].c1 == cs[i] && runs[k].c2 == cs[j] && runs[k].r2 == r-1 {
						runs[k].r2 = r
						merged = true
						break
					}
				}
				if !merged {
					runs = append(runs, run{cs[i], cs[j], r, r})
				}
				i = j + 1
			}
		}
		q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
		for _, rn := range runs {
			if rn.c1 == rn.c2 && rn.r1 == rn.r2 {
				out = append(out, q+Ref(rn.c1, rn.r1))
			} else {
				out = append(out, q+Ref(rn.c1, rn.r1)+":"+Ref(rn.c2, rn.r2))
			}
		}
	}
	return out
}

func (b *Book) newTable(id, sheet, title string, cols int) *Table {
	t := &Table{ID: id, Sheet: sheet, Title: title, Cols: cols}
	b.Tables = append(b.Tables, t)
	b.label(t, LabelTitle, title, 1, TitleRow, cols, TitleRow, "", "")
	// The agency, year and unit rows are merged across the table but hold
	// data, not labels.
	for _, r := range []int{AgencyRow, YearRow, UnitRow} {
		b.addMerge(t, Ref(1, r), Ref(cols, r))
	}
	return t
}

func (b *Book) buildT2(f *schema.Format, title string) {
	t := b.newTable("t2", SheetT2, title, 4)
	t.Widths = []float64{26, 26, 26, 26}
	t.LabelCols = 1
	t.Unit = "单位：件；金额单位：万元"
	row := TableRow
	t.HeaderFirst, t.HeaderLast = 0, 0
	for _, blk := range f.T2 {
		b.label(t, LabelTitle, blk.Title, 1, row, 4, row, "", "")
		row++
		b.label(t, LabelHeader, schema.T2ContentHeader, 1, row, 1, row, "", "")
		if blk.Merged {
			c := blk.Cols[0]
			b.label(t, LabelHeader, c.Label, 2, row, 4, row, "", c.ID)
		} else {
			for i, c := range blk.Cols {
				text := c.Label
				if f.Key == schema.F2019 && c.ID == "amount" {
					text = schema.ProcurementAmountHeader
				}
				b.label(t, LabelHeader, text, 2+i, row, 2+i, row, "", c.ID)
			}
		}
		row++
		for _, r := range blk.Rows {
			b.label(t, LabelRow, r.Label, 1, row, 1, row, r.ID, "")
			if blk.Merged {
				m := b.addMerge(t, Ref(2, row), Ref(4, row))
				b.place(f, "t2."+r.ID+"."+blk.Cols[0].ID, t.Sheet, 2, row, m)
			} else {
				for i, c := range blk.Cols {
					b.place(f, "t2."+r.ID+"."+c.ID, t.Sheet, 2+i, row, "")
				}
			}
			row++
		}
	}
	t.LastRow = row - 1
	t.DataStart = "B7"
}

func (b *Book) buildT3(f *schema.Format, layout []string, title string) {
	t := b.newTable("t3", SheetT3, title, 10)
	t.Widths = []float64{6, 14, 44, 9, 9, 9, 9, 9, 9, 9}
	t.LabelCols = 3
	t.Landscape = true
	t.Unit = "单位：件"
	h := TableRow
	t.HeaderFirst, t.HeaderLast = h, h+2
	b.label(t, LabelHeader, schema.T3Note, 1, h, 3, h+2, "", "")
	b.label(t, LabelHeader, schema.T3Applicant, 4, h, 10, h, "", "")
	b.label(t, LabelHeader, f.T3Cols[0].Label, 4, h+1, 4, h+2, "", f.T3Cols[0].ID)
	b.label(t, LabelHeader, schema.T3LegalPersons, 5, h+1, 9, h+1, "", "")
	b.label(t, LabelHeader, f.T3Cols[6].Label, 10, h+1, 10, h+2, "", f.T3Cols[6].ID)
	for i, c := range f.T3Cols[1:6] {
		b.label(t, LabelHeader, c.Label, 5+i, h+2, 5+i, h+2, "", c.ID)
	}
	row := h + 3
	// Count the rows of each group to merge the group labels vertically.
	type span struct{ first, last int }
	groups := map[string]*span{}
	var order []string
	r0 := row
	rows := f.T3DataRows(layout)
	for _, r := range rows {
		for _, g := range []string{r.Group, parentGroup(f, r.Group)} {
			if g == "" {
				continue
			}
			if groups[g] == nil {
				groups[g] = &span{r0, r0}
				order = append(order, g)
			}
			groups[g].last = r0
		}
		r0++
	}
	for _, r := range rows {
		id, grp := r.ID, r.Group
		switch {
		case grp == "":
			b.label(t, LabelRow, r.Label, 1, row, 3, row, id, "")
		case grp == schema.T3ResultsGroup:
			b.label(t, LabelRow, r.Label, 2, row, 3, row, id, "")
		default:
			b.label(t, LabelRow, r.Label, 3, row, 3, row, id, "")
		}
		for i, c := range f.T3Cols {
			b.place(f, "t3."+id+"."+c.ID, t.Sheet, 4+i, row, "")
		}
		row++
	}
	for _, g := range order {
		s := groups[g]
		col := 2
		if g == schema.T3ResultsGroup {
			col = 1
		}
		b.label(t, LabelGroup, g, col, s.first, col, s.last, "", "")
	}
	t.LastRow = row - 1
	t.DataStart = Ref(4, h+3)
}

// parentGroup is the group a group label belongs to (（三）不予公开 → 三、本年度办理结果).
func parentGroup(f *schema.Format, group string) string {
	for _, r := range f.T3Rows {
		if r.IsGroup && r.Label == group {
			return r.Group
		}
	}
	return ""
}

func (b *Book) buildT4(f *schema.Format, title string) {
	t := b.newTable("t4", SheetT4, title, 15)
	t.Widths = make([]float64, 15)
	for i := range t.Widths {
		t.Widths[i] = 9
	}
	t.Landscape = true
	t.Unit = "单位：件"
	h := TableRow
	t.HeaderFirst, t.HeaderLast = h, h+2
	b.label(t, LabelHeader, schema.T4Review, 1, h, 5, h, "", "")
	b.label(t, LabelHeader, schema.T4Litigation, 6, h, 15, h, "", "")
	for gi, g := range f.T4Groups {
		base := 1 + gi*5
		if gi == 0 {
			for i, c := range f.T4Cols {
				b.label(t, LabelHeader, c.Label, base+i, h+1, base+i, h+2, g.ID, c.ID)
			}
		} else {
			b.label(t, LabelHeader, g.Label, base, h+1, base+4, h+1, g.ID, "")
			for i, c := range f.T4Cols {
				b.label(t, LabelHeader, c.Label, base+i, h+2, base+i, h+2, g.ID, c.ID)
			}
		}
		for i, c := range f.T4Cols {
			b.place(f, "t4."+g.ID+"."+c.ID, t.Sheet, base+i, h+3, "")
		}
	}
	t.LastRow = h + 3
	t.DataStart = Ref(1, h+3)
}
