package convert

import (
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// This file lays a Report out once for every document writer (txt, md,
// html, docx): the sections in order and the three tables drawn exactly as
// ../shared/spec/official-tables-*.html draws them (every merge), with the
// labels and headers taken from package schema.

// outKind tells what an output table cell holds.
type outKind int

const (
	outHeader outKind = iota // a header cell (centred)
	outLabel                 // a row label
	outValue                 // an input value
	outTotal                 // a total (grey in the official tables)
	outBlank                 // blank by design (2019 表二 third column of （八）（九）)
)

// outCell is one cell of an output table, at the position where it starts.
type outCell struct {
	Text    string
	RowSpan int // ≥ 1
	ColSpan int // ≥ 1
	Kind    outKind
	ID      string // the cell id of a value or total
}

// outTable is a table as the official format draws it: rows list only the
// cells that start in them, like HTML's <tr>.
type outTable struct {
	ID      string // t2, t3, t4
	Cols    int    // grid width
	Rows    [][]outCell
	Heading int // number of leading header rows (repeated on a page break)
}

// outSection is one section of the output, its table attached.
type outSection struct {
	ID, Heading string
	Paras       []string
	Table       *outTable
}

// cellText is what a writer prints for a cell: the number, or the text the
// source printed for a missing cell ("" for blank).
func cellText(r *report.Report, id string) string {
	if v, ok := r.Cells[id]; ok {
		return report.FormatNumber(v)
	}
	return r.Missing[id]
}

// tableHasData reports whether any cell of table t is in cells or missing:
// a table the source lacks is not drawn.
func tableHasData(r *report.Report, t string) bool {
	for _, c := range r.Schema().Cells(r.Layout) {
		if c.Table != t {
			continue
		}
		if _, ok := r.Cells[c.ID]; ok {
			return true
		}
		if _, ok := r.Missing[c.ID]; ok {
			return true
		}
	}
	return false
}

var sectionTable = map[string]string{"s2": "t2", "s3": "t3", "s4": "t4"}

// planSections returns the sections to write in the Report's order, each
// table attached to its section; a table whose section the Report lacks gets
// a section without heading at its canonical place.
func planSections(r *report.Report) []outSection {
	var out []outSection
	have := map[string]bool{}
	for _, s := range r.Sections {
		have[s.ID] = true
		out = append(out, outSection{ID: s.ID, Heading: s.Heading, Paras: s.Paragraphs})
	}
	for _, sid := range []string{"s2", "s3", "s4"} {
		if have[sid] || !tableHasData(r, sectionTable[sid]) {
			continue
		}
		at := len(out)
		for i, s := range out {
			if s.ID > sid {
				at = i
				break
			}
		}
		out = append(out[:at], append([]outSection{{ID: sid}}, out[at:]...)...)
		have[sid] = true
	}
	done := map[string]bool{}
	for i := range out {
		t, ok := sectionTable[out[i].ID]
		if !ok || done[t] || !tableHasData(r, t) {
			continue
		}
		done[t] = true
		tb := buildTable(r, t)
		out[i].Table = &tb
	}
	return out
}

// buildTable draws table t2, t3 or t4 of the Report.
func buildTable(r *report.Report, t string) outTable {
	switch t {
	case "t2":
		return buildT2(r)
	case "t3":
		return buildT3(r)
	}
	return buildT4(r)
}

func hdr(text string, rs, cs int) outCell {
	return outCell{Text: text, RowSpan: rs, ColSpan: cs, Kind: outHeader}
}

func val(r *report.Report, id string, cs int) outCell {
	k := outValue
	if c := r.Schema().Cell(id); c != nil && c.IsTotal() {
		k = outTotal
	}
	return outCell{Text: cellText(r, id), RowSpan: 1, ColSpan: cs, Kind: k, ID: id}
}

func buildT2(r *report.Report) outTable {
	f := r.Schema()
	tb := outTable{ID: "t2", Cols: 4}
	for _, b := range f.T2 {
		tb.Rows = append(tb.Rows, []outCell{hdr(b.Title, 1, 4)})
		head := []outCell{hdr(schema.T2ContentHeader, 1, 1)}
		if b.Merged {
			head = append(head, hdr(b.Cols[0].Label, 1, 3))
		} else {
			for _, c := range b.Cols {
				label := c.Label
				if c.Kind == schema.Amount && f.Key == schema.F2019 {
					label = schema.ProcurementAmountHeader
				}
				head = append(head, hdr(label, 1, 1))
			}
			for i := len(b.Cols); i < 3; i++ {
				head = append(head, hdr("", 1, 1))
			}
		}
		tb.Rows = append(tb.Rows, head)
		for _, row := range b.Rows {
			cells := []outCell{{Text: row.Label, RowSpan: 1, ColSpan: 1, Kind: outLabel}}
			if b.Merged {
				cells = append(cells, val(r, "t2."+row.ID+"."+b.Cols[0].ID, 3))
			} else {
				for _, c := range b.Cols {
					cells = append(cells, val(r, "t2."+row.ID+"."+c.ID, 1))
				}
				for i := len(b.Cols); i < 3; i++ {
					cells = append(cells, outCell{RowSpan: 1, ColSpan: 1, Kind: outBlank})
				}
			}
			tb.Rows = append(tb.Rows, cells)
		}
	}
	return tb
}

func buildT3(r *report.Report) outTable {
	f := r.Schema()
	tb := outTable{ID: "t3", Cols: 10, Heading: 3}
	cols := f.T3Cols
	row1 := []outCell{hdr(schema.T3Note, 3, 3), hdr(schema.T3Applicant, 1, 7)}
	row2 := []outCell{hdr(cols[0].Label, 2, 1), hdr(schema.T3LegalPersons, 1, 5), hdr(cols[6].Label, 2, 1)}
	var row3 []outCell
	for _, c := range cols[1:6] {
		row3 = append(row3, hdr(c.Label, 1, 1))
	}
	tb.Rows = append(tb.Rows, row1, row2, row3)

	data := f.T3DataRows(r.Layout)
	// The sub-groups of 三、本年度办理结果 that are drawn as groups.
	sub := map[string]int{}
	results := 0
	for _, d := range data {
		switch {
		case d.Group == schema.T3ResultsGroup:
			results++
		case d.Group != "":
			sub[d.Group]++
			results++
		}
	}
	seen := map[string]bool{}
	for _, d := range data {
		var cells []outCell
		switch {
		case d.Group == "":
			cells = append(cells, outCell{Text: d.Label, RowSpan: 1, ColSpan: 3, Kind: outLabel})
		default:
			if !seen[schema.T3ResultsGroup] {
				seen[schema.T3ResultsGroup] = true
				cells = append(cells, outCell{Text: schema.T3ResultsGroup, RowSpan: results, ColSpan: 1, Kind: outLabel})
			}
			if d.Group == schema.T3ResultsGroup {
				cells = append(cells, outCell{Text: d.Label, RowSpan: 1, ColSpan: 2, Kind: outLabel})
				break
			}
			if !seen[d.Group] {
				seen[d.Group] = true
				cells = append(cells, outCell{Text: d.Group, RowSpan: sub[d.Group], ColSpan: 1, Kind: outLabel})
			}
			cells = append(cells, outCell{Text: d.Label, RowSpan: 1, ColSpan: 1, Kind: outLabel})
		}
		for _, c := range cols {
			v := val(r, "t3."+d.ID+"."+c.ID, 1)
			if d.ID == "result_total" {
				v.Kind = outTotal
			}
			cells = append(cells, v)
		}
		tb.Rows = append(tb.Rows, cells)
	}
	return tb
}

func buildT4(r *report.Report) outTable {
	f := r.Schema()
	tb := outTable{ID: "t4", Cols: 15, Heading: 3}
	g := f.T4Groups
	tb.Rows = append(tb.Rows, []outCell{hdr(schema.T4Review, 1, 5), hdr(schema.T4Litigation, 1, 10)})
	var row2, row3, data []outCell
	for _, c := range f.T4Cols {
		row2 = append(row2, hdr(c.Label, 2, 1))
	}
	row2 = append(row2, hdr(g[1].Label, 1, 5), hdr(g[2].Label, 1, 5))
	for range g[1:] {
		for _, c := range f.T4Cols {
			row3 = append(row3, hdr(c.Label, 1, 1))
		}
	}
	for _, gr := range g {
		for _, c := range f.T4Cols {
			data = append(data, val(r, "t4."+gr.ID+"."+c.ID, 1))
		}
	}
	tb.Rows = append(tb.Rows, row2, row3, data)
	return tb
}

// gridCell is a position of an expanded table: the cell that covers it and
// whether it is that cell's top-left position.
type gridCell struct {
	Cell  *outCell
	Start bool
	Row   int // row of the cell's start
	Col   int // column of the cell's start
}

// expand lays the table's cells on the grid (HTML's table model).
func (t *outTable) expand() [][]gridCell {
	grid := make([][]gridCell, len(t.Rows))
	for i := range grid {
		grid[i] = make([]gridCell, t.Cols)
	}
	for i, row := range t.Rows {
		col := 0
		for k := range row {
			c := &row[k]
			for col < t.Cols && grid[i][col].Cell != nil {
				col++
			}
			for dr := 0; dr < c.RowSpan && i+dr < len(grid); dr++ {
				for dc := 0; dc < c.ColSpan && col+dc < t.Cols; dc++ {
					grid[i+dr][col+dc] = gridCell{Cell: c, Start: dr == 0 && dc == 0, Row: i, Col: col}
				}
			}
			col += c.ColSpan
		}
	}
	return grid
}

// oneLine turns a paragraph into one line: a paragraph never holds a line
// break in a Report, but a hand-made JSON may; writers print it as a space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}
