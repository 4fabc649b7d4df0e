package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
)

// textReport is a 2021 report whose table quantities are set and whose s1
// narrative is the paragraph given.
func textReport(para string, cells map[string]float64) *report.Report {
	r := balanced("2021")
	for k, v := range cells {
		r.Cells[k] = v
	}
	r.Sections[0].Paragraphs = []string{para}
	return r
}

func TestTextNumbers(t *testing.T) {
	tests := []struct {
		name  string
		para  string
		cells map[string]float64
		want  []string // Got of each text.numbers finding
	}{
		{"pinned: 受理…3259件，答复3278件 reads 3278 as 答复",
			"2022年，本机关共受理政府信息公开申请3259件，答复3278件。",
			map[string]float64{"t3.new_received.total": 3259, "t3.carried_over.total": 30, "t3.result_total.total": 3278}, nil},
		{"pinned: 答复 differs",
			"2022年，本机关共受理政府信息公开申请3259件，答复3278件。",
			map[string]float64{"t3.new_received.total": 3259, "t3.carried_over.total": 30, "t3.result_total.total": 3270}, []string{"3278"}},
		{"pinned: 其中 11 件…办结，8 件申请人主动撤销 is not a total",
			"其中 11 件已按期办结，8 件申请人主动撤销。",
			map[string]float64{"t3.result_total.total": 40}, nil},
		{"pinned: 办理上年度结转申请1件。答复11件 finds 答复11件",
			"办理上年度结转申请1件。答复11件。",
			map[string]float64{"t3.carried_over.total": 1, "t3.result_total.total": 12}, []string{"11"}},
		{"pinned: seed 办理依申请公开申请25件 = 23 new + 2 carried",
			"2020年，共办理依申请公开申请25件。",
			map[string]float64{"t3.new_received.total": 23, "t3.carried_over.total": 2}, nil},
		{"受理 matching neither reading",
			"共受理政府信息公开申请26件。",
			map[string]float64{"t3.new_received.total": 23, "t3.carried_over.total": 2}, []string{"26"}},
		{"新收 compares with new only",
			"本年新收政府信息公开申请25件。",
			map[string]float64{"t3.new_received.total": 23, "t3.carried_over.total": 2}, []string{"25"}},
		{"full-width digits",
			"本年新收政府信息公开申请２３件。",
			map[string]float64{"t3.new_received.total": 23}, nil},
		{"first match per quantity decides",
			"本年新收申请23件。后又新收到申请30件。",
			map[string]float64{"t3.new_received.total": 23}, nil},
		{"结转下年度",
			"结转下年度继续办理4件。",
			map[string]float64{"t3.carry_forward.total": 3}, []string{"4"}},
		{"行政复议 total",
			"全年发生政府信息公开行政复议2件，行政诉讼3件。",
			map[string]float64{"t4.rev.total": 2, "t4.lit_direct.total": 1, "t4.lit_after.total": 1}, []string{"3"}},
		{"行政复议 followed by 维持 is a breakdown",
			"行政复议2件，其中维持1件。",
			map[string]float64{"t4.rev.total": 5}, nil},
		{"unrelated counts are left alone",
			"本年度制发规范性文件12件，召开会议3次。",
			map[string]float64{}, nil},
		{"受理 with 上年结转 missing is not evaluated",
			"共受理政府信息公开申请26件。",
			map[string]float64{"t3.new_received.total": 23}, nil},
		{"a missing operand is not evaluated",
			"答复11件。",
			map[string]float64{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := textReport(tc.para, tc.cells)
			switch tc.name {
			case "a missing operand is not evaluated":
				delete(r.Cells, "t3.result_total.total")
			case "受理 with 上年结转 missing is not evaluated":
				delete(r.Cells, "t3.carried_over.total")
			}
			var got []string
			for _, f := range textNumbers(r) {
				assert.Equal(t, "text.numbers", f.Rule)
				got = append(got, num(f.Got.(float64)))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNarrativeOtherRules(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *report.Report)
		want []string
	}{
		{"section 5 says 无", func(r *report.Report) { r.Sections[4].Paragraphs = []string{"无。"} }, []string{"text.section5_empty@"}},
		{"section 5 short", func(r *report.Report) { r.Sections[4].Paragraphs = []string{"工作有待加强"} }, []string{"text.section5_empty@"}},
		{"section 5 fine", func(r *report.Report) {}, nil},
		{"fee notices but no 信息处理费", func(r *report.Report) {
			r.Sections[5].Paragraphs = []string{"本年度无其他需要报告的事项。"}
		},
			[]string{"text.fee@t3.other.fee_unpaid.total"}},
		{"no fee notices", func(r *report.Report) {
			r.Sections[5].Paragraphs = []string{"本年度无其他需要报告的事项。"}
			r.Cells["t3.other.fee_unpaid.total"] = 0
		}, nil},
		{"year other than the report's", func(r *report.Report) {
			r.Sections[0].Paragraphs = []string{"2021年，本机关共收到政府信息公开申请5件。"}
			r.Cells["t3.new_received.total"] = 5
		},
			[]string{"text.year@"}},
		{"document numbers and regulation dates are no findings", func(r *report.Report) {
			r.Sections[0].Paragraphs = []string{"根据国办公开办函〔2021〕30号要求，依据2019年4月3日修订的条例，共收到政府信息公开申请5件。上年收到申请3件。"}
			r.Cells["t3.new_received.total"] = 5
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := balanced("2021")
			r.Sections[0].Paragraphs = []string{"本年度工作情况良好。"}
			tc.edit(r)
			assert.Equal(t, tc.want, rules(Narrative(r)))
		})
	}
}

func TestAcross(t *testing.T) {
	prev := balanced("2021")
	prev.Year = 2021
	cur := balanced("2021")
	cur.Year = 2022
	for _, c := range []string{"natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"} {
		cur.Cells["t3.carried_over."+c] = prev.Cells["t3.carry_forward."+c]
	}
	cur.Cells["t2.rules.in_force"] = prev.Cells["t2.rules.in_force"] + cur.Cells["t2.rules.issued"] - cur.Cells["t2.rules.repealed"]
	cur.Cells["t2.normative.in_force"] = prev.Cells["t2.normative.in_force"] + cur.Cells["t2.normative.issued"] - cur.Cells["t2.normative.repealed"]
	assert.Empty(t, Across(cur, prev))
	cur.Cells["t3.carried_over.legal_service"]++
	cur.Cells["t2.normative.in_force"]++
	assert.Equal(t, []string{"prev.carry@t3.carried_over.legal_service", "prev.in_force@t2.normative.in_force"}, rules(Across(cur, prev)))
	delete(prev.Cells, "t3.carry_forward.legal_service")
	assert.Equal(t, []string{"prev.in_force@t2.normative.in_force"}, rules(Across(cur, prev)), "a missing operand is not compared")

	p19, c19 := balanced("2019"), balanced("2019")
	p19.Year, c19.Year = 2019, 2020
	for _, row := range []string{"license", "other_services", "penalty", "coercion", "fees"} {
		c19.Cells["t2."+row+".items_prev"] = p19.Cells["t2."+row+".items_prev"] + p19.Cells["t2."+row+".items_change"]
	}
	for _, c := range []string{"natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"} {
		c19.Cells["t3.carried_over."+c] = p19.Cells["t3.carry_forward."+c]
	}
	assert.Empty(t, Across(c19, p19))
	c19.Cells["t2.fees.items_prev"] += 2
	assert.Equal(t, []string{"prev.items@t2.fees.items_prev"}, rules(Across(c19, p19)))
	assert.Empty(t, rules(Across(c19, cur)), "2019 after 2021: only prev.carry applies, and carry columns are compared")

	// What --prev keeps of last year's reports gives the same findings,
	// for every rule (each made to fire).
	pc, cc := balanced("2021"), balanced("2021")
	pc.Year, cc.Year = 2021, 2022
	cc.Cells["t3.carried_over.natural"] = pc.Cells["t3.carry_forward.natural"] + 1
	cc.Cells["t2.rules.in_force"] = pc.Cells["t2.rules.in_force"] + 5
	require.Contains(t, rules(Across(cc, pc)), "prev.carry@t3.carried_over.natural")
	require.Contains(t, rules(Across(cc, pc)), "prev.in_force@t2.rules.in_force")
	require.Contains(t, rules(Across(c19, p19)), "prev.items@t2.fees.items_prev")
	for _, pair := range [][2]*report.Report{{cur, prev}, {c19, p19}, {c19, cur}, {cc, pc}} {
		slim := PrevOnly(pair[1])
		assert.Empty(t, slim.Sections)
		assert.Empty(t, slim.Pos)
		assert.Equal(t, Across(pair[0], pair[1]), Across(pair[0], slim))
	}
	assert.Nil(t, PrevOnly(nil))
}

func TestAgencyKey(t *testing.T) {
	same := [][2]string{
		{"平潭综合实验区管委会", "平潭综合实验区党工委管委会"},
		{"平潭综合实验区管理委员会", "平潭综合实验区 管委会"},
		{"洪泽区人民政府（区政府办公室）", "洪泽区人民政府"},
	}
	for _, p := range same {
		assert.Equal(t, AgencyKey(p[0]), AgencyKey(p[1]), p)
	}
	assert.NotEqual(t, AgencyKey("洪泽区人民政府"), AgencyKey("淮安市人民政府"))
	assert.NotEqual(t, AgencyKey("洪泽区人民政府"), AgencyKey("洪泽区人民政府办公室"))
}

func TestTextNothingWider(t *testing.T) {
	// Phrases outside the table of formats.md are left alone.
	for _, para := range []string{
		"转入下一年度办理9件。",
		"上一年度结转申请9件。",
		"2021年以来，累计印发文件900件。",
		"收到公众意见建议9件。",
	} {
		r := textReport(para, map[string]float64{"t3.carry_forward.total": 1, "t3.carried_over.total": 1, "t3.new_received.total": 1})
		assert.Empty(t, rules(Narrative(r)), para)
	}
}
