package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/batch"
	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

type convertOpts struct {
	fragment bool
	out      string // -o: batch output directory, or OUT.csv
	to       string // --to: batch output format (xlsx, txt, …, csv)
	from     string // --from: input format when reading standard input
}

func init() {
	register(&command{
		name:  "convert",
		usage: "xxgk convert IN OUT [选项]  |  xxgk convert IN... -o DIR --to FORMAT  |  xxgk convert IN... -o OUT.csv",
		short: "在报告文本、工作簿（.xlsx）与 JSON 等格式之间转换（可批量）",
		help: `按扩展名判断输入和输出格式：
  读取：{{readable}}
  写出：{{writable}}
数值读不准的单元格记为缺失并附说明，从不猜测、从不把空白或“—”当作 0。
输出先写入同目录的临时文件再改名，失败时不会留下半个文件；输出不能与输入是同一文件。
“-” 表示标准输入或标准输出，此时用 --from / --to 指明格式。

批量：给出多个文件或目录（递归查找可读取的文件）和 -o 目录，用 --to 指定输出格式（默认 xlsx）。
输出保留各输入目录下的相对路径；不同输入得到同名输出时，后来者依次加 -2、-3 区分（结果与 -j 无关）。
-o 以 .csv 结尾时，所有报告写入一张表：每份报告一行（文件、机关、年份、格式，然后每个单元格编号一列）。
一个文件读不了不影响其他文件；结束时列出失败的文件和原因。按 Ctrl-C 中止时只留下完整的输出。

示例：
  xxgk convert testdata/sample-2021.txt report.xlsx     # 文本 → 标准工作簿
  xxgk convert report.xlsx report.json                  # 工作簿 → JSON（稳定单元格编号）
  xxgk convert report.xlsx report.html --fragment       # 只输出正文片段，便于粘贴到网站
  xxgk convert reports/ -o out/ --to xlsx -j 4          # 整个目录批量转换
  xxgk convert reports/ -o all.csv                      # 汇总为一张 CSV 表
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &convertOpts{}
			fs.BoolVar(&o.fragment, "fragment", false, "HTML 输出只包含正文部分（不含 <html> 外壳）")
			fs.StringVarP(&o.out, "output", "o", "", "批量：输出目录，或以 .csv 结尾的汇总表；只转换一个文件时也可以是输出文件（如 -o 报告.json）")
			fs.StringVar(&o.to, "to", "", "批量或标准输出的输出格式："+formatNames(convert.Writable()))
			fs.StringVar(&o.from, "from", "", "从标准输入（-）读取时的输入格式："+formatNames(convert.Readable()))
			return o
		},
		run: runConvert,
	})
	// A single report converts to a one-row table too.
	convert.RegisterWriter(".csv", func(w io.Writer, r *report.Report, _ convert.Options) error {
		cw := batch.NewCSVWriter(w)
		if err := cw.Write(r.Source.Name, r); err != nil {
			return err
		}
		return cw.Flush()
	})
}

func runConvert(e *env, o any, args []string) int {
	opts := o.(*convertOpts)
	if opts.out != "" {
		ext := convert.Ext(opts.out)
		if ext == ".csv" || !contains(convert.Writable(), ext) || isDir(opts.out) {
			return runConvertBatch(e, opts, args)
		}
		// "-o report.json" names a file, not a directory: with one input
		// file it is that file's output; otherwise it would have become a
		// directory named report.json, which nobody means.
		if len(args) != 1 || isDir(args[0]) || (opts.to != "" && dotExt(opts.to) != ext) {
			e.errorf("-o %s 以 %s 结尾，是文件名：转换一个文件用 xxgk convert IN OUT 或 xxgk convert IN -o OUT；批量转换的 -o 应为目录，或以 .csv 结尾的汇总表（usage）", opts.out, ext)
			return exitBad
		}
		args = []string{args[0], opts.out}
	}
	if len(args) != 2 {
		e.errorf("convert 需要一个输入和一个输出：xxgk convert IN OUT，或批量 xxgk convert IN... -o DIR（usage）")
		return exitBad
	}
	in, out := args[0], args[1]
	if in != "-" && out != "-" && samePath(in, out) {
		e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", out)
		return exitBad
	}
	opt := e.options()
	opt.Fragment = opts.fragment
	if in == "-" && opts.from == "" {
		e.errorf("从标准输入读取时须用 --from 指明格式（usage）")
		return exitBad
	}
	var r *report.Report
	var err error
	if in == "-" {
		r, err = readStdin(e.stdin, opts.from, opt)
	} else {
		r, err = convert.ReadFile(in, opt)
	}
	if err != nil {
		e.errorf("%s", describe(err))
		return exitBad
	}
	if out == "-" {
		if opts.to == "" {
			e.errorf("写到标准输出时须用 --to 指明格式（usage）")
			return exitBad
		}
		b, err := convert.Render(r, dotExt(opts.to), opt)
		if err != nil {
			e.errorf("无法写出：%v（write_failed）", err)
			return exitBad
		}
		e.stdout.Write(b)
		return exitOK
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

// readStdin reads a report of format from standard input. One byte over
// the size cap is enough for ReadBytes to refuse it: an endless stream is
// never read into memory.
func readStdin(stdin io.Reader, format string, opt convert.Options) (*report.Report, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = convert.DefaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(stdin, max+1))
	if err != nil {
		return nil, err
	}
	return convert.ReadBytes("stdin", dotExt(format), data, opt)
}

// dotExt turns a format name ("xlsx", ".xlsx", "htm") into a registry
// extension.
func dotExt(f string) string {
	return convert.Ext("x." + strings.TrimPrefix(strings.ToLower(f), "."))
}

// interruptContext is cancelled by SIGINT or SIGTERM, so that a batch stops
// feeding files, lets the ones under way finish their atomic writes and
// exits with only complete outputs. Tests replace it.
var interruptContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

var errOutputIsInput = errors.New("output is an input")

// batchFailure is one line of the failure list: the file and the reason in
// Chinese with its code.
func batchFailure(path string, err error) string {
	var we *batch.WriteError
	switch {
	case errors.Is(err, errOutputIsInput):
		return fmt.Sprintf("xxgk: %s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", path)
	case errors.Is(err, batch.ErrPanic):
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return fmt.Sprintf("xxgk: %s：xxgk 内部错误，此文件未转换，请报告此问题：%s（internal_error）", path, msg)
	case errors.As(err, &we):
		return fmt.Sprintf("xxgk: %s：无法写出 %s：%v（write_failed）", path, we.Path, we.Err)
	}
	d := describe(err)
	if !strings.HasPrefix(d, path) {
		d = path + "：" + d
	}
	return "xxgk: " + d
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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

// isDir reports whether path is an existing directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
