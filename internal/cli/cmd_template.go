package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/templates"
)

type templateOpts struct {
	year   int
	agency string
	prev   string
}

func init() {
	register(&command{
		name:  "template",
		usage: "xxgk template OUT.xlsx [--format " + strings.Join(formatKeys(), "|") + "] [--year N] [--agency 机关名称] [--prev 上年报告]",
		short: "生成填报用的标准工作簿模板（自动合计、输入校验、勾稽检查）",
		help: `生成标准工作簿（` + templates.TemplateVersion + `）：三张统计表按官方格式排版，只有浅黄色单元格可填写，
总计为公式自动计算，“校验”表逐条显示勾稽关系（OK／不平／缺数），“填报说明”说明填法。
默认报告年度为上一个日历年，格式按年度确定（2021 年起为 2021 格式）。
--prev 指定上年报告（工作簿或 xxgk 能读取的任何报告）：上年结转取自上年“结转下年度继续办理”；
2019 格式的“上一年项目数量”取自上年“上一年项目数量”加“本年增/减”；2021 格式在现行有效件数旁提示上年数。
填好后用 xxgk convert 填好的.xlsx 报告.docx（或 .html、.txt）生成年度报告。

示例：
  xxgk template 2024年报表.xlsx --year 2024 --agency 示例县人民政府办公室
  xxgk template 2025年报表.xlsx --year 2025 --prev 2024年报表.xlsx
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &templateOpts{}
			fs.IntVar(&o.year, "year", 0, "报告年度（默认：上一个日历年）")
			fs.StringVar(&o.agency, "agency", "", "填报机关名称")
			fs.StringVar(&o.prev, "prev", "", "上年报告，用于预填上年结转等数据")
			return o
		},
		run: runTemplate,
	})
}

func runTemplate(e *env, o any, args []string) int {
	opts := o.(*templateOpts)
	if len(args) != 1 {
		e.errorf("template 需要一个输出文件：xxgk template OUT.xlsx（usage）")
		return exitBad
	}
	out := args[0]
	if convert.Ext(out) != ".xlsx" {
		e.errorf("%s：模板只能写成 .xlsx 工作簿（usage）", out)
		return exitBad
	}
	year := opts.year
	if year == 0 {
		year = time.Now().Year() - 1
	}
	if year < 2008 || year > 2200 {
		e.errorf("--year %d 不是有效的报告年度（usage）", year)
		return exitBad
	}
	format := e.format
	if format == "auto" {
		format = ""
	}
	to := convert.TemplateOptions{Format: format, Year: year, Agency: opts.agency}
	if opts.prev != "" {
		if samePath(opts.prev, out) {
			e.errorf("%s：输出与 --prev 是同一个文件，拒绝覆盖（output_is_input）", out)
			return exitBad
		}
		prevOpt := e.options()
		prevOpt.Format = ""
		p, err := convert.ReadFile(opts.prev, prevOpt)
		if err != nil {
			e.errorf("%s", describe(err))
			return exitBad
		}
		to.Prev, to.PrevName = p, filepath.Base(opts.prev)
		if to.Agency == "" {
			to.Agency = p.Agency
		}
	}
	var buf bytes.Buffer
	if err := convert.WriteTemplate(&buf, to); err != nil {
		e.errorf("%s：无法生成模板：%v（write_failed）", out, err)
		return exitBad
	}
	if _, err := os.Stat(out); err == nil && e.verbose {
		e.errorf("%s 已存在，将被替换", out)
	}
	if err := convert.AtomicWrite(out, buf.Bytes()); err != nil {
		e.errorf("%s：无法写出：%v（write_failed）", out, err)
		return exitBad
	}
	if e.verbose {
		e.errorf("已生成模板 %s", out)
	}
	return exitOK
}
