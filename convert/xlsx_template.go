package convert

import (
	"fmt"
	"io"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// TemplateOptions describe a fill-in template.
type TemplateOptions struct {
	// Format is "2019" or "2021"; "" picks the format of Year.
	Format string
	// Year is the report year; 0 leaves it for staff to fill.
	Year int
	// Agency is the reporting agency; "" leaves it for staff to fill.
	Agency string
	// Prev, when set, is last year's report: 上年结转 is pre-filled from its
	// 结转下年度继续办理, 2019's 上一年项目数量 from its 上一年项目数量 + 本年增/减,
	// and 2021's 现行有效件数 is shown as a hint.
	Prev *report.Report
	// PrevName names Prev in notes (its file's base name).
	PrevName string
}

// TemplateReport builds the Report of an empty template (every cell
// missing and blank, the six headings ready to type) and the hints shown
// beside cells.
func TemplateReport(o TemplateOptions) (*report.Report, map[string]string, error) {
	format := o.Format
	if format == "" || format == "auto" {
		format = schema.FormatForYear(o.Year)
	}
	f := schema.Get(format)
	if f == nil {
		return nil, nil, fmt.Errorf("unknown format %q (want 2019 or 2021)", format)
	}
	r := report.New()
	r.Format, r.Year, r.Agency = format, o.Year, o.Agency
	r.Sections = []report.Section{{ID: "s0"}}
	for _, s := range f.Sections {
		r.Sections = append(r.Sections, report.Section{ID: s.ID, Heading: s.Heading})
	}
	for _, id := range f.IDs(nil) {
		r.Missing[id] = ""
	}
	hints := map[string]string{}
	if p := o.Prev; p != nil {
		prefill(r, f, p, o.PrevName, hints)
	}
	r.Normalize()
	return r, hints, nil
}

func prefill(r *report.Report, f *schema.Format, p *report.Report, name string, hints map[string]string) {
	if name == "" {
		name = p.Source.Name
	}
	var carried []string
	for _, c := range f.T3Cols[:6] {
		if v, ok := p.Cells["t3.carry_forward."+c.ID]; ok {
			r.SetCell("t3.carried_over."+c.ID, v, "")
			carried = append(carried, "t3.carried_over."+c.ID)
		}
	}
	if len(carried) > 0 {
		r.AddNote(report.NotePrefilled, name, "上年结转政府信息公开申请数量取自上年报告的“结转下年度继续办理”", carried...)
	}
	if f.Key == schema.F2019 && p.Format == schema.F2019 {
		var items []string
		for _, row := range []string{"license", "other_services", "penalty", "coercion", "fees"} {
			prev, ok1 := p.Cells["t2."+row+".items_prev"]
			change, ok2 := p.Cells["t2."+row+".items_change"]
			if ok1 && ok2 {
				r.SetCell("t2."+row+".items_prev", prev+change, "")
				items = append(items, "t2."+row+".items_prev")
			}
		}
		if len(items) > 0 {
			r.AddNote(report.NotePrefilled, name, "上一年项目数量取自上年报告的“上一年项目数量”加“本年增/减”", items...)
		}
	}
	if f.Key == schema.F2021 && p.Format == schema.F2021 {
		var ids []string
		for _, row := range []string{"rules", "normative"} {
			id := "t2." + row + ".in_force"
			if v, ok := p.Cells[id]; ok {
				hints[id] = "上年现行有效件数：" + report.FormatNumber(v)
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			r.AddNote(report.NotePrefilled, name, "表右侧给出上年报告的现行有效件数作为提示（本年现行有效件数＝上年＋本年制发－本年废止）", ids...)
		}
	}
}

// WriteTemplate writes a fill-in template.
func WriteTemplate(w io.Writer, o TemplateOptions) error {
	r, hints, err := TemplateReport(o)
	if err != nil {
		return err
	}
	return WriteWorkbook(w, r, WorkbookOptions{Template: true, Hints: hints})
}
