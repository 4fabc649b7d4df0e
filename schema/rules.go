package schema

import (
	"math"
	"strings"
)

// Severity of a rule: error makes check exit 1; warning and notice do not.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Notice  Severity = "notice"
)

// Rule is one rule of formats.md.
type Rule struct {
	ID       string
	Severity Severity
	// Title is the rule in Chinese, for messages and the 校验 sheet.
	Title string
	// Scope: "arith" (any report), "prev" (across years), "text" (narrative
	// against tables), "wb" (workbook integrity), "merge" (xxgk merge
	// --parent: a parent's tables against the sum of its units).
	Scope string
}

// Rules lists every rule of formats.md, in the order the spec gives them.
var Rules = []Rule{
	{"t3.balance", Error, "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和", "arith"},
	{"t3.result_total", Error, "表三（七）总计等于各办理结果之和", "arith"},
	{"t3.row_total", Error, "表三总计列等于自然人与法人或其他组织各列之和", "arith"},
	{"t4.group_total", Error, "表四总计等于结果维持、结果纠正、其他结果、尚未审结之和", "arith"},
	{"total.blank", Error, "总计栏空白而其分项有数", "arith"},
	{"domain.count", Error, "件数须为不小于0的整数", "arith"},
	{"domain.amount", Error, "金额须为不小于0的数（万元）", "arith"},
	{"missing", Warning, "格式要求的单元格空缺", "arith"},
	{"t2.published", Warning, "本年新公开数量不大于对外公开总数量", "arith"},
	{"table.missing", Error, "缺少统计表", "arith"},
	{"section.missing", Warning, "缺少章节", "arith"},
	{"section.heading", Notice, "章节标题编号、顺序或措辞与格式不符", "arith"},
	{"prev.carry", Warning, "上年结转数等于上一年度结转下年度继续办理数", "prev"},
	{"prev.in_force", Warning, "现行有效件数等于上年现行有效件数加本年制发减本年废止", "prev"},
	{"prev.items", Warning, "上一年项目数量等于上年的上一年项目数量加本年增/减", "prev"},
	{"text.numbers", Warning, "正文所述数字与统计表不符", "text"},
	{"text.section5_empty", Warning, "第五部分（存在的主要问题及改进情况）为空或过短", "text"},
	{"text.fee", Notice, "发出收费通知但第六部分未说明信息处理费", "text"},
	{"text.year", Notice, "正文以其他年份表述本报告期的数量", "text"},
	{"wb.formula_replaced", Error, "总计单元格的公式被常量替换", "wb"},
	{"wb.formula_changed", Error, "总计单元格的公式与标准公式不同", "wb"},
	{"wb.cache_stale", Warning, "公式缓存值与重新计算的值不符", "wb"},
	{"wb.label_changed", Error, "行或列标签与标准标签不同", "wb"},
	{"wb.layout_shifted", Error, "插入或删除了行列，标签偏离标准位置", "wb"},
	{"wb.sheet_missing", Error, "标准工作表缺失或被改名", "wb"},
	{"wb.name_missing", Error, "定义名称缺失或指向别处", "wb"},
	{"wb.hidden", Warning, "隐藏的行、列、工作表或隐藏数值的数字格式", "wb"},
	{"wb.version_unknown", Notice, "没有或无法识别的 xxgk 模板版本", "wb"},
	{"merge.parent", Error, "上级报告的统计表等于所属各单位报告之和", "merge"},
}

var ruleByID = func() map[string]Rule {
	m := map[string]Rule{}
	for _, r := range Rules {
		m[r.ID] = r
	}
	return m
}()

// RuleByID returns the rule and whether it exists.
func RuleByID(id string) (Rule, bool) {
	r, ok := ruleByID[id]
	return r, ok
}

// Op is the comparison of a rule instance.
type Op int

const (
	// Eq: sum(Left) == sum(Right).
	Eq Op = iota
	// Le: sum(Left) <= sum(Right).
	Le
)

// Instance is one evaluable instance of an arithmetic rule: for 表三
// （七）总计·自然人, Left = [t3.result_total.natural], Right = the result rows of
// that column. Cells lists the ids involved, the total first.
type Instance struct {
	Rule  string
	Label string // official labels in Chinese: 表三（七）总计·自然人
	Left  []string
	Right []string
	Op    Op
}

// Cells lists the ids involved, the total (or the checked cell) first.
func (in Instance) Cells() []string {
	out := make([]string, 0, len(in.Left)+len(in.Right))
	out = append(out, in.Left...)
	return append(out, in.Right...)
}

