package schema

// This file is the one declaration of every label of both formats, with the
// variants seen in real reports (../shared/corpus/INDEX.md, formats.md).
// Variants listed here are matched after Normalize; width, spacing, quote and
// numbering differences need no entry.

var sections = []Section{
	{ID: "s1", Heading: "一、总体情况"},
	{ID: "s2", Heading: "二、主动公开政府信息情况", Table: "t2",
		Variants: []string{"二、行政机关主动公开政府信息情况"}},
	{ID: "s3", Heading: "三、收到和处理政府信息公开申请情况", Table: "t3"},
	{ID: "s4", Heading: "四、政府信息公开行政复议、行政诉讼情况", Table: "t4",
		Variants: []string{"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
			"四、政府信息公开行政法复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"}},
	{ID: "s5", Heading: "五、存在的主要问题及改进情况",
		Variants: []string{"五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题及改进情况",
			"五、存在的主要问题及整改措施", "五、政府信息公开工作存在的主要问题及改进措施"}},
	{ID: "s6", Heading: "六、其他需要报告的事项", Variants: []string{"六、其他报告事项", "六、其他需要报告事项"}},
}

var t3Cols = []Column{
	{ID: "natural", Label: "自然人"},
	{ID: "commercial", Label: "商业企业"},
	{ID: "research", Label: "科研机构"},
	{ID: "public_welfare", Label: "社会公益组织"},
	{ID: "legal_service", Label: "法律服务机构"},
	{ID: "other_org", Label: "其他"},
	{ID: "total", Label: "总计"},
}

// T3 header texts (both formats).
const (
	T3Note          = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	T3Applicant     = "申请人情况"
	T3LegalPersons  = "法人或其他组织"
	T3ResultsGroup  = "三、本年度办理结果"
	T2ContentHeader = "信息内容"
	T4Review        = "行政复议"
	T4Litigation    = "行政诉讼"
)

func t3Rows(f string) []T3Row {
	rows := []T3Row{
		{ID: "new_received", Label: "一、本年新收政府信息公开申请数量",
			Variants: []string{"一、本年新收到政府信息公开申请数量", "本年新收政府信息公开申请数量", "本年新收到政府信息公开申请数量"}},
		{ID: "carried_over", Label: "二、上年结转政府信息公开申请数量",
			Variants: []string{"二、上年结转政府信息公开数量", "上年结转政府信息公开申请数量", "上年结转政府信息公开数量"}},
		{Label: T3ResultsGroup, IsGroup: true, Variants: []string{"本年度办理结果"}},
		{ID: "granted", Label: "（一）予以公开", Group: T3ResultsGroup, Result: true, Variants: []string{"予以公开"}},
		{ID: "partial", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Group: T3ResultsGroup, Result: true,
			Variants: []string{"（二）部分公开", "部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"}},
		{Label: "（三）不予公开", IsGroup: true, Group: T3ResultsGroup, Variants: []string{"不予公开"}},
		{ID: "denied.state_secret", Label: "1.属于国家秘密", Group: "（三）不予公开", Result: true},
		{ID: "denied.law_forbidden", Label: "2.其他法律行政法规禁止公开", Group: "（三）不予公开", Result: true,
			Variants: []string{"2.其他法律行政止公开", "2.其他法律法规禁止公开", "2.其他法律、行政法规禁止公开"}},
		{ID: "denied.security_stability", Label: "3.危及“三安全一稳定”", Group: "（三）不予公开", Result: true,
			Variants: []string{"3.危机“三安全一稳定”"}},
		{ID: "denied.third_party", Label: "4.保护第三方合法权益", Group: "（三）不予公开", Result: true},
		{ID: "denied.internal_affairs", Label: "5.属于三类内部事务信息", Group: "（三）不予公开", Result: true},
		{ID: "denied.process_info", Label: "6.属于四类过程性信息", Group: "（三）不予公开", Result: true},
		{ID: "denied.enforcement_file", Label: "7.属于行政执法案卷", Group: "（三）不予公开", Result: true,
			Variants: []string{"7.属于行政法案卷"}},
		{ID: "denied.admin_query", Label: "8.属于行政查询事项", Group: "（三）不予公开", Result: true},
		{Label: "（四）无法提供", IsGroup: true, Group: T3ResultsGroup, Variants: []string{"无法提供"}},
		{ID: "unable.not_held", Label: "1.本机关不掌握相关政府信息", Group: "（四）无法提供", Result: true},
		{ID: "unable.need_creation", Label: "2.没有现成信息需要另行制作", Group: "（四）无法提供", Result: true,
			Variants: []string{"2.没有现成信息需另行制作"}},
		{ID: "unable.unclear", Label: "3.补正后申请内容仍不明确", Group: "（四）无法提供", Result: true},
		{Label: "（五）不予处理", IsGroup: true, Group: T3ResultsGroup, Variants: []string{"不予处理"}},
		{ID: "not_processed.petition", Label: "1.信访举报投诉类申请", Group: "（五）不予处理", Result: true},
		{ID: "not_processed.repeat", Label: "2.重复申请", Group: "（五）不予处理", Result: true},
		{ID: "not_processed.publication", Label: "3.要求提供公开出版物", Group: "（五）不予处理", Result: true},
		{ID: "not_processed.excessive", Label: "4.无正当理由大量反复申请", Group: "（五）不予处理", Result: true},
		{ID: "not_processed.confirm_reissue", Label: "5.要求行政机关确认或重新出具已获取信息", Group: "（五）不予处理", Result: true},
	}
	if f == F2019 {
		rows = append(rows, T3Row{ID: "other", Label: "（六）其他处理", Group: T3ResultsGroup, Result: true,
			Variants: []string{"其他处理", "（六）其他"}})
	} else {
		rows = append(rows,
			T3Row{Label: "（六）其他处理", IsGroup: true, Group: T3ResultsGroup, SingleRowOther: true,
				Variants: []string{"其他处理", "（六）其他"}},
			T3Row{ID: "other.no_correction", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
				Group: "（六）其他处理", Result: true},
			T3Row{ID: "other.fee_unpaid", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
				Group: "（六）其他处理", Result: true},
			T3Row{ID: "other.other", Label: "3.其他", Group: "（六）其他处理", Result: true},
		)
	}
	rows = append(rows,
		T3Row{ID: "result_total", Label: "（七）总计", Group: T3ResultsGroup, Variants: []string{"总计"}},
		T3Row{ID: "carry_forward", Label: "四、结转下年度继续办理",
			Variants: []string{"结转下年度继续办理", "四、结转下一年度继续办理"}},
	)
	return rows
}

