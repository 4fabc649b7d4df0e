package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// version is the xxgk version printed by --version and stamped as generator.
const version = "0.1.0"

// Exit statuses (ARCHITECTURE.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitBad      = 2
)

// command is one subcommand. Each lives in its own cmd_*.go file and
// registers itself in init.
type command struct {
	name  string
	usage string // one line: "xxgk convert IN OUT"
	short string // one line in Chinese for the overview
	help  string // the teaching text, with lists as placeholders (lists.go): flags are appended
	flags func(fs *pflag.FlagSet) any
	run   func(env *env, opts any, args []string) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env carries the process's streams and global flags into a command.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	quiet, verbose bool
	jobs           int
	format         string
	maxSize        int64
}

func (e *env) errorf(format string, a ...any) {
	fmt.Fprintf(e.stderr, "xxgk: "+format+"\n", a...)
}

// Main runs xxgk as a process with its arguments (without the program
// name) and streams, and returns the exit status: it stamps the generator
// and tunes the garbage collector for a batch, then runs the command.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	report.Generator = "xxgk " + version
	tuneGC()
	return run(args, stdin, stdout, stderr)
}

func overview() string {
	var b strings.Builder
	b.WriteString(`xxgk：政府信息公开工作年度报告的转换、模板与校验工具

用法：
  xxgk 子命令 [参数] [选项]

子命令：
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].short)
	}
	b.WriteString(`
全局选项：
  -h, --help       显示帮助（xxgk 子命令 --help 显示该子命令的帮助）
      --version    显示版本

示例：
  xxgk convert testdata/sample-2021.txt report.xlsx
  xxgk convert report.xlsx report.json

退出状态：0 成功；1 check 发现错误；2 输入无法读取或用法错误。
`)
	return b.String()
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitBad
	}
	switch args[0] {
	case "-h", "--help", "help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprint(stdout, helpText(c))
				return exitOK
			}
			fmt.Fprintf(stderr, "xxgk: 没有子命令 %q（unknown_command）\n", args[1])
			return exitBad
		}
		fmt.Fprint(stdout, overview())
		return exitOK
	case "--version", "version":
		fmt.Fprintln(stdout, "xxgk", version)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "xxgk: 没有子命令 %q（unknown_command）\n\n%s", args[0], overview())
		return exitBad
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := newFlagSet(c, e)
	opts := c.flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(stdout, helpText(c))
			return exitOK
		}
		e.errorf("%v（usage）\n用法：%s\n（xxgk %s --help 查看帮助）", err, c.usage, c.name)
		return exitBad
	}
	if e.format != "auto" && schema.Get(e.format) == nil {
		e.errorf("--format 只能是 auto、%s，收到 %q（usage）", orList(formatKeys()), e.format)
		return exitBad
	}
	return c.run(e, opts, fs.Args())
}

func newFlagSet(c *command, e *env) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.BoolVarP(&e.quiet, "quiet", "q", false, "安静：不显示进度和汇总，只输出结果与错误")
	fs.BoolVarP(&e.verbose, "verbose", "v", false, "详细：说明每一步（如覆盖已有的输出文件）")
	fs.IntVarP(&e.jobs, "jobs", "j", 0, "同时转换的文件数（默认：CPU 核数）；写出文件与转换重叠进行")
	fs.StringVar(&e.format, "format", "auto", "报告格式：auto（按标签、再按年份判断）、"+orList(formatKeys()))
	fs.Int64Var(&e.maxSize, "max-size", convert.DefaultMaxSize, "输入文件大小上限（字节）")
	return fs
}

func helpText(c *command) string {
	fs := newFlagSet(c, &env{})
	c.flags(fs)
	return fmt.Sprintf("用法：%s\n\n%s\n%s\n选项：\n%s", c.usage, c.short, expandLists(c.help), fs.FlagUsages())
}

func (e *env) options() convert.Options {
	return convert.Options{Format: e.format, MaxSize: e.maxSize}
}

// describe maps an error to the Chinese message users read, with the English
// error code beside it.
func describe(err error) string {
	var ie *convert.InputError
	file, pos := "", ""
	if errors.As(err, &ie) {
		file, pos = ie.File, ie.Pos
	}
	code, msg := "unreadable", err.Error()
	// Errors that carry their own code and Chinese message (a missing
	// helper program, a table published as an image).
	var cm interface {
		error
		Code() string
		Chinese() string
	}
	switch {
	case errors.Is(err, convert.ErrNotReport):
		code, msg = "not_a_report", "不是政府信息公开工作年度报告：三张统计表和六个章节标题都没有找到"
	case errors.Is(err, convert.ErrUnsupported):
		code, msg = "unsupported", "不支持的文件类型："+innermost(err)
	case errors.Is(err, convert.ErrTooLarge):
		code, msg = "too_large", "文件过大，超过输入上限（可用 --max-size 提高）："+innermost(err)
	case errors.Is(err, convert.ErrFormatConflict):
		code, msg = "format_conflict", "--format 指定的格式与报告表格的标签不符"
		var fe *convert.FormatConflictError
		if errors.As(err, &fe) {
			msg = fmt.Sprintf("--format %s 与报告表格的标签不符：标签属于 %s 年格式", fe.Forced, fe.Labels)
		}
	case errors.Is(err, convert.ErrLineTooLong):
		code, msg = "line_too_long", fmt.Sprintf("行过长（超过 %d KB），不是报告文本：%s", convert.MaxLineBytes>>10, innermost(err))
	case errors.Is(err, convert.ErrTooManyLines):
		code, msg = "too_many_lines", "行、段落或元素过多，不像一份报告："+innermost(err)
	case errors.Is(err, convert.ErrNotText):
		code, msg = "not_text", "无法解码为文本（UTF-8、UTF-16 或 GB18030）"
		if pos != "" {
			msg += "：文本是 UTF-8，但自此处起有不是 UTF-8 的字节（文件损坏，或混用了两种编码）"
		}
	case errors.Is(err, os.ErrNotExist):
		code, msg = "not_found", "文件不存在"
	case errors.As(err, &cm):
		code, msg = cm.Code(), cm.Chinese()
	case ie != nil:
		msg = "无法读取：" + ie.Err.Error()
	}
	where := file
	if pos != "" {
		where += "：" + pos
	}
	if where != "" {
		return fmt.Sprintf("%s：%s（%s）", where, msg, code)
	}
	return fmt.Sprintf("%s（%s）", msg, code)
}

func innermost(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		var ie *convert.InputError
		if errors.As(err, &ie) && ie.Err != nil && errors.Unwrap(ie.Err) != nil {
			return ie.Err.Error()
		}
		err = u
	}
}