// Status of an evaluated instance.
type Status int

const (
	OK Status = iota
	Unbalanced
	MissingOperand
)

// String gives the status as the 校验 sheet prints it.
func (s Status) String() string {
	switch s {
	case Unbalanced:
		return "不平"
	case MissingOperand:
		return "缺数"
	}
	return "OK"
}

// Sum adds up the cells ids with get returning a cell's value and whether
// it is present; ok is false when one is missing (never read as 0).
func Sum(ids []string, get func(id string) (float64, bool)) (sum float64, ok bool) {
	for _, id := range ids {
		v, ok := get(id)
		if !ok {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// Eval evaluates the instance with get returning a cell's value and whether
// it is present. A missing operand gives MissingOperand (never read as 0).
func (in Instance) Eval(get func(id string) (float64, bool)) (left, right float64, st Status) {
	l, okl := Sum(in.Left, get)
	r, okr := Sum(in.Right, get)
	if !okl || !okr {
		return l, r, MissingOperand
	}
	switch in.Op {
	case Le:
		if l > r+1e-9 {
			return l, r, Unbalanced
		}
	default:
		if math.Abs(l-r) > 1e-6 {
			return l, r, Unbalanced
		}
	}
	return l, r, OK
}

// Instances returns every arithmetic rule instance of the format under the
// layout, in the order the 校验 sheet lists them: t3.balance ×7,
// t3.result_total ×7, t3.row_total per data row, t4.group_total ×3 and, in
// 2019, t2.published ×2.
func (f *Format) Instances(layout []string) []Instance {
	return f.ruleIn[layoutKey(f, layout)]
}

func (f *Format) buildInstances(layout []string) []Instance {
	var out []Instance
	for _, c := range f.T3Cols {
		out = append(out, Instance{Rule: "t3.balance", Label: "表三·" + c.Label + "：一＋二＝（七）总计＋四",
			Left:  []string{"t3.new_received." + c.ID, "t3.carried_over." + c.ID},
			Right: []string{"t3.result_total." + c.ID, "t3.carry_forward." + c.ID}})
	}
	results := f.t3ResultRows(layout)
	for _, c := range f.T3Cols {
		right := make([]string, len(results))
		for i, r := range results {
			right[i] = "t3." + r + "." + c.ID
		}
		out = append(out, Instance{Rule: "t3.result_total", Label: "表三（七）总计·" + c.Label,
			Left: []string{"t3.result_total." + c.ID}, Right: right})
	}
	for _, r := range f.T3DataRows(layout) {
		// Every 总计 cell sums its row, the （七）总计 corner included.
		cell := f.byID["t3."+r.ID+".total"]
		right := make([]string, 0, 6)
		for _, c := range f.T3Cols[:6] {
			right = append(right, "t3."+r.ID+"."+c.ID)
		}
		out = append(out, Instance{Rule: "t3.row_total", Label: "表三" + r.Label + "·总计",
			Left: []string{cell.ID}, Right: right})
	}
	for _, g := range f.T4Groups {
		out = append(out, Instance{Rule: "t4.group_total", Label: "表四" + g.Label + "·总计",
			Left:  []string{"t4." + g.ID + ".total"},
			Right: []string{"t4." + g.ID + ".upheld", "t4." + g.ID + ".corrected", "t4." + g.ID + ".other", "t4." + g.ID + ".pending"}})
	}
	if f.Key == F2019 {
		for _, r := range []struct{ id, label string }{{"rules", "规章"}, {"normative", "规范性文件"}} {
			out = append(out, Instance{Rule: "t2.published", Label: "表二" + r.label + "：本年新公开数量≤对外公开总数量",
				Left: []string{"t2." + r.id + ".published_new"}, Right: []string{"t2." + r.id + ".published_total"}, Op: Le})
		}
	}
	return out
}

// Totals returns the ids of the total cells of the format (those the
// canonical workbook holds as formulas).
func (f *Format) Totals(layout []string) []*Cell {
	var out []*Cell
	for _, c := range f.Cells(layout) {
		if c.IsTotal() {
			out = append(out, c)
		}
	}
	return out
}

// TableOf returns the table id of a cell id ("t3" for "t3.granted.natural").
func TableOf(id string) string {
	if i := strings.IndexByte(id, '.'); i > 0 {
		return id[:i]
	}
	return ""
}
