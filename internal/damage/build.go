package damage

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"

	"github.com/xxgk/xxgk/schema"
)

// Kind of an abstract document item.
type Kind int

const (
	Para   Kind = iota // a paragraph or heading
	Title              // a 表二 block title row (第二十条第（一）项)
	Header             // a table header row
	Data               // a table data row: labels then values
	Footer             // a page footer inside a table ("- 3 -")
	Label              // a label fragment on its own row (wrapped / lifted)
)

// Cell is one printed grid cell. Cont marks the continuation of a vertical
// merge (a group label printed on an earlier row); Span is the number of
// grid columns the cell covers.
type Cell struct {
	Text string
	Span int
	Cont bool
	// ID is the value cell id; "" for a label and for a blank-by-design cell.
	ID string
}

// Item is one paragraph or table row of the abstract document.
type Item struct {
	Kind    Kind
	Table   string // t2, t3, t4 for rows
	Heading bool   // a section heading paragraph
	Text    string // paragraph text, footer text
	Labels  []Cell
	Vals    []Cell
	Width   int // grid width of the table (label + value columns)
}

// Doc is a report as an abstract document: what the renderers print.
type Doc struct {
	Truth *Truth
	Items []Item
	// Printed is every value cell's printed text ("" for a blank).
	Printed map[string]string
}

// numText prints a value as a source would.
func numText(c *schema.Cell, v float64, r *rand.Rand) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	switch {
	case c.Kind == schema.SignedCount && v > 0 && r.Intn(3) == 0:
		return "+" + s
	case c.ID == "t2.procurement.amount":
		return s + "万元" // 2019 has no unit in the header: the cell carries it
	}
	return s
}

// Build turns a truth into the abstract document with the official labels,
// in the official order. r decides the printed form of numbers and prose.
func Build(t *Truth, r *rand.Rand) *Doc {
	d := &Doc{Truth: t, Printed: map[string]string{}}
	f := t.Schema()
	for _, c := range f.Cells(t.Layout()) {
		if v := t.Cells[c.ID]; v != nil {
			d.Printed[c.ID] = numText(c, *v, r)
		} else {
			d.Printed[c.ID] = t.Marker[c.ID]
		}
	}
	d.para(fmt.Sprintf("某某区人民政府%d年政府信息公开工作年度报告", t.Year), false)
	d.para(fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。", t.Year, t.Year), false)
	for _, s := range f.Sections {
		d.para(s.Heading, true)
		switch s.Table {
		case "t2":
			d.buildT2()
		case "t3":
			d.buildT3()
		case "t4":
			d.buildT4()
		default:
			d.para(prose[s.ID][r.Intn(len(prose[s.ID]))], false)
		}
	}
	return d
}

var prose = map[string][]string{
	"s1": {"本年度，本机关坚持以公开为常态、不公开为例外，扎实推进政务公开工作。", "（一）主动公开\n本机关通过门户网站主动公开政府信息。（二）依申请公开\n严格按照条例办理。"},
	"s5": {"一是公开内容不够全面。下一步将进一步加强培训。", "存在的主要问题是政策解读形式单一，下一步将丰富解读形式。"},
	"s6": {"无。", "本年度未收取信息处理费。"},
}

func (d *Doc) para(text string, heading bool) {
	for _, line := range strings.Split(text, "\n") {
		d.Items = append(d.Items, Item{Kind: Para, Text: line, Heading: heading})
	}
}

func (d *Doc) buildT2() {
	f := d.Truth.Schema()
	for _, b := range f.T2 {
		d.Items = append(d.Items, Item{Kind: Title, Table: "t2", Width: 4, Labels: []Cell{{Text: b.Title, Span: 4}}})
		hdr := Item{Kind: Header, Table: "t2", Width: 4, Labels: []Cell{{Text: schema.T2ContentHeader, Span: 1}}}
		for _, c := range b.Cols {
			hdr.Labels = append(hdr.Labels, Cell{Text: c.Label, Span: 1})
		}
		fixSpans(&hdr, b)
		d.Items = append(d.Items, hdr)
		for _, row := range b.Rows {
			it := Item{Kind: Data, Table: "t2", Width: 4, Labels: []Cell{{Text: row.Label, Span: 1}}}
			for _, c := range b.Cols {
				it.Vals = append(it.Vals, Cell{Text: d.Printed["t2."+row.ID+"."+c.ID], ID: "t2." + row.ID + "." + c.ID, Span: 1})
			}
			if b.Merged {
				it.Vals[0].Span = 3
			}
			for len(it.Vals) < 3 && !b.Merged {
				it.Vals = append(it.Vals, Cell{Span: 1}) // blank by design
			}
			d.Items = append(d.Items, it)
		}
	}
}

// fixSpans sets the header spans: three value columns, or one spanning three.
func fixSpans(hdr *Item, b schema.T2Block) {
	for i := 1; i < len(hdr.Labels); i++ {
		hdr.Labels[i].Span = 1
	}
	if b.Merged {
		hdr.Labels[1].Span = 3
		return
	}
	for len(hdr.Labels) < 4 {
		hdr.Labels = append(hdr.Labels, Cell{Span: 1})
	}
}

// t3Header is the official three-row header of 表三.
func t3Header() []Item {
	h := func(cells ...Cell) Item { return Item{Kind: Header, Table: "t3", Width: 10, Labels: cells} }
	row3 := h(Cell{Text: schema.T3Note, Span: 3, Cont: true}, Cell{Text: "自然人", Span: 1, Cont: true})
	for _, c := range []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} {
		row3.Labels = append(row3.Labels, Cell{Text: c, Span: 1})
	}
	row3.Labels = append(row3.Labels, Cell{Text: "总计", Span: 1, Cont: true})
	return []Item{
		h(Cell{Text: schema.T3Note, Span: 3}, Cell{Text: schema.T3Applicant, Span: 7}),
		h(Cell{Text: schema.T3Note, Span: 3, Cont: true}, Cell{Text: "自然人", Span: 1}, Cell{Text: schema.T3LegalPersons, Span: 5}, Cell{Text: "总计", Span: 1}),
		row3,
	}
}

