package templates

import (
	"github.com/xxgk/xxgk/schema"
)

// GuideLine is one line of the 填报说明 sheet.
type GuideLine struct {
	Text    string
	Heading bool
}

// Guide returns the 填报说明 text of a template for a format, one line per
// row.
func Guide(format string) []GuideLine {
	h := func(s string) GuideLine { return GuideLine{Text: s, Heading: true} }
	p := func(s string) GuideLine { return GuideLine{Text: s} }
	f := schema.Get(format)
	if f == nil {
		f = schema.Get(schema.F2021)
	}
	doc := "国办公开办函〔2021〕30号"
	if f.Key == schema.F2019 {
		doc = "国办公开办函〔2019〕60号"
	}
	lines := []GuideLine{
		h("填报说明（" + TemplateVersion + "）"),
		p("本工作簿按" + doc + "规定的政府信息公开工作年度报告格式制作，供填报“" + SheetT2 + "”“" + SheetT3 + "”“" + SheetT4 + "”三张统计表和“" + SheetText + "”。填好后可用命令 xxgk convert 本文件.xlsx 报告.docx（或 .html、.txt）直接生成年度报告。"),
		h("一、怎么填"),
		p("1. 只在浅黄色的单元格中填写数字。灰色单元格是“总计”，由公式自动计算，已锁定，不要改写。"),
		p("2. 表格已设保护（无密码），可以调整行高列宽、打印；标签和公式不能改动，以免勾稽关系被破坏。"),
		p("3. 每个数字单元格都有输入提示；填写不符合要求的内容（负数、小数、文字）会被拒绝。"),
		p("4. “" + SheetInfo + "”中填写填报机关、报告年度；“" + SheetText + "”中每行一段：A 列为章节编号（s0 为开头的导语，s1–s6 为六个部分），B 列为该章节标题（只在该章节第一行填写），C 列为段落正文。需要更多段落时在该章节下方插入行，A 列填同一章节编号。"),
		h("二、计数规则"),
		p("1. 表三第一项加第二项之和，等于第三项（（七）总计）加第四项之和（本表的勾稽关系）。"),
		p("2. 每一件办结的申请只计入一个办理结果：部分公开的申请只计入“（二）部分公开”，不再计入（三）至（六）的任何一项。因此（七）总计等于各办理结果之和。"),
		p("3. “四、结转下年度继续办理”是本年度未办结、转入下一年度的申请；下一年度的“二、上年结转政府信息公开申请数量”应与它相等。"),
		p("4. 表四每组的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。"),
		h("三、单位"),
		p("件数以“件”为单位，填不小于 0 的整数。"),
	}
	if f.Key == schema.F2019 {
		lines = append(lines,
			p("采购总金额以“万元”为单位（元 ÷ 10000），可保留小数；表头已写明单位。"),
			p("“本年增/减”填整数，增加为正、减少为负（如 -8）。"),
		)
	} else {
		lines = append(lines,
			p("本年收费金额以“万元”为单位（元 ÷ 10000），可保留小数。"),
			p("现行有效件数一般等于上年现行有效件数加本年制发件数减本年废止件数；用 --prev 生成的模板在表右侧给出上年数作为提示。"),
		)
	}
	lines = append(lines,
		h("四、空白与 0"),
		p("没有发生的事项填 0。空白表示“没有数据”，不会被当作 0：校验表会显示“缺数”。确实不适用的单元格可以留空，不要随意填写其他文字。"),
		h("五、信息处理费"),
		p("依《政府信息公开信息处理费管理办法》收取的信息处理费不填入表二“行政事业性收费”。发出收费通知、实际收费的件数和金额在“六、其他需要报告的事项”中用文字说明；申请人逾期未缴费、不再处理的申请计入表三“（六）其他处理”。"),
		h("六、校验"),
		p("“"+SheetCheck+"”逐条列出表内勾稽关系：每行给出左边、右边、差额和状态。OK 表示两边相等；不平 表示两边不相等，请核对有关数字；缺数 表示有单元格空白或不是数字。最上方的 check_ok 只有在每一行都是 OK 时才为 TRUE。"),
		p("校验只检查表内关系。提交前可再运行 xxgk check 本文件.xlsx 做完整检查（包括与上年报告的衔接和正文中的数字）。"),
	)
	return lines
}
