package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The end-to-end benchmarks run the CLI in-process the way bench/compare
// runs the binary: N copies of the seed report (agency names varied) through
// convert to json (-j 1, "parse"), convert to xlsx (-j 2, "convert"), and
// check -j 2 of the workbooks. ns/op is per batch of benchN reports.

const benchN = 50

func benchInputs(b *testing.B) string {
	b.Helper()
	seed, err := os.ReadFile("../../../shared/corpus/seed-sujiatun-2020.txt")
	if err != nil {
		b.Skipf("corpus absent: %v", err)
	}
	dir := filepath.Join(b.TempDir(), "in")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < benchN; i++ {
		s := strings.ReplaceAll(string(seed), "苏家屯区", fmt.Sprintf("测试%d区", i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%05d.txt", i)), []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func benchRun(b *testing.B, args ...string) {
	b.Helper()
	if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK && !(args[0] == "check" && code == exitFindings) {
		b.Fatalf("%v: exit %d", args, code)
	}
}

func BenchmarkBatchParseJSON(b *testing.B) {
	in := benchInputs(b)
	out := filepath.Join(b.TempDir(), "out")
	c0 := cpuTime()
	for b.Loop() {
		benchRun(b, "convert", in, "-o", out, "--to", "json", "-j", "1", "-q")
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkBatchConvertXLSX(b *testing.B) {
	in := benchInputs(b)
	out := filepath.Join(b.TempDir(), "out")
	c0 := cpuTime()
	for b.Loop() {
		benchRun(b, "convert", in, "-o", out, "--to", "xlsx", "-j", "2", "-q")
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkBatchCheck(b *testing.B) {
	in := benchInputs(b)
	out := filepath.Join(b.TempDir(), "out")
	benchRun(b, "convert", in, "-o", out, "--to", "xlsx", "-j", "2", "-q")
	c0 := cpuTime()
	for b.Loop() {
		benchRun(b, "check", out, "-j", "2", "-q")
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}