func (d *Doc) buildT3() {
	f := d.Truth.Schema()
	d.Items = append(d.Items, t3Header()...)
	printed := map[string]bool{}
	for _, row := range f.T3DataRows(d.Truth.Layout()) {
		it := Item{Kind: Data, Table: "t3", Width: 10}
		depth := 0
		for _, g := range groupChain(f, row) {
			it.Labels = append(it.Labels, Cell{Text: g, Span: 1, Cont: printed[g]})
			printed[g] = true
			depth++
		}
		it.Labels = append(it.Labels, Cell{Text: row.Label, Span: 3 - depth})
		for _, c := range f.T3Cols {
			id := "t3." + row.ID + "." + c.ID
			it.Vals = append(it.Vals, Cell{Text: d.Printed[id], ID: id, Span: 1})
		}
		d.Items = append(d.Items, it)
	}
}

// groupChain lists the vertical group labels above a row, outermost first.
func groupChain(f *schema.Format, row schema.T3Row) []string {
	var chain []string
	for g := row.Group; g != ""; {
		chain = append([]string{g}, chain...)
		next := ""
		for _, r := range f.T3Rows {
			if r.Label == g {
				next = r.Group
			}
		}
		g = next
	}
	return chain
}

func (d *Doc) buildT4() {
	h := func(cells ...Cell) Item { return Item{Kind: Header, Table: "t4", Width: 15, Labels: cells} }
	leaves := func() []Cell {
		var cs []Cell
		for _, c := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
			cs = append(cs, Cell{Text: c, Span: 1})
		}
		return cs
	}
	row2 := h(leaves()...)
	row2.Labels = append(row2.Labels, Cell{Text: "未经复议直接起诉", Span: 5}, Cell{Text: "复议后起诉", Span: 5})
	// 行政复议's leaves span the second and third header rows.
	var row3 Item
	for _, c := range leaves() {
		c.Cont = true
		row3.Labels = append(row3.Labels, c)
	}
	row3 = h(append(append(row3.Labels, leaves()...), leaves()...)...)
	d.Items = append(d.Items, h(Cell{Text: schema.T4Review, Span: 5}, Cell{Text: schema.T4Litigation, Span: 10}), row2, row3)
	data := Item{Kind: Data, Table: "t4", Width: 15}
	for _, g := range []string{"rev", "lit_direct", "lit_after"} {
		for _, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
			id := "t4." + g + "." + c
			data.Vals = append(data.Vals, Cell{Text: d.Printed[id], ID: id, Span: 1})
		}
	}
	d.Items = append(d.Items, data)
}
