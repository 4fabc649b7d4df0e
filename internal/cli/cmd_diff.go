package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/compare"
	"github.com/xxgk/xxgk/convert"
)

type diffOpts struct {
	out string
}

func init() {
	register(&command{
		name:  "diff",
		usage: "xxgk diff OLD NEW [-o OUT.xlsx|OUT.md|OUT.html|OUT.txt]",
		short: "逐格对比两份报告（如同一机关的两个年度），并比较各章节正文",
		help: `列出每个单元格的旧值、新值、变化和变化率；缺数照原样显示，不计算变化。
2019 与 2021 格式之间只比较可比的行：表三逐行比较（2019 格式的（六）其他处理对应 2021 格式三行之和），
表四全部比较，表二只比较第二十条第（六）项的处理决定数量；（一）（五）（八）项不可比较，并说明原因。
正文按章节给出相似度，以及删除和新增的段落。
默认输出文本到标准输出；-o 按扩展名写出 .xlsx、.md、.html 或 .txt。

示例：
  xxgk diff 2022.txt 2023.txt
  xxgk diff 2020.xlsx 2022.xlsx -o 对比.xlsx
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &diffOpts{}
			fs.StringVarP(&o.out, "output", "o", "", "输出文件：.xlsx、.md、.html 或 .txt（默认文本到标准输出）")
			return o
		},
		run: runDiff,
	})
}

func runDiff(e *env, o any, args []string) int {
	opts := o.(*diffOpts)
	if len(args) != 2 {
		e.errorf("diff 需要两份报告：xxgk diff OLD NEW（usage）")
		return exitBad
	}
	ext := ""
	if opts.out != "" {
		ext = convert.Ext(opts.out)
		switch ext {
		case ".xlsx", ".md", ".html", ".txt":
		default:
			e.errorf("%s：diff 只能写出 .xlsx、.md、.html 或 .txt（usage）", opts.out)
			return exitBad
		}
		if samePath(args[0], opts.out) || samePath(args[1], opts.out) {
			e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", opts.out)
			return exitBad
		}
	}
	rs, fails := readAll(e, args)
	if len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintln(e.stderr, f)
		}
		return exitBad
	}
	d := compare.Compare(rs[0], rs[1])
	var buf bytes.Buffer
	var err error
	switch ext {
	case "", ".txt":
		err = d.WriteText(&buf)
	case ".md":
		err = d.WriteMarkdown(&buf)
	case ".html":
		err = d.WriteHTML(&buf)
	case ".xlsx":
		var b []byte
		b, err = convert.AppendSheets(nil, sheets(d.Sheets()))
		buf.Write(b)
	}
	if err != nil {
		e.errorf("无法写出对比：%v（write_failed）", err)
		return exitBad
	}
	if opts.out == "" {
		e.stdout.Write(buf.Bytes())
		return exitOK
	}
	if err := convert.AtomicWrite(opts.out, buf.Bytes()); err != nil {
		e.errorf("%s：无法写出：%v（write_failed）", opts.out, err)
		return exitBad
	}
	if !e.quiet {
		n, ch := d.Summary()
		e.errorf("已写出对比 %s：%d 个单元格，%d 个有变化", opts.out, n, ch)
	}
	return exitOK
}
