package main

import (
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/convert"
)

type convertOpts struct {
	fragment bool
}

func init() {
	register(&command{
		name:  "convert",
		usage: "xxgk convert IN OUT [选项]",
		short: "在报告文本、工作簿（.xlsx）与 JSON 等格式之间转换",
		help: `按扩展名判断输入和输出格式：
  读取：.txt .md .html .htm .docx .xlsx .json
  写出：.xlsx（标准工作簿） .json .txt（官方文本格式） .md .html .docx
数值读不准的单元格记为缺失并附说明，从不猜测、从不把空白或“—”当作 0。
输出先写入同目录的临时文件再改名，失败时不会留下半个文件；输出不能与输入是同一文件。

示例：
  xxgk convert testdata/sample-2021.txt report.xlsx     # 文本 → 标准工作簿
  xxgk convert report.xlsx report.json                  # 工作簿 → JSON（稳定单元格编号）
  xxgk convert report.xlsx report.html --fragment       # 只输出正文片段，便于粘贴到网站
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &convertOpts{}
			fs.BoolVar(&o.fragment, "fragment", false, "HTML 输出只包含正文部分（不含 <html> 外壳）")
			return o
		},
		run: runConvert,
	})
}

func runConvert(e *env, o any, args []string) int {
	opts := o.(*convertOpts)
	if len(args) != 2 {
		e.errorf("convert 需要一个输入和一个输出：xxgk convert IN OUT（usage）")
		return exitBad
	}
	in, out := args[0], args[1]
	if samePath(in, out) {
		e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", out)
		return exitBad
	}
	opt := e.options()
	opt.Fragment = opts.fragment
	r, err := convert.ReadFile(in, opt)
	if err != nil {
		e.errorf("%s", describe(err))
		return exitBad
	}
	if _, err := os.Stat(out); err == nil && e.verbose {
		e.errorf("%s 已存在，将被替换", out)
	}
	if err := convert.WriteFile(out, r, opt); err != nil {
		e.errorf("%s：无法写出：%v（write_failed）", out, err)
		return exitBad
	}
	if e.verbose {
		e.errorf("%s → %s：%d 个数值，%d 个缺失，%d 条说明", in, out, len(r.Cells), len(r.Missing), len(r.Notes))
	}
	return exitOK
}

// samePath reports whether two paths name the same file (existing or not).
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
