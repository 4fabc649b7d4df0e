package compare

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Unit is one unit's Report in a merge, with the name it is listed under.
type Unit struct {
	Name   string // the agency, or the file when the report names none
	File   string // the input file, for messages
	Report *report.Report
}

// Units names the reports read from files for a merge: a unit is named by
// its agency, or by its file when it names none or shares the name with
// another unit, so that notes stay unambiguous.
func Units(files []string, reports []*report.Report) []Unit {
	seen := map[string]int{}
	for _, r := range reports {
		seen[r.Agency]++
	}
	units := make([]Unit, len(reports))
	for i, r := range reports {
		name := r.Agency
		if name == "" {
			name = filepath.Base(files[i])
		} else if seen[name] > 1 {
			name += "（" + filepath.Base(files[i]) + "）"
		}
		units[i] = Unit{Name: name, File: files[i], Report: r}
	}
	return units
}

// ErrMixed: the units are not all of the same format and year.
var ErrMixed = errors.New("units differ in format or year")

// MixedError says which units differ from the first.
type MixedError struct {
	First  Unit
	Others []Unit
}

func (e *MixedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: %s is format %s year %d", ErrMixed, e.First.File, e.First.Report.Format, e.First.Report.Year)
	for _, u := range e.Others {
		fmt.Fprintf(&b, "; %s is format %s year %d", u.File, u.Report.Format, u.Report.Year)
	}
	return b.String()
}

func (e *MixedError) Unwrap() error { return ErrMixed }

// Merge sums the units' Reports (汇总) into one Report of the same format and
// year. Every cell is the sum of the units' values; a cell any unit has
// missing is missing in the sum, with a cell_missing note naming the units. A
// 2021 unit printing （六）其他处理 as one row makes the sum use that layout too:
// the other units contribute the sum of their three sub-rows. A sum whose
// total disagrees with the sum of its parts (because a unit's did) gets a
// published_total note naming those units. agency names the merged Report
// (default "汇总").
func Merge(units []Unit, agency string) (*report.Report, error) {
	if len(units) == 0 {
		return nil, errors.New("merge: no units")
	}
	first := units[0]
	var others []Unit
	for _, u := range units[1:] {
		if u.Report.Format != first.Report.Format || u.Report.Year != first.Report.Year {
			others = append(others, u)
		}
	}
	if len(others) > 0 {
		return nil, &MixedError{First: first, Others: others}
	}
	if agency == "" {
		agency = "汇总"
	}
	m := report.New()
	m.Format, m.Year, m.Agency = first.Report.Format, first.Report.Year, agency
	m.Layout = []string{}
	f := m.Schema()
	for _, u := range units {
		if f.Key == schema.F2021 && schema.SingleRowOther(u.Report.Layout) {
			m.Layout = []string{schema.LayoutOtherSingleRow}
			break
		}
	}
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	// The sum has the six sections under their canonical headings (so the
	// workbook and check see a complete structure) and says in the
	// preamble which units it sums; the narrative is the units' own.
	m.Sections = []report.Section{{ID: "s0", Paragraphs: []string{
		fmt.Sprintf("本报告由 xxgk 汇总以下 %d 个单位的%d年度报告：%s。", len(units), m.Year, strings.Join(names, "、"))}}}
	for _, s := range f.Sections {
		m.Sections = append(m.Sections, report.Section{ID: s.ID, Heading: s.Heading, Paragraphs: []string{}})
	}
	for _, c := range f.Cells(m.Layout) {
		var sum float64
		var holes []string
		texts := map[string]bool{}
		for _, u := range units {
			v, ok := Value(u.Report, c.ID, m.Layout)
			if !ok {
				t, printed := u.Report.Missing[c.ID]
				desc := "未填"
				if printed {
					desc = "“" + t + "”"
					if t == "" {
						desc = "空白"
					}
				}
				texts[t] = true
				holes = append(holes, u.Name+"（"+desc+"）")
				continue
			}
			sum += v
		}
		if len(holes) > 0 {
			text := ""
			if len(texts) == 1 {
				for t := range texts {
					text = t
				}
			}
			m.Missing[c.ID] = text
			m.AddNote(report.NoteCellMissing, "", fmt.Sprintf("%s：%d 个单位缺数，汇总不计：%s", c.Label(), len(holes), strings.Join(holes, "、")), c.ID)
			continue
		}
		m.Cells[c.ID] = round(sum)
	}
	// A total that disagrees with its parts: name the units whose own total
	// disagreed, so the reader knows where to look.
	for _, c := range f.Totals(m.Layout) {
		tot, ok := m.Cells[c.ID]
		if !ok {
			continue
		}
		parts, ok := schema.Sum(c.Parts, m.Value)
		parts = round(parts)
		if !ok || math.Abs(parts-tot) < 1e-6 {
			continue
		}
		var bad []string
		for _, u := range units {
			t, ok1 := Value(u.Report, c.ID, m.Layout)
			p, ok2 := sumOfUnit(u.Report, c.Parts, m.Layout)
			if ok1 && ok2 && math.Abs(p-t) > 1e-6 {
				bad = append(bad, fmt.Sprintf("%s（表中%s，各项之和%s）", u.Name, num(t), num(p)))
			}
		}
		m.AddNote(report.NotePublishedTotal, "", fmt.Sprintf("%s：汇总为%s，各项之和为%s；单位所报总计与分项不符：%s",
			c.Label(), num(tot), num(parts), strings.Join(bad, "、")), c.ID)
	}
	return m, nil
}

