package convert

import (
	"fmt"
	"math/rand"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// exportSample builds a complete synthetic report of an invented agency in
// the given format, values drawn from seed (0: a fixed, readable pattern).
func exportSample(format string, layout []string, seed int64) *report.Report {
	rng := rand.New(rand.NewSource(seed))
	r := report.New()
	r.Format = format
	r.Year = 2020
	if format == schema.F2021 {
		r.Year = 2023
	}
	r.Layout = append([]string{}, layout...)
	r.Agency = "青石县人民政府"
	r.Title = fmt.Sprintf("青石县人民政府%d年政府信息公开工作年度报告", r.Year)
	f := schema.Get(format)
	r.Sections = []report.Section{
		{ID: "s0", Paragraphs: []string{fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。", r.Year, r.Year)}},
		{ID: "s1", Heading: "一、总体情况", Paragraphs: []string{"（一）主动公开", "全年主动公开政府信息1200条，其中政策解读35条。"}},
		{ID: "s2", Heading: f.Sections[1].Heading, Paragraphs: []string{}},
		{ID: "s3", Heading: f.Sections[2].Heading, Paragraphs: []string{}},
		{ID: "s4", Heading: f.Sections[3].Heading, Paragraphs: []string{}},
		{ID: "s5", Heading: f.Sections[4].Heading, Paragraphs: []string{"一是公开内容不够全面。下一步将加强培训。"}},
		{ID: "s6", Heading: f.Sections[5].Heading, Paragraphs: []string{"本机关未收取信息处理费。"}},
	}
	i := 0
	for _, c := range f.Cells(layout) {
		if c.IsTotal() {
			continue
		}
		i++
		v := float64(i % 7)
		if seed != 0 {
			v = float64(rng.Intn(40))
		}
		switch c.Kind {
		case schema.Amount:
			v = v*100 + 0.25
		case schema.SignedCount:
			v -= 3
		}
		r.Cells[c.ID] = v
	}
	exportFillTotals(r)
	return r
}

// exportFillTotals computes every total from its parts (parts must be present).
func exportFillTotals(r *report.Report) {
	cells := r.Schema().Cells(r.Layout)
	// Totals may depend on totals ((七)总计·总计): iterate until stable.
	for pass := 0; pass < 3; pass++ {
		for _, c := range cells {
			if !c.IsTotal() {
				continue
			}
			if sum, ok := schema.Sum(c.Parts, r.Value); ok {
				r.Cells[c.ID] = sum
			}
		}
	}
}
