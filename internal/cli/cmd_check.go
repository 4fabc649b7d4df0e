package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/batch"
	"github.com/xxgk/xxgk/check"
	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

type checkOpts struct {
	json     bool
	prev     string
	annotate string
	out      string
	baseline string
	severity string
}

func init() {
	register(&command{
		name:  "check",
		usage: "xxgk check FILE|DIR... [--json] [--prev FILE|DIR] [--annotate DIR] [--out FINDINGS.xlsx|.csv] [--baseline FILE] [--severity error|warning|notice]",
		short: "逐单元格核查报告与工作簿（勾稽关系、缺数、正文数字、跨年度、工作簿完整性）",
		help: `核查 formats.md 的全部规则，每条结果给出规则编号、严重程度、单元格编号、位置、应为与实为、中文说明：
{{rules}}
缺数从不当作 0：含缺数的规则不计算，只报告一次 missing。工作簿的公式由 xxgk 自行重算，从不信任缓存值。
目录按扩展名递归读取。--prev 为目录时按单位（去掉括号部分、党工委/管委会等写法、空白）和年份（上一年）配对，
从不跨单位配对；没有配对的文件会列出。
--baseline 读取以前 --json 的输出，隐藏已接受的结果（不计入退出状态）并说明隐藏了多少条；
--severity 只影响显示，不影响退出状态。--annotate 把工作簿的副本写到目录中，问题单元格标红并加批注，从不修改输入。

退出状态：0 没有错误；1 有错误（severity error）；2 有输入无法读取（其余文件照常核查）。

示例：
  xxgk check report.xlsx
  xxgk check reports/ --json > findings.json
  xxgk check 2022/ --prev 2021/ --out 底稿.xlsx
  xxgk check reports/ --baseline accepted.json --severity error
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &checkOpts{}
			fs.BoolVar(&o.json, "json", false, "以 JSON 输出全部结果（valid、stats、tasks）")
			fs.StringVar(&o.prev, "prev", "", "上一年度的报告文件或目录，用于跨年度核对")
			fs.StringVar(&o.annotate, "annotate", "", "把标注了问题单元格的工作簿副本写入此目录")
			fs.StringVar(&o.out, "out", "", "把全部结果写成一份工作底稿（.xlsx 或 .csv）")
			fs.StringVar(&o.baseline, "baseline", "", "以前 --json 的输出：其中已有的结果视为已接受，不再显示")
			fs.StringVar(&o.severity, "severity", "notice", "显示的最低严重程度：error、warning 或 notice")
			return o
		},
		run: runCheck,
	})
}

var severityNames = map[schema.Severity]string{schema.Error: "错误", schema.Warning: "警告", schema.Notice: "提示"}

func runCheck(e *env, o any, args []string) int {
	opts := o.(*checkOpts)
	minSev, inputs, ok := checkArgs(e, opts, args)
	if !ok {
		return exitBad
	}
	var accepted check.Baseline
	if opts.baseline != "" {
		var err error
		accepted, err = readBaseline(opts.baseline)
		if err != nil {
			e.errorf("%s：无法读取基线文件：%v（bad_baseline）", opts.baseline, err)
			return exitBad
		}
	}
	copt := check.Options{Convert: e.options()}
	pr, ok := checkPrev(e, opts.prev, &copt)
	if !ok {
		return exitBad
	}
	tasks := runTasks(e, batch.Paths(inputs), copt)
	status, hidden := settleTasks(tasks, accepted)
	if opts.json {
		sum := check.NewSummary(tasks)
		sum.Stats.Accepted = hidden
		if err := sum.WriteJSON(e.stdout, minSev); err != nil {
			e.errorf("%v", err)
			return exitBad
		}
		for _, t := range tasks {
			if t.Err != nil {
				e.errorf("%s", describe(t.Err))
			}
		}
	} else {
		printCheckText(e, tasks, minSev)
	}
	if !e.quiet {
		pr.explainYear(e, tasks)
		if hidden > 0 {
			fmt.Fprintf(e.stderr, "基线 %s 中已接受的 %d 条结果未显示（baseline）\n", opts.baseline, hidden)
		}
		pr.explainPairs(e, tasks)
	}
	if opts.out != "" {
		if err := writeWorkingPaper(opts.out, tasks); err != nil {
			e.errorf("%s：无法写出工作底稿：%v", opts.out, err)
			return exitBad
		}
	}
	if opts.annotate != "" {
		if err := annotate(e, opts.annotate, inputs, tasks); err != nil {
			e.errorf("--annotate %s：%v", opts.annotate, err)
			return exitBad
		}
	}
	return status
}

// checkArgs validates check's arguments and lists its inputs; false after
// an error it has reported.
func checkArgs(e *env, opts *checkOpts, args []string) (schema.Severity, []batch.File, bool) {
	if len(args) == 0 {
		e.errorf("check 需要至少一个文件或目录：xxgk check FILE|DIR...（usage）")
		return "", nil, false
	}
	minSev := schema.Severity(opts.severity)
	if check.SeverityRank(minSev) == 0 {
		e.errorf("--severity 只能是 error、warning 或 notice，收到 %q（usage）", opts.severity)
		return "", nil, false
	}
	if opts.out != "" {
		if x := convert.Ext(opts.out); x != ".xlsx" && x != ".csv" {
			e.errorf("--out 只能是 .xlsx 或 .csv：%s（usage）", opts.out)
			return "", nil, false
		}
	}
	inputs, err := expandInputs(args)
	if err != nil {
		e.errorf("%s", describe(err))
		return "", nil, false
	}
	for _, f := range inputs {
		if opts.out != "" && samePath(f.Path, opts.out) {
			e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", opts.out)
			return "", nil, false
		}
	}
	return minSev, inputs, true
}

// prevReports is what --prev gave: one report for every file, or a
// directory paired by agency and year.
type prevReports struct {
	single  *report.Report
	pairing *check.Pairing
}

// checkPrev reads --prev (if given) and sets copt.PrevFor; false after an
// error it has reported.
func checkPrev(e *env, prev string, copt *check.Options) (prevReports, bool) {
	if prev == "" {
		return prevReports{}, true
	}
	pairing, single, err := readPrev(prev, copt.Convert, e.jobs)
	if err != nil {
		e.errorf("--prev %s", describe(err))
		return prevReports{}, false
	}
	if single != nil {
		copt.PrevFor = func(*report.Report) (*report.Report, string) { return single, prev }
	} else {
		copt.PrevFor = pairing.For
	}
	return prevReports{single: single, pairing: pairing}, true
}

// explainYear says on stderr when a single --prev report is not of the
// year before.
func (p prevReports) explainYear(e *env, tasks []*check.Task) {
	if p.single == nil {
		return
	}
	for _, t := range tasks {
		if t.Err == nil && t.Year != 0 && p.single.Year != 0 && p.single.Year != t.Year-1 {
			fmt.Fprintf(e.stderr, "%s：--prev 的报告是 %d 年的，不是上一年度（%d 年），仍按其对照（prev_year）\n",
				t.File, p.single.Year, t.Year-1)
		}
	}
}

// explainPairs says on stderr which files of a --prev directory found no
// partner, and which reports no last year's report.
func (p prevReports) explainPairs(e *env, tasks []*check.Task) {
	if p.pairing == nil {
		return
	}
	if un := p.pairing.Unused(); len(un) > 0 {
		fmt.Fprintf(e.stderr, "--prev 中 %d 个文件没有配对的本年度报告（no_partner）：%s\n", len(un), strings.Join(un, "、"))
	}
	for _, t := range tasks {
		switch {
		case t.Err == nil && t.Prev == "":
			fmt.Fprintf(e.stderr, "%s：--prev 中没有同一单位上一年度的报告，未做跨年度核对（no_partner）\n", t.File)
		case t.Prev != "" && e.verbose:
			fmt.Fprintf(e.stderr, "%s：与上一年度的 %s 对照\n", t.File, t.Prev)
		}
	}
}

// settleTasks words the read errors, hides the accepted findings and
// returns the exit status and how many findings were hidden.
func settleTasks(tasks []*check.Task, accepted check.Baseline) (status, hidden int) {
	for _, t := range tasks {
		if t.Err != nil {
			t.Error = describe(t.Err)
		}
		if accepted != nil {
			hidden += accepted.Filter(t)
		}
		switch {
		case t.Err != nil:
			status = exitBad
		case !t.Valid && status == exitOK:
			status = exitFindings
		}
	}
	return status, hidden
}

// expandInputs lists the files to check: batch.Expand over the extensions
// xxgk reads, without office lock files found in directories.
func expandInputs(args []string) ([]batch.File, error) {
	all, err := batch.Expand(args, convert.Readable())
	if err != nil {
		return nil, err
	}
	return batch.WithoutLockFiles(all, args), nil
}

// runTasks checks every file on the batch worker pool (-j N); each file is
// read once and checked on its own (check.File); results keep the input
// order. A task keeps its findings, not the Report it was read into, so
// memory does not grow with the number of files.
func runTasks(e *env, files []string, opt check.Options) []*check.Task {
	tasks := make([]*check.Task, 0, len(files))
	batch.Each(context.Background(), e.jobs, files, func(_ context.Context, path string) batch.Result {
		t := check.File(path, opt)
		t.Report = nil
		return batch.Result{Value: t}
	}, func(_ int, r batch.Result) {
		tasks = append(tasks, r.Value.(*check.Task))
	})
	return tasks
}

// readPrev reads --prev: one file (single) or a directory (pairing).
func readPrev(path string, opt convert.Options, jobs int) (*check.Pairing, *report.Report, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, &convert.InputError{File: path, Err: err}
	}
	if !fi.IsDir() {
		r, err := convert.ReadFile(path, opt)
		return nil, r, err
	}
	inputs, err := expandInputs([]string{path})
	if err != nil {
		return nil, nil, err
	}
	files := batch.Paths(inputs)
	reports := make([]*report.Report, len(files))
	batch.Each(context.Background(), jobs, files, func(_ context.Context, f string) batch.Result {
		r, err := convert.ReadFile(f, opt)
		return batch.Result{Value: check.PrevOnly(r), Err: err}
	}, func(i int, res batch.Result) {
		if res.Err == nil {
			reports[i] = res.Value.(*report.Report)
		}
	})
	return check.NewPairing(files, reports), nil, nil
}

func printCheckText(e *env, tasks []*check.Task, minSev schema.Severity) {
	rep := check.NewSummary(tasks)
	for _, t := range tasks {
		if t.Err != nil {
			fmt.Fprintf(e.stdout, "%s\n  无法读取：%s\n\n", t.File, t.Error)
			continue
		}
		shown := check.AtLeast(t.Errors, minSev)
		if len(shown) == 0 && e.quiet {
			continue
		}
		c := check.Count(t.Errors)
		prev := ""
		if t.Prev != "" {
			prev = "，对照 " + t.Prev
		}
		fmt.Fprintf(e.stdout, "%s（%s 格式，%d 年，%s%s）：%d 个错误，%d 个警告，%d 个提示\n",
			t.File, t.Format, t.Year, orDash(t.Agency), prev, c.Errors, c.Warnings, c.Notices)
		for _, f := range shown {
			fmt.Fprintf(e.stdout, "  %s %s  %s  %s\n", severityNames[f.Severity], f.Rule, f.Pos, f.Message)
		}
		fmt.Fprintln(e.stdout)
	}
	if !e.quiet {
		s := rep.Stats
		verdict := "通过（无错误）"
		if !rep.Valid {
			verdict = "未通过"
		}
		fmt.Fprintf(e.stdout, "汇总：%d 个文件，%d 个错误，%d 个警告，%d 个提示", s.Files, s.Errors, s.Warnings, s.Notices)
		if s.Unreadable > 0 {
			fmt.Fprintf(e.stdout, "，%d 个文件无法读取", s.Unreadable)
		}
		fmt.Fprintf(e.stdout, "；%s\n", verdict)
	}
}

func orDash(s string) string {
	if s == "" {
		return "单位未知"
	}
	return s
}

// readBaseline reads the accepted findings of --baseline.
func readBaseline(path string) (check.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return check.ReadBaseline(f)
}

// writeWorkingPaper writes one row per finding of the batch, .csv or .xlsx.
func writeWorkingPaper(path string, tasks []*check.Task) error {
	var data []byte
	var err error
	if convert.Ext(path) == ".csv" {
		data, err = check.PaperCSV(tasks)
	} else {
		data, err = paperXLSX(tasks)
	}
	if err != nil {
		return err
	}
	return convert.AtomicWrite(path, data)
}

// annotate writes a copy of every checked workbook with findings into dir:
// the offending cells filled red with a comment. Inputs are never modified.
func annotate(e *env, dir string, inputs []batch.File, tasks []*check.Task) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Copies keep the inputs' tree; equal names never overwrite each other.
	outs := batch.Outputs(inputs, dir, ".xlsx")
	for i, t := range tasks {
		if t.Err != nil || len(t.Errors) == 0 {
			continue
		}
		if convert.Ext(t.File) != ".xlsx" {
			if e.verbose {
				e.errorf("%s：不是工作簿，--annotate 只标注 .xlsx", t.File)
			}
			continue
		}
		out := outs[i]
		if samePath(out, t.File) {
			return fmt.Errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", out)
		}
		b, err := check.AnnotateWith(t.File, t.Errors, e.options())
		if err != nil {
			e.errorf("%s：无法标注：%v", t.File, err)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := convert.AtomicWrite(out, b); err != nil {
			return err
		}
	}
	return nil
}
