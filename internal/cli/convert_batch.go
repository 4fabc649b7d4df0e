package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xxgk/xxgk/batch"
	"github.com/xxgk/xxgk/convert"
)

// batchJob is one batch conversion: the inputs, where their outputs go,
// and the tallies the collector keeps.
type batchJob struct {
	e      *env
	opt    convert.Options
	files  []batch.File
	ext    string       // output extension
	csvOut string       // the CSV table, when every report is one row of it
	outs   *batch.Names // output names, when not a table
	// inputs holds the absolute paths of the inputs an output could
	// overwrite: only those inside the output directory (or the table).
	inputs map[string]bool
	sink   *batch.Sink
	table  *batch.TableFile
	bar    *progress

	ok, failed, notes int
	failures          []string
}

// converted is what a batch worker hands back: small, never the Report.
type converted struct {
	out   string
	notes int
	row   []string // the CSV row, in a CSV batch
	// pending says data is the rendered output still to be written: the
	// collector writes it, so that writing one output overlaps with
	// converting the next (batch.DeferWriteMax).
	pending bool
	data    []byte
}

func runConvertBatch(e *env, opts *convertOpts, args []string) int {
	j := planBatch(e, opts, args)
	if j == nil {
		return exitBad
	}
	ctx, stop := interruptContext()
	defer stop()
	if j.csvOut != "" {
		// Rows stream in input order into a temporary table, renamed at the end.
		t, err := batch.CreateTable(j.csvOut)
		if err != nil {
			e.errorf("%s：无法写出：%v（write_failed）", j.csvOut, err)
			return exitBad
		}
		defer t.Close()
		j.table = t
	}
	j.bar = newProgress(e, len(j.files))
	runErr := batch.EachN(ctx, e.jobs, len(j.files), j.convert, j.collect)
	j.bar.done()
	return j.finish(runErr != nil)
}

// batchTarget settles the output format and the CSV table's name from -o
// and --to; false after a usage error.
func batchTarget(e *env, opts *convertOpts) (ext, csvOut string, ok bool) {
	to := opts.to
	if convert.Ext(opts.out) == ".csv" {
		if to != "" && dotExt(to) != ".csv" {
			e.errorf("-o %s 是 CSV 汇总表，与 --to %s 矛盾（usage）", opts.out, to)
			return "", "", false
		}
		csvOut, to = opts.out, "csv"
	}
	if to == "" {
		to = "xlsx"
	}
	ext = dotExt(to)
	if ext != ".csv" && !contains(convert.Writable(), ext) {
		e.errorf("不支持的输出格式 %q；可用：%s（usage）", to, strings.Join(convert.Writable(), " "))
		return "", "", false
	}
	if fi, err := os.Stat(opts.out); err == nil && !fi.IsDir() && convert.Ext(opts.out) != ".csv" {
		e.errorf("-o %s 是一个已有的文件：批量转换的 -o 应为目录，或以 .csv 结尾的汇总表（usage）", opts.out)
		return "", "", false
	}
	if ext == ".csv" && csvOut == "" {
		// --to csv with a directory: one table in it, named after the directory.
		csvOut = filepath.Join(opts.out, "xxgk.csv")
	}
	return ext, csvOut, true
}

// planBatch checks the arguments and lists the inputs; nil after an error
// it has reported.
func planBatch(e *env, opts *convertOpts, args []string) *batchJob {
	if len(args) == 0 {
		e.errorf("批量转换需要至少一个输入文件或目录（usage）")
		return nil
	}
	ext, csvOut, ok := batchTarget(e, opts)
	if !ok {
		return nil
	}
	files, err := batch.Expand(args, convert.Readable())
	if err != nil {
		e.errorf("%v（unreadable）", err)
		return nil
	}
	if csvOut == "" {
		files = batch.WithoutTree(files, opts.out)
	}
	if len(files) == 0 {
		e.errorf("没有找到可读取的文件（no_input）")
		return nil
	}
	j := &batchJob{e: e, opt: e.options(), files: files, ext: ext, csvOut: csvOut, sink: batch.NewSink()}
	j.opt.Fragment = opts.fragment
	if csvOut == "" {
		j.outs = batch.OutputNames(files, opts.out, ext)
	}
	outAbs, _ := batch.Abs(opts.out)
	if csvOut != "" {
		outAbs, _ = batch.Abs(csvOut)
	}
	j.inputs = map[string]bool{}
	for _, f := range files {
		if abs, err := batch.Abs(f.Path); err == nil && (abs == outAbs || strings.HasPrefix(abs, outAbs+string(filepath.Separator))) {
			j.inputs[abs] = true
		}
	}
	if csvOut != "" && j.inputs[outAbs] {
		e.errorf("%s：输出与输入是同一个文件，拒绝覆盖输入（output_is_input）", csvOut)
		return nil
	}
	return j
}

