package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/batch"
	"github.com/xxgk/xxgk/convert"

	"github.com/xxgk/xxgk/report"
)

// writeReportJSON writes a small synthetic report as JSON.
func writeReportJSON(t *testing.T, path, agency string, year int, cells map[string]float64) {
	t.Helper()
	r := report.New()
	r.Format, r.Year, r.Agency = "2021", year, agency
	if year < 2021 {
		r.Format = "2019"
	}
	r.Sections = []report.Section{{ID: "s1", Heading: "一、总体情况", Paragraphs: []string{agency + "坚持公开。"}}}
	for k, v := range cells {
		r.Cells[k] = v
	}
	r.Missing["t3.new_received.total"] = "—"
	r.Source = report.Source{Name: filepath.Base(path)}
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, r))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func treeBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return m
}

func TestConvertBatch(t *testing.T) {
	in := t.TempDir()
	writeReportJSON(t, filepath.Join(in, "a", "甲局.json"), "甲局", 2022, map[string]float64{"t3.new_received.natural": 3})
	writeReportJSON(t, filepath.Join(in, "a", "sub", "乙局.json"), "乙局", 2022, map[string]float64{"t3.new_received.natural": 4})
	writeReportJSON(t, filepath.Join(in, "b", "甲局.json"), "甲局分局", 2020, map[string]float64{"t2.license.items_change": -8})
	require.NoError(t, os.WriteFile(filepath.Join(in, "b", "坏.json"), []byte("{not json"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b", "readme.png"), []byte("\x89PNG"), 0o644))

	var trees []map[string]string
	for _, j := range []string{"1", "8"} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCLI("convert", filepath.Join(in, "a"), filepath.Join(in, "b"), "-o", out, "--to", "json", "-j", j)
		assert.Equal(t, exitBad, code, "an unreadable file makes the batch exit 2")
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, "坏.json")
		assert.Contains(t, stderr, "（unreadable）")
		assert.Contains(t, stderr, "成功 3 个，失败 1 个")
		assert.NotContains(t, stderr, "readme.png", "unreadable extensions in a directory are skipped")
		tree := treeBytes(t, out)
		assert.Len(t, tree, 3, "every good file written, nothing else (no temp files)")
		assert.Contains(t, tree, "甲局.json")
		assert.Contains(t, tree, "甲局-2.json", "same base name from another input disambiguated")
		assert.Contains(t, tree, "sub/乙局.json", "relative path kept")
		assert.Contains(t, tree["甲局-2.json"], "甲局分局")
		trees = append(trees, tree)
	}
	assert.Equal(t, trees[0], trees[1], "same bytes at -j 1 and -j 8")

	// Workbooks too: same bytes whatever the number of workers.
	var books []map[string]string
	for _, j := range []string{"1", "8"} {
		out := filepath.Join(t.TempDir(), "out")
		runCLI("convert", filepath.Join(in, "a"), filepath.Join(in, "b"), "-o", out, "--to", "xlsx", "-j", j, "-q")
		tree := treeBytes(t, out)
		assert.Len(t, tree, 3)
		books = append(books, tree)
	}
	assert.Equal(t, books[0], books[1], "same workbook bytes at -j 1 and -j 8")

	// -q: failures still printed, no summary.
	code, _, stderr := runCLI("convert", filepath.Join(in, "b"), "-o", t.TempDir(), "--to", "json", "-q")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "坏.json")
	assert.NotContains(t, stderr, "转换完成")

	code, _, stderr = runCLI("convert", filepath.Join(in, "a"), "-o", t.TempDir(), "--to", "json")
	assert.Equal(t, exitOK, code, stderr)
}

func TestConvertBatchCSV(t *testing.T) {
	in := t.TempDir()
	writeReportJSON(t, filepath.Join(in, "x", "a.json"), "=甲局", 2022, map[string]float64{"t3.new_received.natural": 3})
	writeReportJSON(t, filepath.Join(in, "x", "b.json"), "乙局", 2020, map[string]float64{"t2.procurement.amount": 12.5})
	var got []string
	for _, j := range []string{"1", "4"} {
		out := filepath.Join(t.TempDir(), "all.csv")
		code, _, stderr := runCLI("convert", filepath.Join(in, "x"), "-o", out, "-j", j)
		require.Equal(t, exitOK, code, stderr)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		got = append(got, string(b))
	}
	assert.Equal(t, got[0], got[1], "deterministic")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(got[0], "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	assert.Equal(t, "'=甲局", recs[1][1])
	assert.Equal(t, "乙局", recs[2][1])
	assert.True(t, strings.HasSuffix(recs[1][0], "a.json"))

	code, _, stderr := runCLI("convert", filepath.Join(in, "x"), "-o", filepath.Join(t.TempDir(), "t.csv"), "--to", "xlsx")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "usage")
}