// Value returns a cell of r read under layout: for t3.other.<col> in the
// single-row layout, a canonical 2021 report contributes the sum of its three
// sub-rows (formats.md: they correspond to （六）其他处理 as one row).
func Value(r *report.Report, id string, layout []string) (float64, bool) {
	if v, ok := r.Cells[id]; ok {
		return v, true
	}
	if col, ok := strings.CutPrefix(id, "t3.other."); ok && !strings.Contains(col, ".") &&
		r.Format == schema.F2021 && !schema.SingleRowOther(r.Layout) {
		var s float64
		for _, sub := range []string{"no_correction", "fee_unpaid", "other"} {
			v, ok := r.Cells["t3.other."+sub+"."+col]
			if !ok {
				return 0, false
			}
			s += v
		}
		return s, true
	}
	return 0, false
}

// sumOfUnit sums cells of a unit read under layout (Value), rounded.
func sumOfUnit(r *report.Report, ids []string, layout []string) (float64, bool) {
	s, ok := schema.Sum(ids, func(id string) (float64, bool) { return Value(r, id, layout) })
	return round(s), ok
}

// round drops float noise from sums of decimal amounts (0.1+0.2).
func round(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func num(v float64) string { return report.FormatNumber(v) }

// UnitSheets lays out, per table, every unit's values: one row per unit (name,
// file, then each cell of the table in canonical order; a missing cell shows
// the text it was printed as), then the 汇总 row. Two header rows: the
// official labels and the cell ids.
func UnitSheets(units []Unit, merged *report.Report) []SheetData {
	f := merged.Schema()
	byTable := map[string][]*schema.Cell{}
	for _, c := range f.Cells(merged.Layout) {
		byTable[c.Table] = append(byTable[c.Table], c)
	}
	var out []SheetData
	for _, t := range []struct{ id, name string }{{"t2", "表二·各单位"}, {"t3", "表三·各单位"}, {"t4", "表四·各单位"}} {
		cells := byTable[t.id]
		labels := []any{"单位", "文件"}
		ids := []any{"unit", "file"}
		for _, c := range cells {
			labels = append(labels, strings.TrimPrefix(c.Label(), map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}[t.id]))
			ids = append(ids, c.ID)
		}
		rows := [][]any{labels, ids}
		row := func(name, file string, r *report.Report) []any {
			out := []any{name, file}
			for _, c := range cells {
				if v, ok := Value(r, c.ID, merged.Layout); ok {
					out = append(out, v)
				} else if txt := r.Missing[c.ID]; txt != "" {
					out = append(out, txt)
				} else {
					out = append(out, nil)
				}
			}
			return out
		}
		for _, u := range units {
			rows = append(rows, row(u.Name, u.File, u.Report))
		}
		rows = append(rows, row("汇总", "", merged))
		out = append(out, SheetData{Name: t.name, Header: 2, Rows: rows})
	}
	return out
}

// SheetData is a plain table for an extra workbook sheet (the CLI hands it
// to convert.AppendSheets).
type SheetData struct {
	Name   string
	Header int
	Rows   [][]any
}
