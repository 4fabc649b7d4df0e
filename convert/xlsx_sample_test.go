package convert

import (
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// sampleReport builds a complete, balancing Report of an invented agency:
// every input cell gets a small number derived from its position, totals
// are their sums.
func sampleReport(format string, layout []string) *report.Report {
	r := report.New()
	r.Format, r.Year, r.Agency = format, 2020, "示例县测试局"
	if format == schema.F2021 {
		r.Year = 2023
	}
	r.Layout = append([]string{}, layout...)
	r.Title = "示例县测试局" + "年度政府信息公开工作年度报告"
	r.Source = report.Source{Name: "sample.txt", SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
	f := schema.Get(format)
	r.Sections = []report.Section{{ID: "s0", Paragraphs: []string{"本报告根据《中华人民共和国政府信息公开条例》编制。"}}}
	for _, s := range f.Sections {
		r.Sections = append(r.Sections, report.Section{ID: s.ID, Heading: s.Heading, Paragraphs: []string{s.Heading + "的正文。"}})
	}
	b := templates.Layout(format, layout)
	for i, c := range b.Cells {
		if c.IsTotal() {
			continue
		}
		v := float64(i % 5)
		switch {
		case c.Kind == schema.Amount:
			v = 12.34
		case c.Kind == schema.SignedCount:
			v = -3
		}
		r.Cells[c.ID] = v
	}
	// Balance 表三: carry_forward = new + carried − result_total per column,
	// so adjust new_received to make it hold.
	for _, col := range f.T3Cols[:6] {
		res := 0.0
		for _, p := range b.Cell("t3.result_total." + col.ID).Parts {
			res += r.Cells[p]
		}
		r.Cells["t3.new_received."+col.ID] = res + r.Cells["t3.carry_forward."+col.ID] - r.Cells["t3.carried_over."+col.ID]
	}
	if format == schema.F2019 {
		for _, row := range []string{"rules", "normative"} {
			r.Cells["t2."+row+".published_total"] = r.Cells["t2."+row+".published_new"] + 1
		}
	}
	fillTotals(r, b)
	return r
}

// fillTotals sets every total to the sum of its parts (in dependency order:
// the corner after its row).
func fillTotals(r *report.Report, b *templates.Book) {
	for pass := 0; pass < 2; pass++ {
		for _, c := range b.Cells {
			if !c.IsTotal() {
				continue
			}
			s := 0.0
			for _, p := range c.Parts {
				s += r.Cells[p]
			}
			r.Cells[c.ID] = s
		}
	}
}
