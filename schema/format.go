package schema

import (
	"fmt"
	"strings"
	"sync"
)

// Format keys.
const (
	F2019 = "2019"
	F2021 = "2021"
)

// LayoutOtherSingleRow is the layout variant of a 2021 report that prints
// （六）其他处理 as one row, 2019-style: its values are t3.other.<col>.
const LayoutOtherSingleRow = "t3.other.single_row"

// Kind is the kind of value a cell holds.
type Kind int

const (
	// Count is a whole number ≥ 0.
	Count Kind = iota
	// SignedCount is a whole number that may be negative (2019 items_change).
	SignedCount
	// Amount is a decimal ≥ 0 in 万元.
	Amount
)

func (k Kind) String() string {
	switch k {
	case SignedCount:
		return "signed_count"
	case Amount:
		return "amount"
	}
	return "count"
}

// Cell is one value cell of a format.
type Cell struct {
	ID    string // t3.denied.state_secret.natural
	Table string // t2, t3, t4
	Row   string // row id inside the table: denied.state_secret (t4: the group, rev)
	Col   string // column id: natural
	Kind  Kind
	// Parts lists the cells a total sums; nil for an input cell. A total is
	// a formula in the canonical workbook.
	Parts []string
	// RowLabel and ColLabel are the official labels (for messages).
	RowLabel, ColLabel string
}

// IsTotal reports whether the cell is a computed total.
func (c *Cell) IsTotal() bool { return c.Parts != nil }

// Name is the workbook defined name of the cell: its id with '.' → '_'.
func (c *Cell) Name() string { return NameOf(c.ID) }

// NameOf turns a cell id into its defined name.
func NameOf(id string) string { return strings.ReplaceAll(id, ".", "_") }

// Label returns the official row and column label for messages, e.g.
// "表三（七）总计·自然人".
func (c *Cell) Label() string {
	t := map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}[c.Table]
	if c.RowLabel == "" {
		return t + c.ColLabel
	}
	return t + c.RowLabel + "·" + c.ColLabel
}

// Format is one official format as data.
type Format struct {
	Key      string // "2019" or "2021"
	Sections []Section
	T2       []T2Block
	T3Rows   []T3Row
	T3Cols   []Column
	T4Groups []Column // rev, lit_direct, lit_after
	T4Cols   []Column // upheld, corrected, other, pending, total

	cells map[string][]*Cell // by layout key ("" or LayoutOtherSingleRow)
	byID  map[string]*Cell   // every cell of every layout
	// byParts finds a declared id from its table, row and column without
	// building the string.
	byParts map[string]map[string]map[string]string // table → row → col → id
	ruleIn  map[string][]Instance

	idxOnce sync.Once
	idx     *labelIndex
}

// Section is one of the six fixed sections.
type Section struct {
	ID       string // s1 … s6
	Heading  string // canonical heading
	Variants []string
	Table    string // t2/t3/t4 for s2–s4
}

// Column is a labelled column (or a 表四 group).
type Column struct {
	ID       string
	Label    string
	Variants []string
	Kind     Kind
}

// T2Block is a 表二 block: title row 第二十条第（N）项, a header row, item rows.
type T2Block struct {
	Title    string // 第二十条第（一）项
	Cols     []Column
	Rows     []Column // row id and label
	Merged   bool     // 2021: one value cell spanning the three value columns
	Variants []string // title variants
}

// T3Row is a row of 表三: a data row, or a group label carrying no numbers.
type T3Row struct {
	ID       string // "" for a group label row
	Label    string
	Variants []string
	Group    string // label of the group this row belongs to (（三）不予公开)
	IsGroup  bool   // a group label: no numbers of its own
	Result   bool   // one of the result rows summed by （七）总计
	// SingleRowOther marks the 2021 （六）其他处理 label, which is a group in
	// the canonical layout and a data row (t3.other.<col>) in the single-row
	// variant.
	SingleRowOther bool
}

// Formats holds both formats by key.
var Formats = map[string]*Format{F2019: build2019(), F2021: build2021()}

// Get returns the format for a key, or nil.
func Get(key string) *Format { return Formats[key] }

// FormatForYear is the format a report year is published in.
func FormatForYear(year int) string {
	if year >= 2021 {
		return F2021
	}
	return F2019
}

// Cells returns the value cells of the format in canonical order (表二, 表三
// row by row, 表四), for the given layout variants.
func (f *Format) Cells(layout []string) []*Cell {
	return f.cells[layoutKey(f, layout)]
}

// Cell returns a cell by id, in any layout of the format, or nil.
func (f *Format) Cell(id string) *Cell { return f.byID[id] }

// CellID returns table + "." + row + "." + col: the declared id string when
// the format has the cell (no allocation), a new string otherwise.
func (f *Format) CellID(table, row, col string) string {
	if id, ok := f.byParts[table][row][col]; ok {
		return id
	}
	return table + "." + row + "." + col
}

// HasCell reports whether the id is a cell of the format under the layout.
func (f *Format) HasCell(id string, layout []string) bool {
	for _, c := range f.Cells(layout) {
		if c.ID == id {
			return true
		}
	}
	return false
}

