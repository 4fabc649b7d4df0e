package check

import (
	"fmt"
	"math"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Report evaluates every rule that applies to any Report: arithmetic and
// values, tables and sections, and the narrative against the tables. The
// findings come in a fixed order: tables and sections, values, arithmetic
// (in the order of schema.Format.Instances), narrative.
func Report(r *report.Report) []Finding {
	f := r.Schema()
	layout := r.Layout
	var out []Finding

	present := map[string]bool{} // tables present
	for _, c := range f.Cells(layout) {
		if _, ok := r.Cells[c.ID]; ok {
			present[c.Table] = true
		} else if _, ok := r.Missing[c.ID]; ok {
			present[c.Table] = true
		}
	}
	// The reader says which tables it did not find: by the note's cells or,
	// as the recognizer writes it, by the table's name in the detail (the
	// table's cells are then all missing, printed as "").
	for _, n := range r.Notes {
		if n.Kind != report.NoteTableMissing {
			continue
		}
		for _, id := range n.Cells {
			delete(present, schema.TableOf(id))
		}
		for t, name := range map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"} {
			if strings.Contains(n.Detail, name) {
				delete(present, t)
			}
		}
	}
	out = append(out, tables(r, present)...)
	out = append(out, sections(r, f, present)...)

	// Values: domain, blank totals, missing cells (each reported once).
	blankTotal := map[string]bool{}
	for _, c := range f.Totals(layout) {
		printed, isMissing := r.Missing[c.ID]
		if !isMissing || !present[c.Table] {
			continue
		}
		var held []string
		var sum float64
		for _, p := range c.Parts {
			if v, ok := r.Cells[p]; ok {
				held = append(held, p)
				sum += v
			}
		}
		if len(held) == 0 {
			continue
		}
		blankTotal[c.ID] = true
		cells := append([]string{c.ID}, held...)
		want := any(nil)
		if len(held) == len(c.Parts) {
			want = sum
		}
		out = append(out, newFinding("total.blank", cells, posOf(r, c.ID), want, printed,
			fmt.Sprintf("%s：总计为%s，而其分项有数（已填分项之和为%s）", c.Label(), quote(printed), num(sum))))
	}
	for _, c := range f.Cells(layout) {
		if !present[c.Table] {
			continue
		}
		if v, ok := r.Cells[c.ID]; ok {
			if fd, bad := domain(c, v); bad {
				out = append(out, newFinding(fd, []string{c.ID}, posOf(r, c.ID), nil, v, domainMessage(c, v)))
			}
			continue
		}
		if blankTotal[c.ID] {
			continue
		}
		printed, ok := r.Missing[c.ID]
		if !ok {
			// In neither map: the reader did not find the cell at all.
			printed = ""
		}
		out = append(out, newFinding("missing", []string{c.ID}, posOf(r, c.ID), nil, printed,
			fmt.Sprintf("%s：缺数（表中为%s），相关规则未计算", c.Label(), quote(printed))))
	}

	// Arithmetic: a missing operand means the instance is not evaluated.
	get := func(id string) (float64, bool) { v, ok := r.Cells[id]; return v, ok }
	for _, in := range f.Instances(layout) {
		l, rt, st := in.Eval(get)
		if st != schema.Unbalanced {
			continue
		}
		out = append(out, instanceFinding(r, in, l, rt))
	}

	out = append(out, Narrative(r)...)
	return out
}

// instanceFinding words an unbalanced rule instance.
func instanceFinding(r *report.Report, in schema.Instance, l, rt float64) Finding {
	cells := in.Cells()
	pos := posOf(r, in.Left[0])
	switch in.Rule {
	case "t3.balance":
		// 一＋二 against （七）总计＋四: the printed totals are the right side.
		return newFinding(in.Rule, cells, pos, l, rt,
			fmt.Sprintf("%s，而一＋二为%s，（七）总计＋四为%s", in.Label, num(l), num(rt)))
	case "t2.published":
		return newFinding(in.Rule, cells, pos, rt, l,
			fmt.Sprintf("%s，而本年新公开数量为%s，对外公开总数量为%s", in.Label, num(l), num(rt)))
	}
	// Totals: want is what the parts sum to, got what the table holds.
	return newFinding(in.Rule, cells, pos, rt, l,
		fmt.Sprintf("%s：各项之和为%s，表中为%s", in.Label, num(rt), num(l)))
}

