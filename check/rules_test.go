package check

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// balanced builds a complete, consistent Report of the format: every input
// cell holds a small number, totals sum their parts, 表三 balances.
func balanced(format string, layout ...string) *report.Report {
	f := schema.Get(format)
	r := report.New()
	r.Format, r.Year, r.Agency = format, 2020, "示例县"
	if format == schema.F2021 {
		r.Year = 2022
	}
	r.Layout = layout
	r.Source = report.Source{Name: "r.txt"}
	i := 0
	for _, c := range f.Cells(layout) {
		if c.IsTotal() {
			continue
		}
		i++
		r.Cells[c.ID] = float64(i%5 + 1)
		r.Pos[c.ID] = fmt.Sprintf("r.txt:%d", i)
	}
	byID := map[string]*schema.Cell{}
	for _, c := range f.Cells(layout) {
		byID[c.ID] = c
	}
	var total func(id string) float64
	total = func(id string) float64 {
		c := byID[id]
		if c.IsTotal() {
			var s float64
			for _, p := range c.Parts {
				s += total(p)
			}
			return s
		}
		return r.Cells[id]
	}
	for _, c := range f.Cells(layout) {
		if c.IsTotal() {
			r.Cells[c.ID] = total(c.ID)
		}
	}
	// Balance: carry_forward = new + carried − result_total, per column.
	for _, c := range f.T3Cols {
		nr := r.Cells["t3.new_received."+c.ID]
		r.Cells["t3.carried_over."+c.ID] = 0
		r.Cells["t3.new_received."+c.ID] = r.Cells["t3.result_total."+c.ID] + r.Cells["t3.carry_forward."+c.ID] + 0*nr
	}
	r.Cells["t2.rules.published_new"] = 1
	r.Cells["t2.rules.published_total"] = 9
	r.Cells["t2.normative.published_new"] = 1
	r.Cells["t2.normative.published_total"] = 9
	for _, s := range f.Sections {
		r.Sections = append(r.Sections, report.Section{ID: s.ID, Heading: s.Heading, Paragraphs: []string{"本部分内容完整，足够十个字以上。"}, Pos: "r.txt:1"})
		if s.ID == "s6" {
			r.Sections[len(r.Sections)-1].Paragraphs = []string{"本年度发出收费通知，收取信息处理费0元。"}
		}
	}
	if format == schema.F2019 {
		delete(r.Cells, "t2.rules.published_new")
		r.Cells["t2.rules.published_new"] = 1
	} else {
		for _, k := range []string{"t2.rules.published_new", "t2.rules.published_total", "t2.normative.published_new", "t2.normative.published_total"} {
			delete(r.Cells, k)
		}
	}
	return r
}

func rules(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+first(f.Cells))
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func TestBalancedHasNoFindings(t *testing.T) {
	for _, tc := range []struct {
		format string
		layout []string
	}{{"2019", nil}, {"2021", nil}, {"2021", []string{schema.LayoutOtherSingleRow}}} {
		t.Run(tc.format+schema.LayoutKeyString(tc.layout), func(t *testing.T) {
			r := balanced(tc.format, tc.layout...)
			assert.Empty(t, rules(Report(r)))
		})
	}
}