// SingleRowOther reports whether the layout variants include the 2021
// single-row （六）其他处理.
func SingleRowOther(layout []string) bool {
	for _, l := range layout {
		if l == LayoutOtherSingleRow {
			return true
		}
	}
	return false
}

func layoutKey(f *Format, layout []string) string {
	if f.Key == F2021 && SingleRowOther(layout) {
		return LayoutOtherSingleRow
	}
	return ""
}

// T3DataRows returns the 表三 rows that carry numbers under the layout, in
// order.
func (f *Format) T3DataRows(layout []string) []T3Row {
	single := f.Key == F2021 && SingleRowOther(layout)
	var out []T3Row
	for _, r := range f.T3Rows {
		switch {
		case r.SingleRowOther && single:
			r.ID, r.IsGroup, r.Result = "other", false, true
			out = append(out, r)
		case r.IsGroup:
		case single && r.Group == "（六）其他处理":
		default:
			out = append(out, r)
		}
	}
	return out
}

// T3RowIDs lists the ids of the result rows under the layout (those summed by
// （七）总计).
func (f *Format) t3ResultRows(layout []string) []string {
	var ids []string
	for _, r := range f.T3DataRows(layout) {
		if r.Result {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func (f *Format) finish() {
	f.cells = map[string][]*Cell{}
	f.byID = map[string]*Cell{}
	f.byParts = map[string]map[string]map[string]string{}
	f.ruleIn = map[string][]Instance{}
	keys := []string{""}
	if f.Key == F2021 {
		keys = append(keys, LayoutOtherSingleRow)
	}
	for _, k := range keys {
		var layout []string
		if k != "" {
			layout = []string{k}
		}
		var cs []*Cell
		for _, b := range f.T2 {
			for _, r := range b.Rows {
				for _, c := range b.Cols {
					cs = append(cs, &Cell{ID: "t2." + r.ID + "." + c.ID, Table: "t2", Row: r.ID, Col: c.ID,
						Kind: c.Kind, RowLabel: r.Label, ColLabel: c.Label})
				}
			}
		}
		results := f.t3ResultRows(layout)
		for _, r := range f.T3DataRows(layout) {
			var parts []string
			for _, c := range f.T3Cols {
				cell := &Cell{ID: "t3." + r.ID + "." + c.ID, Table: "t3", Row: r.ID, Col: c.ID, Kind: Count,
					RowLabel: r.Label, ColLabel: c.Label}
				switch {
				case c.ID == "total":
					// Every 总计 cell, the （七）总计 corner included, sums its row.
					cell.Parts = parts
				case r.ID == "result_total":
					cell.Parts = make([]string, 0, len(results))
					for _, rr := range results {
						cell.Parts = append(cell.Parts, "t3."+rr+"."+c.ID)
					}
					parts = append(parts, cell.ID)
				default:
					parts = append(parts, cell.ID)
				}
				cs = append(cs, cell)
			}
		}
		for _, g := range f.T4Groups {
			var parts []string
			for _, c := range f.T4Cols {
				cell := &Cell{ID: "t4." + g.ID + "." + c.ID, Table: "t4", Row: g.ID, Col: c.ID, Kind: Count,
					RowLabel: g.Label, ColLabel: c.Label}
				if c.ID == "total" {
					cell.Parts = parts
				} else {
					parts = append(parts, cell.ID)
				}
				cs = append(cs, cell)
			}
		}
		f.cells[k] = cs
		for _, c := range cs {
			if _, ok := f.byID[c.ID]; !ok {
				f.byID[c.ID] = c
				rows := f.byParts[c.Table]
				if rows == nil {
					rows = map[string]map[string]string{}
					f.byParts[c.Table] = rows
				}
				if rows[c.Row] == nil {
					rows[c.Row] = map[string]string{}
				}
				rows[c.Row][c.Col] = c.ID
			}
		}
		f.ruleIn[k] = f.buildInstances(layout)
	}
}

// IDs returns the cell ids of the format under the layout, in canonical order.
func (f *Format) IDs(layout []string) []string {
	cs := f.Cells(layout)
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// AllIDs returns the union of the cell ids of both formats (every layout),
// sorted by format then canonical order, without duplicates.
func AllIDs() []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range []string{F2019, F2021} {
		f := Formats[k]
		for _, lk := range []string{"", LayoutOtherSingleRow} {
			for _, c := range f.cells[lk] {
				if !seen[c.ID] {
					seen[c.ID] = true
					out = append(out, c.ID)
				}
			}
		}
	}
	return out
}

// SectionByID returns the section declaration.
func (f *Format) SectionByID(id string) (Section, error) {
	for _, s := range f.Sections {
		if s.ID == id {
			return s, nil
		}
	}
	return Section{}, fmt.Errorf("schema: no section %q", id)
}

// LayoutKeyString names a layout for messages and test names.
func LayoutKeyString(layout []string) string {
	if len(layout) == 0 {
		return "canonical"
	}
	return strings.Join(layout, "+")
}