var t4Groups = []Column{
	{ID: "rev", Label: "行政复议"},
	{ID: "lit_direct", Label: "未经复议直接起诉"},
	{ID: "lit_after", Label: "复议后起诉"},
}

var t4Cols = []Column{
	{ID: "upheld", Label: "结果维持"},
	{ID: "corrected", Label: "结果纠正"},
	{ID: "other", Label: "其他结果"},
	{ID: "pending", Label: "尚未审结"},
	{ID: "total", Label: "总计"},
}

func build2019() *Format {
	made := []Column{
		{ID: "made_new", Label: "本年新制作数量", Variants: []string{"本年新"}},
		{ID: "published_new", Label: "本年新公开数量", Variants: []string{"本年新"}},
		{ID: "published_total", Label: "对外公开总数量"},
	}
	items := []Column{
		{ID: "items_prev", Label: "上一年项目数量"},
		{ID: "items_change", Label: "本年增/减", Kind: SignedCount, Variants: []string{"本年增减", "本年增／减"}},
		{ID: "decisions", Label: "处理决定数量"},
	}
	f := &Format{
		Key:      F2019,
		Sections: sections,
		T2: []T2Block{
			{Title: "第二十条第（一）项", Cols: made, Rows: []Column{
				{ID: "rules", Label: "规章"},
				{ID: "normative", Label: "规范性文件", Variants: []string{"规范性档案", "行政规范性文件"}}}},
			{Title: "第二十条第（五）项", Cols: items, Rows: []Column{
				{ID: "license", Label: "行政许可"},
				{ID: "other_services", Label: "其他对外管理服务事项"}}},
			{Title: "第二十条第（六）项", Cols: items, Rows: []Column{
				{ID: "penalty", Label: "行政处罚"},
				{ID: "coercion", Label: "行政强制"}}},
			{Title: "第二十条第（八）项", Cols: items[:2], Rows: []Column{
				{ID: "fees", Label: "行政事业性收费"}}},
			{Title: "第二十条第（九）项", Cols: []Column{
				{ID: "projects", Label: "采购项目数量"},
				{ID: "amount", Label: "采购总金额", Kind: Amount}}, Rows: []Column{
				{ID: "procurement", Label: "政府集中采购"}}},
		},
		T3Rows:   t3Rows(F2019),
		T3Cols:   t3Cols,
		T4Groups: t4Groups,
		T4Cols:   t4Cols,
	}
	f.finish()
	return f
}

func build2021() *Format {
	decisions := []Column{{ID: "decisions", Label: "本年处理决定数量", Variants: []string{"处理决定数量"}}}
	f := &Format{
		Key:      F2021,
		Sections: sections,
		T2: []T2Block{
			{Title: "第二十条第（一）项", Cols: []Column{
				{ID: "issued", Label: "本年制发件数", Variants: []string{"本年制发件"}},
				{ID: "repealed", Label: "本年废止件数", Variants: []string{"本年废止件"}},
				{ID: "in_force", Label: "现行有效件数", Variants: []string{"现行有效件"}}}, Rows: []Column{
				{ID: "rules", Label: "规章"},
				{ID: "normative", Label: "行政规范性文件", Variants: []string{"规范性文件", "规范性档案"}}}},
			{Title: "第二十条第（五）项", Cols: decisions, Merged: true, Rows: []Column{{ID: "license", Label: "行政许可"}}},
			{Title: "第二十条第（六）项", Cols: decisions, Merged: true, Rows: []Column{
				{ID: "penalty", Label: "行政处罚"},
				{ID: "coercion", Label: "行政强制"}}},
			{Title: "第二十条第（八）项", Cols: []Column{{ID: "fee_amount", Label: "本年收费金额（单位：万元）", Kind: Amount,
				Variants: []string{"本年收费金额", "本年收费金额（万元）"}}}, Merged: true,
				Rows: []Column{{ID: "fees", Label: "行政事业性收费"}}},
		},
		T3Rows:   t3Rows(F2021),
		T3Cols:   t3Cols,
		T4Groups: t4Groups,
		T4Cols:   t4Cols,
	}
	f.finish()
	return f
}

// ProcurementAmountHeader is the header xxgk's own outputs print for 2019
// t2.procurement.amount, so that the unit is never ambiguous.
const ProcurementAmountHeader = "采购总金额（单位：万元）"

// FormatMarkers are labels found only in one format: they decide the format
// of a report whatever its year says.
var FormatMarkers = map[string][]string{
	F2019: {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项", "政府集中采购", "采购总金额"},
	F2021: {"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "缴纳费用"},
}
