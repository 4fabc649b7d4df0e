package convert

import (
	"os"
	"testing"

	"github.com/xxgk/xxgk/report"
)

// The benchmarks run the pipeline on the seed report of the corpus (the
// same input bench/compare multiplies), stage by stage: decode, read
// (decode + Document + recognize), write xlsx, read xlsx, write json. They
// skip when the corpus is absent.

const seedPath = "../../shared/corpus/seed-sujiatun-2020.txt"

func seed(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("corpus absent: %v", err)
	}
	return data
}

func seedReport(b *testing.B) *report.Report {
	b.Helper()
	r, err := ReadBytes("seed.txt", ".txt", seed(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func BenchmarkDecode(b *testing.B) {
	data := seed(b)
	b.SetBytes(int64(len(data)))
	c0 := cpuTime()
	for b.Loop() {
		if _, _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkReadText(b *testing.B) {
	data := seed(b)
	b.SetBytes(int64(len(data)))
	c0 := cpuTime()
	for b.Loop() {
		if _, err := ReadBytes("seed.txt", ".txt", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkTextDocument is the txt reader's Document alone (layout chosen,
// lines split into paragraphs and cells): ReadText minus this is the
// recognizer.
func BenchmarkTextDocument(b *testing.B) {
	data := seed(b)
	text, _, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	c0 := cpuTime()
	for b.Loop() {
		if _, err := readText("seed.txt", text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkWriteXLSX(b *testing.B) {
	r := seedReport(b)
	c0 := cpuTime()
	for b.Loop() {
		if _, err := Render(r, ".xlsx", Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkReadXLSX(b *testing.B) {
	r := seedReport(b)
	data, err := Render(r, ".xlsx", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	c0 := cpuTime()
	for b.Loop() {
		if _, err := ReadBytes("seed.xlsx", ".xlsx", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkWriteJSON(b *testing.B) {
	r := seedReport(b)
	c0 := cpuTime()
	for b.Loop() {
		if _, err := Render(r, ".json", Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkTxtToXLSXParallel is a batch's work per report (read the text,
// write the workbook) on every P at once: run with -cpu 1,2, the ratio of
// the two ns/op is how well the workers scale in-process, with no files
// and no collector.
func BenchmarkTxtToXLSXParallel(b *testing.B) {
	data := seed(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := ReadBytes("seed.txt", ".txt", data, Options{})
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := Render(r, ".xlsx", Options{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