func TestConvertStdio(t *testing.T) {
	in := filepath.Join(t.TempDir(), "r.json")
	writeReportJSON(t, in, "丙局", 2023, map[string]float64{"t3.granted.total": 5})
	b, _ := os.ReadFile(in)
	var out, errb bytes.Buffer
	code := run([]string{"convert", "-", "-", "--from", "json", "--to", "csv"}, bytes.NewReader(b), &out, &errb)
	require.Equal(t, exitOK, code, errb.String())
	assert.Contains(t, out.String(), "丙局")
	code, _, stderr := runCLI("convert", "-", "x.json")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "--from")
}

func TestConvertBatchInterrupted(t *testing.T) {
	in := t.TempDir()
	for i := 0; i < 60; i++ {
		writeReportJSON(t, filepath.Join(in, fmt.Sprintf("r%02d.json", i)), fmt.Sprintf("局%d", i), 2022, nil)
	}
	out := t.TempDir()
	// "Ctrl-C" once the batch has asked ten times whether to stop: a few
	// files in, whatever the machine's speed (a goroutine watching the
	// output directory lost the race on a loaded machine, and all 60 were
	// written before it looked).
	ctx := &stopAfter{Context: context.Background(), left: 10, done: make(chan struct{})}
	old := interruptContext
	interruptContext = func() (context.Context, context.CancelFunc) { return ctx, func() {} }
	defer func() { interruptContext = old }()
	code, _, stderr := runCLI("convert", in, "-o", out, "--to", "json", "-j", "2")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "interrupted")
	es, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Less(t, len(es), 60, "stopped early")
	assert.NotEmpty(t, es, "the files converted before the stop are written")
	for _, e := range es {
		assert.False(t, strings.HasPrefix(e.Name(), "."), "no temp file left: %s", e.Name())
		b, err := os.ReadFile(filepath.Join(out, e.Name()))
		require.NoError(t, err)
		_, err = report.ReadJSON(bytes.NewReader(b))
		assert.NoError(t, err, "complete output %s", e.Name())
	}
}

// stopAfter is a context cancelled at the left-th call of Err.
type stopAfter struct {
	context.Context
	mu   sync.Mutex
	left int
	done chan struct{}
}

func (c *stopAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.left > 0 {
		if c.left--; c.left == 0 {
			close(c.done)
		}
	}
	if c.left == 0 {
		return context.Canceled
	}
	return nil
}

func (c *stopAfter) Done() <-chan struct{} { return c.done }

func TestConvertBatchOutputInsideInput(t *testing.T) {
	in := t.TempDir()
	writeReportJSON(t, filepath.Join(in, "a.json"), "甲局", 2022, nil)
	out := filepath.Join(in, "out")
	for i := 0; i < 2; i++ {
		code, _, stderr := runCLI("convert", in, "-o", out, "--to", "json")
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stderr, "成功 1 个", "run %d: the outputs of the first run are not inputs of the second", i+1)
	}
	assert.NoDirExists(t, filepath.Join(out, "out"))
}

func TestConvertBatchCSVInterrupted(t *testing.T) {
	in := t.TempDir()
	for i := 0; i < 5; i++ {
		writeReportJSON(t, filepath.Join(in, fmt.Sprintf("r%d.json", i)), "局", 2022, nil)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before anything starts
	old := interruptContext
	interruptContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	defer func() { interruptContext = old }()
	dir := t.TempDir()
	code, _, stderr := runCLI("convert", in, "-o", filepath.Join(dir, "all.csv"))
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "interrupted")
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, es, "neither a table nor a temporary file")
}

func TestConvertBatchOutputIsAFile(t *testing.T) {
	in := filepath.Join(t.TempDir(), "a.json")
	writeReportJSON(t, in, "甲局", 2022, nil)
	notDir := filepath.Join(t.TempDir(), "out.xlsx")
	require.NoError(t, os.WriteFile(notDir, []byte("x"), 0o644))
	code, _, stderr := runCLI("convert", in, "-o", notDir, "--to", "json")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "（usage）")
	b, _ := os.ReadFile(notDir)
	assert.Equal(t, "x", string(b), "untouched")
}

