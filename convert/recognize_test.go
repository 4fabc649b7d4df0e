package convert

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// recog reads pipe text (one line per table row) with a forced format.
func recog(t *testing.T, format, text string) *report.Report {
	t.Helper()
	doc, err := readText("r.txt", text)
	require.NoError(t, err)
	r, err := Recognize(doc, Options{Format: format})
	require.NoError(t, err)
	return r
}

const t3Head = "三、收到和处理政府信息公开申请情况\n"

func hasNote(r *report.Report, kind, cell string) bool {
	for _, n := range r.Notes {
		if n.Kind != kind {
			continue
		}
		if cell == "" {
			return true
		}
		for _, c := range n.Cells {
			if c == cell {
				return true
			}
		}
	}
	return false
}

func notePos(r *report.Report, kind string) string {
	for _, n := range r.Notes {
		if n.Kind == kind {
			return n.Pos
		}
	}
	return ""
}

// TestT3RowLabels: every label variant of formats.md lands on its row, with
// a label_variant note only when the wording (not width, spacing, quotes,
// numbering or traditional characters) differs.
func TestT3RowLabels(t *testing.T) {
	cases := []struct {
		format, label, row string
		note               bool
	}{
		{"2019", "一、本年新收政府信息公开申请数量", "new_received", false},
		{"2019", "一、本年新收到政府信息公开申请数量", "new_received", true},
		{"2019", "本年新收政府信息公开申请数量", "new_received", true},
		{"2019", "二、上年结转政府信息公开数量", "carried_over", true},
		{"2019", "二、上年結轉政府信息公開申請數量", "carried_over", false},
		{"2019", "(一)予以公开", "granted", false},
		{"2019", "予以公开", "granted", true},
		{"2019", "（二）部分公开", "partial", true},
		{"2019", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partial", false},
		{"2019", "部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "partial", true},
		{"2019", "1.属于国家秘密", "denied.state_secret", false},
		{"2019", "1、属于国家秘密", "denied.state_secret", false},
		{"2019", "1．属于国家秘密", "denied.state_secret", false},
		{"2019", "1. 属于国家秘密", "denied.state_secret", false},
		{"2019", "２．其他法律行政法规禁止公开", "denied.law_forbidden", false},
		{"2019", "2.其他法律行政止公开", "denied.law_forbidden", true},
		{"2019", "3.危机“三安全一稳定”", "denied.security_stability", true},
		{"2019", "3.危及'三安全一稳定'", "denied.security_stability", false},
		{"2019", "3.危及\"三安全一稳定\"", "denied.security_stability", false},
		{"2019", "3.危及三安全一稳定", "denied.security_stability", false},
		{"2019", "7.属于行政法案卷", "denied.enforcement_file", true},
		{"2019", "2.没有现成信息需另行制作", "unable.need_creation", true},
		{"2019", "4.无正当理由大量反复 申请", "not_processed.excessive", false},
		{"2019", "5.要求行政机关确认或重 新出具已获取信息", "not_processed.confirm_reissue", false},
		{"2019", "（六）其他处理", "other", false},
		{"2019", "(六) 其他", "other", true},
		{"2019", "（七）總計", "result_total", false},
		{"2019", "四、结转下年度继续办理", "carry_forward", false},
		{"2021", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction", false},
		{"2021", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.fee_unpaid", false},
		{"2021", "3、其他", "other.other", false},
	}
	for _, c := range cases {
		t.Run(c.format+"/"+c.label, func(t *testing.T) {
			r := recog(t, c.format, t3Head+c.label+" | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n")
			id := "t3." + c.row + "."
			assert.Equal(t, 1.0, r.Cells[id+"natural"])
			assert.Equal(t, 6.0, r.Cells[id+"other_org"])
			assert.Equal(t, 21.0, r.Cells[id+"total"])
			assert.Equal(t, c.note, hasNote(r, report.NoteLabelVariant, id+"natural"), "label_variant note")
			if c.note {
				assert.Equal(t, "r.txt:2", notePos(r, report.NoteLabelVariant))
			}
		})
	}
}

// TestT3Typos: after the variants fail, an item label matches within its
// expected group by ordinal and similarity, never across groups.
func TestT3Typos(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"（五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"+
		"2.重复申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"+
		"3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"+
		"4.无正当理由大量反覆申请 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n"+
		"5.要求行政机关确认或重新出具已获信息 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n")
	assert.Equal(t, 4.0, r.Cells["t3.not_processed.excessive.natural"])
	assert.Equal(t, 5.0, r.Cells["t3.not_processed.confirm_reissue.total"])
	assert.True(t, hasNote(r, report.NoteLabelVariant, "t3.not_processed.confirm_reissue.natural"))

	// "3.补正后申请内容仍不明" belongs to （四）: after （五）1. it matches
	// nothing, and its values go nowhere.
	r = recog(t, "2019", t3Head+
		"（五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"+
		"3.补正后申请内容仍不明 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n")
	for _, id := range []string{"t3.unable.unclear.natural", "t3.not_processed.publication.natural", "t3.not_processed.repeat.natural"} {
		_, ok := r.Cells[id]
		assert.False(t, ok, id)
	}
	assert.True(t, hasNote(r, report.NoteExtraRow, ""))
}

// TestT3Structure: group labels sharing the row, vertical labels mid-block,
// page numbers, subtotal rows, wrong counts.
func TestT3Structure(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |\n"+
		"（三）不予公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"+
		"（三）不予公开 | 1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | |\n"+
		"三 、本 年 度办 理 结果\n"+
		"-3-\n"+
		"2.其他法律行政法规禁止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n"+
		"（四）无法提 供 | 1.本机关不掌握相关政府信息 | 7 | 0 | 0 | 0 | 0 | 0 | 7 | |\n"+
		"（五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 1 |\n"+
		"2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
	assert.Equal(t, 1.0, r.Cells["t3.granted.natural"])
	assert.Equal(t, 2.0, r.Cells["t3.denied.state_secret.natural"])
	assert.Equal(t, 1.0, r.Cells["t3.denied.law_forbidden.total"])
	assert.Equal(t, 7.0, r.Cells["t3.unable.not_held.total"])
	assert.True(t, hasNote(r, report.NoteExtraRow, ""), "subtotal row of （三）")
	// Six values for seven columns, eight for seven: missing, never shifted.
	for _, id := range []string{"t3.not_processed.petition.natural", "t3.not_processed.petition.total", "t3.not_processed.repeat.natural", "t3.not_processed.repeat.total"} {
		_, ok := r.Cells[id]
		assert.False(t, ok, id)
		assert.Contains(t, r.Missing, id)
	}
	assert.True(t, hasNote(r, report.NoteUnreadableValue, "t3.not_processed.petition.natural"))
	assert.True(t, hasNote(r, report.NoteExtraColumn, "t3.not_processed.repeat.natural"))
}

// TestPageNumberInRow: a page-number-like cell among a row's values
// ("0/0") is a cell printed that way, not page furniture: it stays missing
// and the values after it keep their columns (FuzzRoundTrip found the
// values shifted left, the total read into 其他). A row of a page number
// alone is still left out.
func TestPageNumberInRow(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"（三）不予公开 | 1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | |\n"+
		"3/12\n"+
		"2.其他法律行政法规禁止公开 | 43 | 22 | / | 15 | / | 0/0 | 107 | ||\n")
	assert.Equal(t, 2.0, r.Cells["t3.denied.state_secret.total"])
	assert.Equal(t, 43.0, r.Cells["t3.denied.law_forbidden.natural"])
	assert.Equal(t, 107.0, r.Cells["t3.denied.law_forbidden.total"])
	assert.NotContains(t, r.Cells, "t3.denied.law_forbidden.other_org")
	assert.Equal(t, "0/0", r.Missing["t3.denied.law_forbidden.other_org"])
}

// TestT3Headers: invented or wrong headers do not move values; a header
// naming the applicant columns in another order, or with a subtotal
// column, maps them.
func TestT3Headers(t *testing.T) {
	row := "（七）总计 | 7 | 1 | 0 | 0 | 2 | 0 | 10 |\n"
	for _, head := range []string{
		"| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |\n",
		"| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n",
		"数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 |\n",
	} {
		r := recog(t, "2019", t3Head+head+row)
		assert.Equal(t, 7.0, r.Cells["t3.result_total.natural"], head)
		assert.Equal(t, 2.0, r.Cells["t3.result_total.legal_service"], head)
		assert.Equal(t, 10.0, r.Cells["t3.result_total.total"], head)
	}
	r := recog(t, "2019", t3Head+
		"项目 | 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"+
		"一、本年新收政府信息公开申请数量 | 8 | 7 | 1 | 0 | 0 | 0 | 0 |\n")
	assert.Equal(t, 7.0, r.Cells["t3.new_received.natural"])
	assert.Equal(t, 1.0, r.Cells["t3.new_received.commercial"])
	assert.Equal(t, 8.0, r.Cells["t3.new_received.total"])

	r = recog(t, "2019", t3Head+
		"自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 法人或其他组织小计 | 总计 |\n"+
		"一、本年新收政府信息公开申请数量 | 7 | 1 | 0 | 0 | 2 | 0 | 3 | 10 |\n")
	assert.Equal(t, 7.0, r.Cells["t3.new_received.natural"])
	assert.Equal(t, 2.0, r.Cells["t3.new_received.legal_service"])
	assert.Equal(t, 0.0, r.Cells["t3.new_received.other_org"])
	assert.Equal(t, 10.0, r.Cells["t3.new_received.total"])
	assert.True(t, hasNote(r, report.NoteExtraColumn, ""))
}

// TestOtherSingleRow: a 2021 report printing （六）其他处理 as one row.
func TestOtherSingleRow(t *testing.T) {
	r := recog(t, "2021", t3Head+"（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 2 | 3 |\n")
	assert.Equal(t, []string{schema.LayoutOtherSingleRow}, r.Layout)
	assert.Equal(t, 1.0, r.Cells["t3.other.natural"])
	assert.Equal(t, 3.0, r.Cells["t3.other.total"])
	for _, id := range []string{"t3.other.no_correction.natural", "t3.other.other.total"} {
		assert.NotContains(t, r.Missing, id)
		assert.NotContains(t, r.Cells, id)
	}
	assert.Contains(t, r.Missing, "t3.granted.natural")

	// Printed as a subtotal above its sub-rows: an extra row.
	r = recog(t, "2021", t3Head+
		"（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"+
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
	assert.Empty(t, r.Layout)
	assert.NotContains(t, r.Cells, "t3.other.natural")
	assert.Equal(t, 1.0, r.Cells["t3.other.no_correction.natural"])
	assert.True(t, hasNote(r, report.NoteExtraRow, ""))
}

// TestValues: markers, unreadable text, units.
func TestValues(t *testing.T) {
	r := recog(t, "2019", t3Head+"（一）予以公开 | — | / | | 无 | --253 | 约30 | 0 |\n")
	assert.Equal(t, "—", r.Missing["t3.granted.natural"])
	assert.Equal(t, "/", r.Missing["t3.granted.commercial"])
	assert.Equal(t, "", r.Missing["t3.granted.research"])
	assert.Equal(t, "无", r.Missing["t3.granted.public_welfare"])
	assert.Equal(t, "--253", r.Missing["t3.granted.legal_service"])
	assert.Equal(t, "约30", r.Missing["t3.granted.other_org"])
	assert.True(t, hasNote(r, report.NoteUnreadableValue, "t3.granted.legal_service"))
	assert.Equal(t, 0.0, r.Cells["t3.granted.total"])

	t2 := "二、主动公开政府信息情况\n第二十条第（九）项 | |||\n"
	cases := []struct {
		header, cell string
		want         float64
		ok           bool
		note         string
	}{
		{"信息内容 | 采购项目数量 | 采购总金额 | |", "251000元", 25.1, true, report.NoteUnitConverted},
		{"信息内容 | 采购项目数量 | 采购总金额 | |", "7004.69万元", 7004.69, true, ""},
		{"信息内容 | 采购项目数量 | 采购总金额 | |", "7004.69", 0, false, report.NoteUnitUnknown},
		{"信息内容 | 采购项目数量 | 采购总金额（万元） | |", "7004.69", 7004.69, true, ""},
		{"信息内容 | 采购项目数量 | 采购总金额(万元,保留四位小数) | |", "12.3456", 12.3456, true, ""},
		{"信息内容 | 采购项目数量 | 采购总金额（单位：元） | |", "251000", 25.1, true, report.NoteUnitConverted},
	}
	for _, c := range cases {
		r := recog(t, "2019", t2+c.header+"\n政府集中采购 | 60 | "+c.cell+" |\n")
		assert.Equal(t, 60.0, r.Cells["t2.procurement.projects"])
		v, ok := r.Cells["t2.procurement.amount"]
		assert.Equal(t, c.ok, ok, c.header+c.cell)
		assert.InDelta(t, c.want, v, 1e-9)
		if c.note != "" {
			assert.True(t, hasNote(r, c.note, "t2.procurement.amount"), c.note)
		}
		if !c.ok {
			assert.Equal(t, c.cell, r.Missing["t2.procurement.amount"])
		}
	}
}

// TestT2: blocks, signs, traditional headers, explanations in labels,
// extra rows, merged 2021 blocks.
func TestT2(t *testing.T) {
	r := recog(t, "2019", "二、主动公开政府信息情况\n"+
		"第二十条第(一)项 | |||\n"+
		"信息内容 | 本年新 製作數量 | 本年新 公開數量 | 對外公開總數量 |\n"+
		"规章(设区的市、自治州人民政府应提供相关数据) | 1 | 1 | 5 |\n"+
		"規範性檔案 | 2 | 2 | 9 |\n"+
		"其他主动公开文件 | 3 | 3 | 30 |\n"+
		"第二十条第（五）项 | |||\n"+
		"信息内容 | 上一年项目数量(指2019年事项数) | 本年增/减 | 处理决定数量 |\n"+
		"行政许可 | 518 | -8 | 28 |\n"+
		"行政强制 | 4 | 4 | - |\n"+
		"行政事业性收费 | |||||\n")
	assert.Equal(t, 1.0, r.Cells["t2.rules.made_new"])
	assert.Equal(t, 5.0, r.Cells["t2.rules.published_total"])
	assert.Equal(t, 9.0, r.Cells["t2.normative.published_total"])
	assert.Equal(t, -8.0, r.Cells["t2.license.items_change"])
	assert.Equal(t, 4.0, r.Cells["t2.coercion.items_prev"])
	assert.Equal(t, "-", r.Missing["t2.coercion.decisions"])
	assert.Equal(t, "", r.Missing["t2.fees.items_prev"])
	assert.True(t, hasNote(r, report.NoteExtraRow, ""))
	assert.True(t, hasNote(r, report.NoteLabelVariant, "t2.rules.made_new"))

	r = recog(t, "2021", "二、主动公开政府信息情况\n"+
		"第二十条第（五）项 | |||\n"+
		"信息内容 | 本年处理决定数量 | ||\n"+
		"行政许可 | 517645 | ||\n"+
		"第二十条第（八）项 | |||\n"+
		"信息内容 | 本年收费金额（单位：万元） | ||\n"+
		"行政事业性收费 | 4068.208 | ||\n")
	assert.Equal(t, 517645.0, r.Cells["t2.license.decisions"])
	assert.Equal(t, 4068.208, r.Cells["t2.fees.fee_amount"])
}

// TestT4: one row of 15, or three tables of 5 named by their titles.
func TestT4(t *testing.T) {
	h := "四、政府信息公开行政复议、行政诉讼情况\n"
	r := recog(t, "2019", h+"行政复议 | 行政诉讼 | |||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"+
		"1 | 2 | 3 | 4 | 10 | 5 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 1 | 1 |\n")
	assert.Equal(t, 2.0, r.Cells["t4.rev.corrected"])
	assert.Equal(t, 5.0, r.Cells["t4.lit_direct.total"])
	assert.Equal(t, 1.0, r.Cells["t4.lit_after.total"])

	r = recog(t, "2021", h+
		"行政诉讼（复议后起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 8 | 0 | 1 | 1 | 10 |\n"+
		"行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 27 | 10 | 9 | 15 | 61 |\n"+
		"行政诉讼（未经复议直接起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 3 | 0 | 0 | 0 | 3 |\n")
	assert.Equal(t, 61.0, r.Cells["t4.rev.total"])
	assert.Equal(t, 3.0, r.Cells["t4.lit_direct.upheld"])
	assert.Equal(t, 10.0, r.Cells["t4.lit_after.total"])

	// 14 values: missing, with a note, never shifted.
	r = recog(t, "2019", h+"行政复议 | 行政诉讼 |\n0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
	assert.NotContains(t, r.Cells, "t4.rev.upheld")
	assert.Contains(t, r.Missing, "t4.lit_after.total")
	assert.True(t, hasNote(r, report.NoteUnreadableValue, "t4.rev.upheld"))
}

// TestPublishedTotal: a printed total that disagrees with its parts stays
// as printed with a note; a blank total while parts hold numbers too.
func TestPublishedTotal(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"（一）予以公开 | 6 | 0 | 0 | 0 | 0 | 0 | 5 |\n"+
		"（二）部分公开 | 1 | 1 | 0 | 0 | 0 | 0 | |\n")
	assert.Equal(t, 5.0, r.Cells["t3.granted.total"])
	assert.True(t, hasNote(r, report.NotePublishedTotal, "t3.granted.total"))
	assert.Equal(t, "", r.Missing["t3.partial.total"])
	assert.True(t, hasNote(r, report.NotePublishedTotal, "t3.partial.total"))
}

// TestSections: headings canonical, variant, fuzzy, glued; title, year,
// agency; s0 preamble; paragraphs as printed.
func TestSections(t *testing.T) {
	r := recog(t, "", "某某县人民政府2020年政府信息公开工作年度报告\n"+
		"本报告统计期限从2020年1月1日到12月31日止。\n"+
		"一、总体情况2020年，某某县坚持以公开为常态。\n"+
		"（一）主动公开方面\n"+
		"二、行政机关主动公开政府信息情况\n"+
		"四、政府信息公开行政法复议、行政诉讼情况\n"+
		"五、存在的主要问题和改进措施\n"+
		"一是宣传不够。\n"+
		"六、其他需要报告的事项\n"+
		"无。\n")
	assert.Equal(t, "某某县人民政府2020年政府信息公开工作年度报告", r.Title)
	assert.Equal(t, 2020, r.Year)
	assert.Equal(t, "2019", r.Format)
	assert.Equal(t, "某某县人民政府", r.Agency)
	s := map[string]report.Section{}
	for _, sec := range r.Sections {
		s[sec.ID] = sec
	}
	assert.Equal(t, []string{"本报告统计期限从2020年1月1日到12月31日止。"}, s["s0"].Paragraphs)
	assert.Equal(t, "一、总体情况", s["s1"].Heading)
	assert.Equal(t, []string{"2020年，某某县坚持以公开为常态。", "（一）主动公开方面"}, s["s1"].Paragraphs)
	assert.Equal(t, "二、行政机关主动公开政府信息情况", s["s2"].Heading)
	assert.Equal(t, "", s["s3"].Heading)
	assert.Equal(t, "四、政府信息公开行政法复议、行政诉讼情况", s["s4"].Heading)
	assert.Equal(t, "五、存在的主要问题和改进措施", s["s5"].Heading)
	assert.Equal(t, []string{"无。"}, s["s6"].Paragraphs)
	assert.True(t, hasNote(r, report.NoteSectionMissing, ""))
	assert.True(t, hasNote(r, report.NoteTableMissing, ""))
	var variants int
	for _, n := range r.Notes {
		if n.Kind == report.NoteLabelVariant {
			variants++
		}
	}
	assert.Equal(t, 3, variants, "二、 四、 五、 worded unlike the format")
}

// TestXxgkTxtContract: a line indented by two ideographic spaces is a
// paragraph whatever it looks like.
func TestXxgkTxtContract(t *testing.T) {
	r := recog(t, "", "一、总体情况\n"+
		"\u3000\u3000一、总体情况\n"+
		"\u3000\u3000规章 | 0 | 0 | 0 |\n"+
		"\u3000\u30002020年，某某县 坚持公开。 \n"+
		"二、主动公开政府信息情况\n")
	s1 := r.Sections[1]
	assert.Equal(t, "一、总体情况", s1.Heading)
	assert.Equal(t, []string{"一、总体情况", "规章 | 0 | 0 | 0 |", "2020年，某某县 坚持公开。 "}, s1.Paragraphs)
	assert.NotContains(t, r.Cells, "t2.rules.made_new")
	assert.Equal(t, "二、主动公开政府信息情况", r.Sections[2].Heading)
}

// TestFormatDecision: labels decide the format, the year is the fallback;
// a forced format the labels contradict is an error.
func TestFormatDecision(t *testing.T) {
	text := "某某县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项 | |||\n" +
		"信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 0 |\n"
	r := recog(t, "", text)
	assert.Equal(t, "2019", r.Format)
	assert.Equal(t, 2021, r.Year)
	assert.True(t, hasNote(r, report.NoteFormatConflict, ""))
	doc, err := readText("r.txt", text)
	require.NoError(t, err)
	_, err = Recognize(doc, Options{Format: "2021"})
	assert.ErrorIs(t, err, ErrFormatConflict)

	r = recog(t, "", "某某县2022年政府信息公开工作年度报告\n一、总体情况\n")
	assert.Equal(t, "2021", r.Format)
	assert.False(t, hasNote(r, report.NoteFormatConflict, ""))
}

func TestNotAReport(t *testing.T) {
	doc, err := readText("r.txt", "今天天气很好。\n明天 | 也 | 很好 |\n")
	require.NoError(t, err)
	_, err = Recognize(doc, Options{})
	assert.ErrorIs(t, err, ErrNotReport)
}

// TestCellNotes: a reader's note on a grid cell goes to the cell id; an
// ambiguous split is missing whatever the text.
func TestCellNotes(t *testing.T) {
	row := []Cell{{Text: "（一）予以公开"}}
	for i := 0; i < 7; i++ {
		row = append(row, Cell{Text: "1", Pos: "g.txt:9"})
	}
	row[1].Note = &CellNote{Kind: report.NoteAmbiguousSplit, Detail: "69·3 或 6·93"}
	row[2].Note = &CellNote{Kind: report.NoteSplitChosen, Detail: "由总计确定"}
	row[3].Note = &CellNote{Kind: report.NoteSplitChosen, Detail: "由总计确定"}
	row = append(row, Cell{Cont: true, Text: "99"})
	doc := &Document{Name: "g.txt", Blocks: []Block{
		{Kind: Para, Text: "三、收到和处理政府信息公开申请情况", Pos: "g.txt:1"},
		{Kind: Grid, Pos: "g.txt:9", Rows: [][]Cell{row}},
	}}
	r, err := Recognize(doc, Options{Format: "2019"})
	require.NoError(t, err)
	assert.Equal(t, "", r.Missing["t3.granted.natural"], "an ambiguous cell printed no number of its own: blank, the run is in the note")
	assert.Equal(t, 1.0, r.Cells["t3.granted.commercial"])
	assert.Equal(t, 1.0, r.Cells["t3.granted.total"])
	assert.True(t, hasNote(r, report.NoteAmbiguousSplit, "t3.granted.natural"))
	assert.True(t, hasNote(r, report.NoteSplitChosen, "t3.granted.commercial"))
	chosen := 0
	for _, n := range r.Notes {
		if n.Kind == report.NoteSplitChosen {
			chosen++
			assert.Equal(t, []string{"t3.granted.commercial", "t3.granted.research"}, n.Cells)
		}
	}
	assert.Equal(t, 1, chosen, "one note for one split")
	for _, n := range r.Notes {
		assert.NotEmpty(t, n.Pos, n.Kind)
	}
}

// TestChrome: a crawler header block is dropped with a note keeping it.
func TestChrome(t *testing.T) {
	r := recog(t, "", "标题: 某某县2020年报告\n原文链接: http://x\n==================== 正文 ====================\n一、总体情况\n正文。\n")
	assert.True(t, hasNote(r, report.NoteChromeDropped, ""))
	assert.Equal(t, "", r.Title)
	assert.Equal(t, []string{"正文。"}, r.Sections[1].Paragraphs)
	assert.True(t, strings.HasPrefix(r.Notes[0].Detail, "标题"))
}

func TestYearAndAgency(t *testing.T) {
	cases := []struct {
		text, agency string
		year         int
	}{
		{"某某市人民政府二〇二〇年政府信息公开工作年度报告\n一、总体情况\n", "某某市人民政府", 2020},
		{"某某区2023年度政府信息公开工作年度报告\n一、总体情况\n", "某某区", 2023},
		{"2023年度某某区政府信息公开工作年度报告\n一、总体情况\n", "某某区", 2023},
		{"某某局政府信息公开工作年度报告（2020年度）\n一、总体情况\n", "某某局", 2020},
		{"某某区政府信息公开工作年度报告\n本年度报告统计期限从2024年1月1日到12月31日止。\n一、总体情况\n", "某某区", 2024},
		{"本年度报告中所列数据统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n2021年，某某镇人民政府坚持以公开为常态。\n", "某某镇人民政府", 2021},
	}
	for _, c := range cases {
		r := recog(t, "", c.text)
		assert.Equal(t, c.year, r.Year, c.text)
		assert.Equal(t, c.agency, r.Agency, c.text)
	}
}

// TestMergedBlockValue: a 2021 merged block's one value, wherever the row
// prints it.
func TestMergedBlockValue(t *testing.T) {
	r := recog(t, "2021", "二、主动公开政府信息情况\n第二十条第（五）项 | |||\n行政许可 | | | 5 |\n")
	assert.Equal(t, 5.0, r.Cells["t2.license.decisions"])
	r = recog(t, "2021", "二、主动公开政府信息情况\n第二十条第（六）项 | |||\n行政处罚 | 7 | 7 | 7 |\n行政强制 | 7 | 8 | |\n")
	assert.Equal(t, 7.0, r.Cells["t2.penalty.decisions"])
	assert.NotContains(t, r.Cells, "t2.coercion.decisions")
}

// TestT2HeaderOrder: 表二 columns follow their header labels when every
// column is named; a truncated header keeps the official order.
func TestT2HeaderOrder(t *testing.T) {
	r := recog(t, "2019", "二、主动公开政府信息情况\n第二十条第（一）项 | |||\n"+
		"信息内容 | 对外公开总数量 | 本年新制作数量 | 本年新公开数量 |\n规章 | 9 | 1 | 2 |\n")
	assert.Equal(t, 9.0, r.Cells["t2.rules.published_total"])
	assert.Equal(t, 1.0, r.Cells["t2.rules.made_new"])
	assert.Equal(t, 2.0, r.Cells["t2.rules.published_new"])
	r = recog(t, "2019", "二、主动公开政府信息情况\n第二十条第（一）项 | |||\n"+
		"信息内容 | 本年新 | 本年新 | 对外公开总数量 |\n规章 | 1 | 2 | 9 |\n")
	assert.Equal(t, 1.0, r.Cells["t2.rules.made_new"])
	assert.Equal(t, 2.0, r.Cells["t2.rules.published_new"])
	assert.Equal(t, 9.0, r.Cells["t2.rules.published_total"])
}

// TestTitleOverLines: a title a PDF broke over two short lines.
func TestTitleOverLines(t *testing.T) {
	r := recog(t, "", "某某区人民政府\n2023 年政府信息公开工作年度报告\n本报告统计期限从2023年1月1日到12月31日止。\n一、总体情况\n")
	assert.Equal(t, "某某区人民政府2023 年政府信息公开工作年度报告", r.Title)
	assert.Equal(t, "某某区人民政府", r.Agency)
	assert.Equal(t, 2023, r.Year)
	assert.Equal(t, []string{"本报告统计期限从2023年1月1日到12月31日止。"}, r.Sections[0].Paragraphs)
}

// TestWrappedLabels: a label broken over lines, the values on any of them.
func TestWrappedLabels(t *testing.T) {
	r := recog(t, "2021", t3Head+
		"（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"+
		"（二）部分公开（区分处理的，只计这一情 |\n"+
		"形，不计其他情形） |\n"+
		"2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"+
		"（六）其他处理 |\n"+
		"1、申请人无正当理由逾期不补 |\n"+
		"正、行政机关不再处理其政府信 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"+
		"息公开申请 |\n"+
		"2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n")
	assert.Equal(t, 2.0, r.Cells["t3.partial.natural"])
	assert.Equal(t, 3.0, r.Cells["t3.other.no_correction.total"])
	assert.Equal(t, 4.0, r.Cells["t3.other.fee_unpaid.total"])
	assert.False(t, hasNote(r, report.NoteExtraRow, ""))

	// A truncated label with its values: matched, with a note.
	r = recog(t, "2021", t3Head+"一、本年新收政府信息公开申请 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n")
	assert.Equal(t, 5.0, r.Cells["t3.new_received.total"])
	assert.True(t, hasNote(r, report.NoteLabelVariant, "t3.new_received.total"))
}

// TestNeverShift damages each table row of the samples (a value cell
// dropped, a cell doubled) and expects every value read to be the true
// one: a damaged row goes missing, never shifted into wrong cells.
func TestNeverShift(t *testing.T) {
	for _, name := range []string{"sample-2019", "sample-2021"} {
		text := readSample(t, name)
		truth := recognizeText(t, text)
		lines := splitLines(text)
		for i, ln := range lines {
			cells, ok := pipeCells(ln)
			if !ok {
				continue
			}
			for _, damage := range []string{"drop", "double"} {
				var vi []int
				for k, c := range cells {
					if c != "" && isValueText(c) {
						vi = append(vi, k)
					}
				}
				if len(vi) == 0 {
					continue
				}
				k := vi[len(vi)/2]
				var out []string
				for j, c := range cells {
					if j == k && damage == "drop" {
						continue
					}
					out = append(out, c)
					if j == k && damage == "double" {
						out = append(out, c)
					}
				}
				dl := append([]string{}, lines...)
				dl[i] = strings.Join(out, " | ") + " |"
				got := recognizeText(t, strings.Join(dl, "\n")+"\n")
				for id, v := range got.Cells {
					if w, ok := truth.Cells[id]; !ok || w != v {
						t.Errorf("%s line %d %s: %s = %v, truth %v", name, i+1, damage, id, v, w)
					}
				}
			}
		}
	}
}

// TestHeadingsByWording: a heading the source marked as such (Markdown
// '#'), printed without its numeral or misnumbered, is found by its words;
// an unmarked line with the same words is a paragraph.
func TestHeadingsByWording(t *testing.T) {
	r := recog(t, "", "## 总体情况\n正文。\n## 三、政府信息公开行政复议、行政诉讼情况\n"+
		"主动公开政府信息情况\n## 五、存在的主要问题及改进情况\n")
	assert.Equal(t, "总体情况", r.Sections[1].Heading)
	assert.Equal(t, "", r.Sections[2].Heading)
	assert.Equal(t, "三、政府信息公开行政复议、行政诉讼情况", r.Sections[4].Heading)
	assert.Equal(t, []string{"主动公开政府信息情况"}, r.Sections[4].Paragraphs)
	assert.Equal(t, "五、存在的主要问题及改进情况", r.Sections[5].Heading)
	assert.True(t, hasNote(r, report.NoteLabelVariant, ""))
}

// TestT4UnnamedRuns: two unnamed runs of five cannot say which groups they
// are.
func TestT4UnnamedRuns(t *testing.T) {
	r := recog(t, "2019", "四、政府信息公开行政复议、行政诉讼情况\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n1 | 0 | 0 | 0 | 1 |\n"+
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n2 | 0 | 0 | 0 | 2 |\n")
	assert.Empty(t, r.Cells)
	assert.True(t, hasNote(r, report.NoteUnreadableValue, "t4.rev.upheld"))
}

// TestHTMLLikeGrid: an official 表三 as an HTML table gives it, spans
// expanded (Cont on covered positions), the vertical label split in two
// blocks where the table crossed a page, and the 总计 column left blank
// for result rows (as 上海 2019 did).
func TestHTMLLikeGrid(t *testing.T) {
	f := schema.Get("2021")
	cont := Cell{Cont: true}
	val := func(s string) Cell { return Cell{Text: s, RowSpan: 1, ColSpan: 1} }
	head := [][]Cell{
		{val(schema.T3Note), cont, cont, val(schema.T3Applicant), cont, cont, cont, cont, cont, cont},
		{cont, cont, cont, val("自然人"), val("法人或其他组织"), cont, cont, cont, cont, val("总计")},
		{cont, cont, cont, cont, val("商业\n企业"), val("科研机构"), val("社会公益 组织"), val("法律服务机构"), val("其他"), cont},
	}
	var rows [][]Cell
	rows = append(rows, head...)
	group, sub := "", ""
	for _, r := range f.T3Rows {
		var labels []Cell
		switch {
		case r.IsGroup && r.Group == "":
			group = r.Label
			continue
		case r.IsGroup:
			sub = r.Label
			continue
		case r.Group == "":
			labels = []Cell{val(r.Label), cont, cont}
		case r.Group == group:
			first := val(group)
			if r.ID != "granted" && r.ID != "other.no_correction" {
				first = cont // the vertical label, repeated after a page break
			}
			labels = []Cell{first, val(r.Label), cont}
		default:
			s := cont
			if strings.HasPrefix(r.Label, "1.") {
				s = val(sub)
			}
			labels = []Cell{cont, s, val(r.Label)}
		}
		total := ""
		if r.ID == "result_total" || !r.Result {
			total = "1"
		}
		rows = append(rows, append(labels, val("1"), val("0"), val("0"), val("0"), val("0"), val("0"), val(total)))
	}
	doc := &Document{Name: "t.html", Blocks: []Block{
		{Kind: Para, Text: "三、收到和处理政府信息公开申请情况", Pos: "t.html:1"},
		{Kind: Grid, Pos: "t.html:2", Rows: rows},
	}}
	r, err := Recognize(doc, Options{Format: "2021"})
	require.NoError(t, err)
	for _, row := range f.T3DataRows(nil) {
		assert.Equal(t, 1.0, r.Cells["t3."+row.ID+".natural"], row.ID)
		assert.Equal(t, 0.0, r.Cells["t3."+row.ID+".other_org"], row.ID)
		if row.Result {
			assert.Equal(t, "", r.Missing["t3."+row.ID+".total"], row.ID)
			assert.True(t, hasNote(r, report.NotePublishedTotal, "t3."+row.ID+".total"), row.ID)
		} else {
			assert.Equal(t, 1.0, r.Cells["t3."+row.ID+".total"], row.ID)
		}
	}
	assert.Empty(t, r.Layout)
	assert.False(t, hasNote(r, report.NoteExtraRow, ""))
	assert.False(t, hasNote(r, report.NoteExtraColumn, ""))
}

// TestOtherSingleRowBlankSubRows: （六） as one row with numbers and its
// sub-rows printed empty: the single row stands, the empty sub-rows go.
func TestOtherSingleRowBlankSubRows(t *testing.T) {
	r := recog(t, "2021", t3Head+"（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 2 | 3 |\n"+
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | | | | | | | |\n")
	assert.Equal(t, []string{schema.LayoutOtherSingleRow}, r.Layout)
	assert.Equal(t, 3.0, r.Cells["t3.other.total"])
	for id := range r.Missing {
		assert.True(t, schema.Get("2021").HasCell(id, r.Layout), id)
	}
}

// TestWebChrome: a breadcrumb at the top and page furniture at the bottom
// are dropped with notes.
func TestWebChrome(t *testing.T) {
	r := recog(t, "", "当前位置：首页 > 政务公开 > 年报\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n附件下载：\n【打印本页】【关闭窗口】\n")
	assert.Equal(t, []string{"无。"}, r.Sections[6].Paragraphs)
	assert.Equal(t, []string{}, r.Sections[0].Paragraphs)
	n := 0
	for _, note := range r.Notes {
		if note.Kind == report.NoteChromeDropped {
			n++
		}
	}
	assert.Equal(t, 3, n)
}

// TestBlankCellsWithNotes: a reader that cannot split a glued run leaves
// the row's cells blank with an ambiguous_split note on each: the cells are
// missing and the note names them.
func TestBlankCellsWithNotes(t *testing.T) {
	note := &CellNote{Kind: report.NoteAmbiguousSplit, Detail: "8855698 可拆分为 15 种"}
	doc := &Document{Name: "g.txt", Blocks: []Block{
		{Kind: Para, Text: "二、主动公开政府信息情况", Pos: "g.txt:1"},
		{Kind: Grid, Pos: "g.txt:2", Rows: [][]Cell{
			{{Text: "第二十条第（一）项"}},
			{{Text: "信息内容"}, {Text: "本年制发件数"}, {Text: "本年废止件数"}, {Text: "现行有效件数"}},
			{{Text: "规章"}, {Text: "0"}, {Text: "0"}, {Text: "0"}},
			{{Text: "行政规范性文件"}, {Note: note}, {Note: note}, {Note: note}},
		}},
		{Kind: Grid, Pos: "g.txt:9", Rows: [][]Cell{
			{{Text: "第二十条第（九）项"}},
			{{Text: "信息内容"}, {Text: "采购项目数量"}, {Text: "采购总金额"}},
			{{Text: "政府集中采购"}, {Note: note}, {Note: note}},
		}},
	}}
	r, err := Recognize(doc, Options{Format: "2021"})
	require.NoError(t, err)
	doc.Blocks[1].Rows = nil
	r19, err := Recognize(doc, Options{Format: "2019"})
	require.NoError(t, err)
	for _, id := range []string{"t2.procurement.projects", "t2.procurement.amount"} {
		assert.True(t, hasNote(r19, report.NoteAmbiguousSplit, id), id)
	}
	for _, id := range []string{"t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"} {
		assert.Contains(t, r.Missing, id)
		assert.True(t, hasNote(r, report.NoteAmbiguousSplit, id), id)
	}
	assert.Equal(t, 0.0, r.Cells["t2.rules.in_force"])
}

// TestCornerTotal: （七）总计 × 总计 that equals its row but not its column.
func TestCornerTotal(t *testing.T) {
	text := t3Head
	for _, row := range schema.Get("2019").T3DataRows(nil) {
		switch {
		case row.ID == "granted":
			text += row.Label + " | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n"
		case row.ID == "result_total":
			text += row.Label + " | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
		case row.Result:
			text += row.Label + " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
		}
	}
	r := recog(t, "2019", text)
	assert.True(t, hasNote(r, report.NotePublishedTotal, "t3.result_total.natural"))
	assert.True(t, hasNote(r, report.NotePublishedTotal, "t3.result_total.total"))
}

// TestGluedTitle: reflowed PDF text glues the title to the preamble.
func TestGluedTitle(t *testing.T) {
	r := recog(t, "", "某某区人民政府2024 年政府信息公开工作年度报告本报告由某某区人民政府办公室编制。统计期限自 2024 年 1 月 1 日起。\n一、总体情况\n")
	assert.Equal(t, "某某区人民政府2024 年政府信息公开工作年度报告", r.Title)
	assert.Equal(t, "某某区人民政府", r.Agency)
	assert.Equal(t, 2024, r.Year)
	assert.Equal(t, []string{"本报告由某某区人民政府办公室编制。统计期限自 2024 年 1 月 1 日起。"}, r.Sections[0].Paragraphs)
	// A preamble that names the report is not a title.
	r = recog(t, "", "本报告是某某区2024年政府信息公开工作年度报告，由办公室编制。\n一、总体情况\n")
	assert.Equal(t, "", r.Title)
}

// TestGroupAndItemInOneCell: "（四）无法提供 1.本机关不掌握相关政府信息" in one
// cell names the item's row.
func TestGroupAndItemInOneCell(t *testing.T) {
	r := recog(t, "2021", t3Head+
		"（四）无法提供 1.本机关不掌握相关政府信息 | 31 | 0 | 0 | 0 | 0 | 0 | 31 |\n"+
		"三、本年度办理结果（一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n")
	assert.Equal(t, 31.0, r.Cells["t3.unable.not_held.natural"])
	assert.Equal(t, 5.0, r.Cells["t3.granted.total"])
}

// TestMixedFormatLabels: labels of both formats do not decide; the year
// does, with a note.
func TestMixedFormatLabels(t *testing.T) {
	r := recog(t, "", "某某县2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项 | |||\n"+
		"信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 3 |\n"+
		"三、收到和处理政府信息公开申请情况\n"+
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
	assert.Equal(t, "2021", r.Format)
	assert.True(t, hasNote(r, report.NoteFormatConflict, ""))
	assert.Equal(t, 1.0, r.Cells["t3.other.no_correction.natural"])
	// 表二 numbers under the other format's header mean something else.
	assert.NotContains(t, r.Cells, "t2.rules.in_force")
	assert.True(t, hasNote(r, report.NoteUnreadableValue, "t2.rules.in_force"))
}

// TestGroupBeforeUnknownItem: （六）其他处理 sharing the row with an item no
// row matches does not make the row （六）'s single row.
func TestGroupBeforeUnknownItem(t *testing.T) {
	r := recog(t, "2021", t3Head+"（六）其他处理 | 9.某种新情形 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
	assert.Empty(t, r.Layout)
	assert.NotContains(t, r.Cells, "t3.other.natural")
	assert.True(t, hasNote(r, report.NoteExtraRow, ""))
}

// TestNarrativeTable: a table inside 一、总体情况 is narrative: its
// 行政许可 is not 表二's.
func TestNarrativeTable(t *testing.T) {
	r := recog(t, "2021", "一、总体情况\n事项 | 件数 |\n行政许可 | 5000 |\n"+
		"二、主动公开政府信息情况\n第二十条第（五）项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 12 | ||\n")
	assert.Equal(t, 12.0, r.Cells["t2.license.decisions"])
	assert.Equal(t, []string{"事项 | 件数", "行政许可 | 5000"}, r.Sections[1].Paragraphs)
}

// TestFirstRowTypos: the first rows of 表三 are matched by similarity too
// (no row before them to give the group).
func TestFirstRowTypos(t *testing.T) {
	r := recog(t, "2019", t3Head+"一、本年新收政府信息公开申请数量（件） | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"+
		"二、上年结转政府资讯公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
	assert.Equal(t, 3.0, r.Cells["t3.new_received.total"])
	assert.Equal(t, 1.0, r.Cells["t3.carried_over.natural"])
	assert.True(t, hasNote(r, report.NoteLabelVariant, "t3.carried_over.natural"))
}

// TestSerialColumn: a 序号 column before the labels is neither a value of
// the row before nor of its own row.
func TestSerialColumn(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"序号 | 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"+
		"1 | 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"+
		"2 | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"+
		"3 | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n")
	assert.Equal(t, 3.0, r.Cells["t3.new_received.total"])
	assert.Equal(t, 1.0, r.Cells["t3.carried_over.natural"])
	assert.Equal(t, 2.0, r.Cells["t3.granted.total"])
	assert.False(t, hasNote(r, report.NoteExtraColumn, ""))
}

// TestSubtotalColumnTwoRowHeader: a 小计 column under 法人或其他组织 in the
// official two-row header.
func TestSubtotalColumnTwoRowHeader(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||\n"+
		"自然人 | 法人或其他组织 | 总计 | |||||||\n"+
		"商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | ||||\n"+
		"一、本年新收政府信息公开申请数量 | 7 | 1 | 0 | 0 | 2 | 0 | 3 | 10 | ||\n")
	assert.Equal(t, 7.0, r.Cells["t3.new_received.natural"])
	assert.Equal(t, 2.0, r.Cells["t3.new_received.legal_service"])
	assert.Equal(t, 0.0, r.Cells["t3.new_received.other_org"])
	assert.Equal(t, 10.0, r.Cells["t3.new_received.total"])
	assert.True(t, hasNote(r, report.NoteExtraColumn, ""))
}

// TestVerticalLabelOneCharPerLine: 三、本年度办理结果 printed one character
// per line, interleaved with the rows, changes nothing.
func TestVerticalLabelOneCharPerLine(t *testing.T) {
	r := recog(t, "2019", t3Head+
		"（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n三 |\n"+
		"（二）部分公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n、 |\n本 |\n年 |\n度 |\n"+
		"（三）不予公开 |\n1.属于国家秘密 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n办 |\n理 |\n结 |\n果 |\n"+
		"2.其他法律行政法规禁止公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n")
	assert.Equal(t, 1.0, r.Cells["t3.granted.total"])
	assert.Equal(t, 2.0, r.Cells["t3.partial.total"])
	assert.Equal(t, 3.0, r.Cells["t3.denied.state_secret.total"])
	assert.Equal(t, 4.0, r.Cells["t3.denied.law_forbidden.total"])
	assert.False(t, hasNote(r, report.NoteExtraRow, ""))
}
