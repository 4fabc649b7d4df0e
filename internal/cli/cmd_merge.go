package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/xxgk/xxgk/batch"
	"github.com/xxgk/xxgk/compare"
	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

type mergeOpts struct {
	out    string
	parent string
	agency string
}

func init() {
	register(&command{
		name:  "merge",
		usage: "xxgk merge IN... -o OUT.xlsx [--parent FILE] [--agency NAME]",
		short: "汇总多个单位的报告（同一格式、同一年度），可与上级报告核对",
		help: `把多个单位的报告逐格相加，写成一份标准工作簿，另附每张表一个“各单位”工作表（每个单位一行，末行为汇总）。
只有格式和年度都相同的报告才能汇总；混在一起时拒绝并列出不同的文件（退出状态 2）。
任何一个单位缺数（空白、“—”、“/”等）的单元格，汇总后仍为缺数，并在说明中列出这些单位：从不当作 0。
单位所报总计与分项不符时，汇总的总计同样不符，说明中列出这些单位。
--parent 给出上级（或本级汇总）已发布的报告：逐格与各单位之和比较，不符之处按规则 merge.parent 报告（错误，退出状态 1）。
-o 也可以是 .json、.txt 等任何可写出的格式（只有 .xlsx 附“各单位”工作表）。

示例：
  xxgk merge 各区/ -o 全市汇总.xlsx --agency 某市
  xxgk merge 甲局.xlsx 乙局.xlsx -o 汇总.xlsx --parent 本级报告.txt
`,
		flags: func(fs *pflag.FlagSet) any {
			o := &mergeOpts{}
			fs.StringVarP(&o.out, "output", "o", "", "输出文件（.xlsx 标准工作簿，或其他可写出的格式）")
			fs.StringVar(&o.parent, "parent", "", "与汇总结果核对的上级报告")
			fs.StringVar(&o.agency, "agency", "", "汇总报告的机关名称（默认“汇总”）")
			return o
		},
		run: runMerge,
	})
}

// readAll reads files over the pool, in order; it returns the reports and
// the failures (Chinese, one per line).
func readAll(e *env, paths []string) ([]*report.Report, []string) {
	opt := e.options()
	res := batch.Run(context.Background(), e.jobs, paths, func(_ context.Context, p string) batch.Result {
		r, err := convert.ReadFile(p, opt)
		return batch.Result{Value: r, Err: err}
	})
	var out []*report.Report
	var fails []string
	for _, r := range res {
		if r.Err != nil {
			fails = append(fails, batchFailure(r.Item, r.Err))
			continue
		}
		out = append(out, r.Value.(*report.Report))
	}
	return out, fails
}

func runMerge(e *env, o any, args []string) int {
	opts := o.(*mergeOpts)
	if opts.out == "" || len(args) == 0 {
		e.errorf("merge 需要输入和 -o 输出：xxgk merge IN... -o OUT.xlsx（usage）")
		return exitBad
	}
	ext := convert.Ext(opts.out)
	if !contains(convert.Writable(), ext) {
		e.errorf("%s：不支持的输出格式；可用：%v（usage）", opts.out, convert.Writable())
		return exitBad
	}
	files, err := batch.Expand(args, convert.Readable())
	if err != nil {
		e.errorf("%v（unreadable）", err)
		return exitBad
	}
	for _, f := range files {
		if samePath(f.Path, opts.out) || (opts.parent != "" && samePath(opts.parent, opts.out)) {
			e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", opts.out)
			return exitBad
		}
	}
	paths := batch.Paths(files)
	reports, fails := readAll(e, paths)
	if len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintln(e.stderr, f)
		}
		e.errorf("有 %d 个文件无法读取，未汇总（unreadable）", len(fails))
		return exitBad
	}
	units := compare.Units(paths, reports)
	merged, err := compare.Merge(units, opts.agency)
	if err != nil {
		var me *compare.MixedError
		if errors.As(err, &me) {
			e.errorf("只能汇总格式和年度都相同的报告（mixed_reports）：%s 为 %s 格式 %d 年度，以下文件不同：",
				me.First.File, me.First.Report.Format, me.First.Report.Year)
			for _, u := range me.Others {
				fmt.Fprintf(e.stderr, "  %s：%s 格式 %d 年度\n", u.File, u.Report.Format, u.Report.Year)
			}
			return exitBad
		}
		e.errorf("%v（merge_failed）", err)
		return exitBad
	}
	merged.Source = report.Source{Name: filepath.Base(opts.out)}
	opt := e.options()
	data, err := convert.Render(merged, ext, opt)
	if err == nil && ext == ".xlsx" {
		data, err = convert.AppendSheets(data, sheets(compare.UnitSheets(units, merged)))
	}
	if err == nil {
		err = convert.AtomicWrite(opts.out, data)
	}
	if err != nil {
		e.errorf("%s：无法写出：%v（write_failed）", opts.out, err)
		return exitBad
	}
	status := exitOK
	if opts.parent != "" {
		status = checkParent(e, opts.parent, merged)
		if status == exitBad {
			return exitBad
		}
	}
	if !e.quiet {
		e.errorf("已汇总 %d 个单位（%s 格式 %d 年度）→ %s：%d 个数值，%d 个缺数，%d 条说明",
			len(units), merged.Format, merged.Year, opts.out, len(merged.Cells), len(merged.Missing), len(merged.Notes))
	}
	return status
}

// checkParent compares the published parent report with the merged units:
// exitFindings when they disagree, exitBad when it cannot.
func checkParent(e *env, parent string, merged *report.Report) int {
	ps, fails := readAll(e, []string{parent})
	if len(fails) > 0 {
		fmt.Fprintln(e.stderr, fails[0])
		return exitBad
	}
	findings, err := compare.Parent(ps[0], merged)
	if err != nil {
		e.errorf("%s：上级报告为 %s 格式 %d 年度，与各单位（%s 格式 %d 年度）不同，无法核对（mixed_reports）",
			parent, ps[0].Format, ps[0].Year, merged.Format, merged.Year)
		return exitBad
	}
	for _, f := range findings {
		fmt.Fprintf(e.stdout, "%s：%s（%s，%s）\n", f.Pos, f.Message, f.Rule, severityNames[f.Severity])
	}
	if !e.quiet {
		e.errorf("与上级报告核对：%d 处不符", len(findings))
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitOK
}

func sheets(in []compare.SheetData) []convert.Sheet {
	out := make([]convert.Sheet, len(in))
	for i, s := range in {
		w := make([]float64, 0, 2)
		w = append(w, 16, 16)
		out[i] = convert.Sheet{Name: s.Name, Header: s.Header, Rows: s.Rows, Widths: w}
	}
	return out
}