func TestConvertBatchToCSVDir(t *testing.T) {
	in := t.TempDir()
	writeReportJSON(t, filepath.Join(in, "a.json"), "甲局", 2022, map[string]float64{"t3.granted.natural": 2})
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI("convert", in, "-o", out, "--to", "csv")
	require.Equal(t, exitOK, code, stderr)
	b, err := os.ReadFile(filepath.Join(out, "xxgk.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(b), "甲局")
	assert.Equal(t, 2, strings.Count(string(b), "\r\n"), "header and one row")
}

// TestConvertBatchWriteFailure: an output that cannot be written (its name
// is taken by a directory) is a failure naming the input and the output,
// written by the collector or by the worker alike; the other outputs are
// written and the batch exits 2.
func TestConvertBatchWriteFailure(t *testing.T) {
	in := t.TempDir()
	writeReportJSON(t, filepath.Join(in, "甲局.json"), "甲局", 2022, map[string]float64{"t3.new_received.natural": 3})
	writeReportJSON(t, filepath.Join(in, "乙局.json"), "乙局", 2022, map[string]float64{"t3.new_received.natural": 4})
	// 丙局's output is larger than batch.DeferWriteMax: its worker writes it.
	big := report.New()
	big.Format, big.Year, big.Agency = "2021", 2022, "丙局"
	big.Sections = []report.Section{{ID: "s1", Heading: "一、总体情况", Paragraphs: []string{strings.Repeat("丙局坚持公开。", batch.DeferWriteMax/18+1)}}}
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, big))
	require.NoError(t, os.WriteFile(filepath.Join(in, "丙局.json"), buf.Bytes(), 0o644))
	for _, j := range []string{"1", "2"} {
		out := filepath.Join(t.TempDir(), "out")
		require.NoError(t, os.MkdirAll(filepath.Join(out, "乙局.json", "occupied"), 0o755))
		require.NoError(t, os.MkdirAll(filepath.Join(out, "丙局.json", "occupied"), 0o755))
		code, _, stderr := runCLI("convert", in, "-o", out, "--to", "json", "-j", j)
		assert.Equal(t, exitBad, code, stderr)
		assert.Contains(t, stderr, "乙局.json：无法写出")
		assert.Contains(t, stderr, "丙局.json：无法写出")
		assert.Contains(t, stderr, "（write_failed）")
		assert.Contains(t, stderr, "成功 1 个，失败 2 个")
		b, err := os.ReadFile(filepath.Join(out, "甲局.json"))
		require.NoError(t, err)
		assert.Contains(t, string(b), "甲局")
		noTemp(t, out)
	}
}

// TestConvertOutputFileFlag: "-o report.json" names a file. With one input
// file it is that file's output (it used to become a directory named
// report.json); with several inputs, a directory input or a contradicting
// --to it is refused, and nothing is written.
func TestConvertOutputFileFlag(t *testing.T) {
	in := t.TempDir()
	src := filepath.Join(in, "甲局.json")
	writeReportJSON(t, src, "甲局", 2022, map[string]float64{"t3.new_received.natural": 3})
	other := filepath.Join(in, "乙局.json")
	writeReportJSON(t, other, "乙局", 2022, map[string]float64{"t3.new_received.natural": 4})

	out := filepath.Join(t.TempDir(), "甲局.xlsx")
	code, _, stderr := runCLI("convert", src, "-o", out)
	require.Equal(t, exitOK, code, stderr)
	r, err := convert.ReadFile(out, convert.Options{})
	require.NoError(t, err, "a workbook file, not a directory")
	assert.Equal(t, "甲局", r.Agency)
	assert.Equal(t, 3.0, r.Cells["t3.new_received.natural"])

	for _, tc := range []struct {
		name string
		args []string
	}{
		{"two inputs", []string{src, other, "-o", filepath.Join(t.TempDir(), "x.json")}},
		{"a directory", []string{in, "-o", filepath.Join(t.TempDir(), "x.json")}},
		{"--to contradicts", []string{src, "-o", filepath.Join(t.TempDir(), "x.json"), "--to", "xlsx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.args[len(tc.args)-1]
			if tc.name == "--to contradicts" {
				target = tc.args[len(tc.args)-3]
			}
			code, _, stderr := runCLI(append([]string{"convert"}, tc.args...)...)
			assert.Equal(t, exitBad, code)
			assert.Contains(t, stderr, "是文件名")
			assert.Contains(t, stderr, "（usage）")
			assert.NoFileExists(t, target)
			assert.NoDirExists(t, target)
		})
	}

	// Standard input too (with --from).
	stdinOut := filepath.Join(t.TempDir(), "stdin.json")
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample-2021.txt"))
	require.NoError(t, err)
	var errb bytes.Buffer
	code = run([]string{"convert", "-", "-o", stdinOut, "--from", "txt"}, strings.NewReader(string(data)), io.Discard, &errb)
	stderr = errb.String()
	require.Equal(t, exitOK, code, stderr)
	assert.FileExists(t, stdinOut)

	// An existing directory with such a name stays a batch's -o.
	dir := filepath.Join(t.TempDir(), "out.json")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	code, _, stderr = runCLI("convert", src, "-o", dir, "-q")
	require.Equal(t, exitOK, code, stderr)
	assert.FileExists(t, filepath.Join(dir, "甲局.xlsx"))
}