// convert is the worker: it reads file i and renders its output (or its
// table row). The pool works on indices and outputs are named on demand,
// so memory per file stays flat.
func (j *batchJob) convert(ctx context.Context, i int) batch.Result {
	path := j.files[i].Path
	r, err := convert.ReadFile(path, j.opt)
	if err != nil {
		return batch.Result{Err: err}
	}
	c := converted{notes: len(r.Notes)}
	if j.csvOut != "" {
		c.row = batch.CSVRow(path, r)
		return batch.Result{Value: c}
	}
	c.out = j.outs.Name(i)
	if abs, _ := batch.Abs(c.out); j.inputs[abs] {
		return batch.Result{Err: errOutputIsInput}
	}
	if ctx.Err() != nil {
		return batch.Result{Err: ctx.Err()}
	}
	b, err := convert.RenderAppend(j.sink.Buffer(), r, j.ext, j.opt)
	if err != nil {
		return batch.Result{Err: &batch.WriteError{Path: c.out, Err: err}}
	}
	if len(b) <= batch.DeferWriteMax {
		c.pending, c.data = true, b
		return batch.Result{Value: c}
	}
	err = j.sink.Write(c.out, b)
	j.sink.Release(b)
	return batch.Result{Value: c, Err: err}
}

// collect takes the results in input order: it writes pending outputs and
// table rows, and counts.
func (j *batchJob) collect(i int, res batch.Result) {
	if errors.Is(res.Err, context.Canceled) {
		// Stopped before writing: not a failure of the file.
		return
	}
	if res.Err == nil {
		if c := res.Value.(converted); c.pending {
			res.Err = j.sink.Write(c.out, c.data)
			j.sink.Release(c.data)
		}
	}
	if res.Err != nil {
		j.failed++
		j.failures = append(j.failures, batchFailure(j.files[i].Path, res.Err))
	} else {
		c := res.Value.(converted)
		j.ok++
		j.notes += c.notes
		if j.table != nil {
			j.table.WriteRow(c.row)
		}
		if j.e.verbose {
			j.bar.clear()
			if c.out != "" {
				j.e.errorf("%s → %s（%d 条说明）", j.files[i].Path, c.out, c.notes)
			}
		}
	}
	j.bar.step(j.failed)
}

// finish commits the table, prints the failures and the summary, and
// returns the exit status.
func (j *batchJob) finish(interrupted bool) int {
	e := j.e
	if j.table != nil && !interrupted {
		if err := j.table.Commit(); err != nil {
			e.errorf("%s：无法写出：%v（write_failed）", j.csvOut, err)
			return exitBad
		}
	}
	for _, f := range j.failures {
		fmt.Fprintln(e.stderr, f)
	}
	if interrupted {
		e.errorf("已中止（interrupted）：处理了 %d 个（成功 %d 个，失败 %d 个），其余 %d 个未处理；已写出的文件都是完整的",
			j.ok+j.failed, j.ok, j.failed, len(j.files)-j.ok-j.failed)
		return exitBad
	}
	if !e.quiet {
		msg := fmt.Sprintf("转换完成：成功 %d 个，失败 %d 个，说明 %d 条", j.ok, j.failed, j.notes)
		if j.csvOut != "" {
			msg += "；汇总表 " + j.csvOut
		}
		e.errorf("%s", msg)
	}
	if j.failed > 0 {
		return exitBad
	}
	return exitOK
}