func TestArithmeticRules(t *testing.T) {
	tests := []struct {
		name   string
		format string
		edit   func(r *report.Report)
		want   []string // rule@first cell
	}{
		{"result_total and row_total on a changed result", "2019", func(r *report.Report) { r.Cells["t3.granted.natural"]++ },
			[]string{"t3.result_total@t3.result_total.natural", "t3.row_total@t3.granted.total"}},
		{"printed （七）总计 disagrees", "2021", func(r *report.Report) { r.Cells["t3.result_total.natural"]--; r.Cells["t3.carry_forward.natural"]++ },
			[]string{"t3.result_total@t3.result_total.natural", "t3.row_total@t3.result_total.total", "t3.row_total@t3.carry_forward.total"}},
		{"balance", "2019", func(r *report.Report) { r.Cells["t3.carried_over.research"] = 2; r.Cells["t3.carried_over.total"] += 2 },
			[]string{"t3.balance@t3.new_received.research", "t3.balance@t3.new_received.total"}},
		{"t4 group total", "2021", func(r *report.Report) { r.Cells["t4.rev.total"] = 0 },
			[]string{"t4.group_total@t4.rev.total"}},
		{"t2.published", "2019", func(r *report.Report) { r.Cells["t2.rules.published_new"] = 10 },
			[]string{"t2.published@t2.rules.published_new"}},
		{"t2.published equal is fine", "2019", func(r *report.Report) { r.Cells["t2.rules.published_new"] = 9 }, nil},
		{"negative count", "2021", func(r *report.Report) { r.Cells["t2.license.decisions"] = -1 },
			[]string{"domain.count@t2.license.decisions"}},
		{"fractional count", "2019", func(r *report.Report) { r.Cells["t2.penalty.decisions"] = 1.5 },
			[]string{"domain.count@t2.penalty.decisions"}},
		{"signed change may be negative", "2019", func(r *report.Report) { r.Cells["t2.license.items_change"] = -8 }, nil},
		{"negative amount", "2021", func(r *report.Report) { r.Cells["t2.fees.fee_amount"] = -0.5 },
			[]string{"domain.amount@t2.fees.fee_amount"}},
		{"decimal amount is fine", "2019", func(r *report.Report) { r.Cells["t2.procurement.amount"] = 7004.69 }, nil},
		{"missing operand: not evaluated, reported once", "2019", func(r *report.Report) {
			delete(r.Cells, "t3.granted.natural")
			r.Missing["t3.granted.natural"] = "—"
		}, []string{"missing@t3.granted.natural"}},
		{"blank total with parts", "2021", func(r *report.Report) {
			delete(r.Cells, "t4.lit_after.total")
			r.Missing["t4.lit_after.total"] = ""
		}, []string{"total.blank@t4.lit_after.total"}},
		{"blank total without parts is only missing", "2021", func(r *report.Report) {
			for _, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
				delete(r.Cells, "t4.lit_after."+c)
				r.Missing["t4.lit_after."+c] = ""
			}
		}, []string{"missing@t4.lit_after.upheld", "missing@t4.lit_after.corrected", "missing@t4.lit_after.other", "missing@t4.lit_after.pending", "missing@t4.lit_after.total"}},
		{"table missing as the recognizer notes it", "2021", func(r *report.Report) {
			for id := range r.Cells {
				if schema.TableOf(id) == "t2" {
					delete(r.Cells, id)
					r.Missing[id] = ""
				}
			}
			r.AddNote(report.NoteTableMissing, "r.txt", "未找到表二（主动公开政府信息情况）")
		}, []string{"table.missing@"}},
		{"table missing", "2019", func(r *report.Report) {
			for id := range r.Cells {
				if schema.TableOf(id) == "t4" {
					delete(r.Cells, id)
				}
			}
		}, []string{"table.missing@"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := balanced(tc.format)
			require.Empty(t, Report(r))
			tc.edit(r)
			assert.Equal(t, tc.want, rules(Report(r)))
		})
	}
}

func TestFindingShape(t *testing.T) {
	r := balanced("2019")
	r.Source.Name = "07.xlsx"
	r.Pos["t3.result_total.natural"] = "07.xlsx:三、依申请公开!D29"
	r.Cells["t3.granted.natural"] += 6
	r.Cells["t3.granted.total"] += 6
	want := r.Cells["t3.result_total.natural"] + 6
	fs := Report(r)
	require.Len(t, fs, 2) // result_total in the natural and total columns; balance uses the printed totals
	f := fs[0]
	assert.Equal(t, "t3.result_total", f.Rule)
	assert.Equal(t, schema.Error, f.Severity)
	assert.Equal(t, "t3.result_total.natural", f.Cells[0])
	assert.Contains(t, f.Cells, "t3.granted.natural")
	assert.Equal(t, "07.xlsx:三、依申请公开!D29", f.Pos)
	assert.Equal(t, want, f.Want)
	assert.Equal(t, want-6, f.Got)
	assert.Equal(t, fmt.Sprintf("表三（七）总计·自然人：各项之和为%v，表中为%v", want, want-6), f.Message)
}

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *report.Report)
		want []string
	}{
		{"variant heading is a notice", func(r *report.Report) { r.Sections[5].Heading = "五、存在的主要问题及整改措施" }, []string{"section.heading@"}},
		{"width-only difference is fine", func(r *report.Report) { r.Sections[0].Heading = "一、 总体情况" }, nil},
		{"absent section", func(r *report.Report) { r.Sections = append(r.Sections[:5], r.Sections[6:]...) }, []string{"section.missing@"}},
		{"heading missing, content there", func(r *report.Report) { r.Sections[1].Heading = "" }, []string{"section.heading@"}},
		{"table section without heading entry", func(r *report.Report) { r.Sections = append(r.Sections[:3], r.Sections[4:]...) }, []string{"section.heading@"}},
		{"out of order", func(r *report.Report) { r.Sections[4], r.Sections[5] = r.Sections[5], r.Sections[4] }, []string{"section.heading@"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := balanced("2021")
			r.Sections = append([]report.Section{{ID: "s0", Paragraphs: []string{"前言"}}}, r.Sections...)
			tc.edit(r)
			assert.Equal(t, tc.want, rules(Report(r)))
		})
	}
}

func TestMessages(t *testing.T) {
	r := balanced("2019")
	r.Cells["t3.carried_over.natural"] = 2
	r.Cells["t3.carried_over.total"] = 2
	r.Cells["t2.rules.published_new"] = 10
	var msgs []string
	for _, f := range Report(r) {
		msgs = append(msgs, f.Message)
	}
	n := num(r.Cells["t3.new_received.natural"] + 2)
	n2 := num(r.Cells["t3.new_received.natural"])
	assert.Contains(t, msgs, "表三·自然人：一＋二＝（七）总计＋四，而一＋二为"+n+"，（七）总计＋四为"+n2)
	assert.Contains(t, msgs, "表二规章：本年新公开数量≤对外公开总数量，而本年新公开数量为10，对外公开总数量为9")
}