// domain reports the rule a value breaks, if any.
func domain(c *schema.Cell, v float64) (string, bool) {
	switch c.Kind {
	case schema.Amount:
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return "domain.amount", true
		}
	case schema.SignedCount:
		if v != math.Trunc(v) {
			return "domain.count", true
		}
	default:
		if v < 0 || v != math.Trunc(v) {
			return "domain.count", true
		}
	}
	return "", false
}

func domainMessage(c *schema.Cell, v float64) string {
	switch c.Kind {
	case schema.Amount:
		return fmt.Sprintf("%s：金额须为不小于0的数（万元），表中为%s", c.Label(), num(v))
	case schema.SignedCount:
		return fmt.Sprintf("%s：增减数须为整数，表中为%s", c.Label(), num(v))
	}
	return fmt.Sprintf("%s：件数须为不小于0的整数，表中为%s", c.Label(), num(v))
}

var tableNames = map[string]string{"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）", "t4": "表四（政府信息公开行政复议、行政诉讼情况）"}

// tables reports an absent table.
func tables(r *report.Report, present map[string]bool) []Finding {
	var out []Finding
	for _, t := range []string{"t2", "t3", "t4"} {
		if present[t] {
			continue
		}
		out = append(out, newFinding("table.missing", []string{}, r.Source.Name, nil, nil,
			fmt.Sprintf("缺少%s", tableNames[t])))
	}
	return out
}

// sections reports absent sections, missing headings, and headings
// misnumbered, out of order or worded unlike the format.
func sections(r *report.Report, f *schema.Format, tablePresent map[string]bool) []Finding {
	var out []Finding
	last := 0
	for _, want := range f.Sections {
		s := r.Section(want.ID)
		hasContent := s != nil && (len(s.Paragraphs) > 0 || strings.TrimSpace(s.Heading) != "")
		if want.Table != "" && tablePresent[want.Table] {
			hasContent = true
		}
		pos := r.Source.Name
		if s != nil && s.Pos != "" {
			pos = s.Pos
		}
		switch {
		case !hasContent:
			out = append(out, newFinding("section.missing", []string{}, pos, want.Heading, nil,
				fmt.Sprintf("缺少第%s部分“%s”", ordinal(want.ID), want.Heading)))
			continue
		case s == nil || strings.TrimSpace(s.Heading) == "":
			out = append(out, newFinding("section.heading", []string{}, pos, want.Heading, "",
				fmt.Sprintf("第%s部分有内容而没有标题，应为“%s”", ordinal(want.ID), want.Heading)))
		case schema.Normalize(s.Heading) != schema.Normalize(want.Heading):
			out = append(out, newFinding("section.heading", []string{}, pos, want.Heading, s.Heading,
				fmt.Sprintf("标题“%s”与格式不符，应为“%s”", s.Heading, want.Heading)))
		}
		if s != nil {
			idx := sectionIndex(r, want.ID)
			if idx < last {
				out = append(out, newFinding("section.heading", []string{}, pos, nil, s.Heading,
					fmt.Sprintf("第%s部分“%s”顺序颠倒", ordinal(want.ID), want.Heading)))
			}
			if idx > last {
				last = idx
			}
		}
	}
	return out
}

func sectionIndex(r *report.Report, id string) int {
	for i, s := range r.Sections {
		if s.ID == id {
			return i
		}
	}
	return -1
}

func ordinal(id string) string {
	return map[string]string{"s1": "一", "s2": "二", "s3": "三", "s4": "四", "s5": "五", "s6": "六"}[id]
}
