package convert

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/xxgk/xxgk/report"
)

// The benchmarks run the pipeline on the seed report of the corpus (the
// same input bench/compare multiplies), stage by stage: decode, read
// (decode + Document + recognize), write xlsx, read xlsx, write json. They
// skip when the corpus is absent or a stage has no reader/writer yet.

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
	if err == nil {
		return r
	}
	// Until the text reader reads the seed, the writers are measured on
	// the seed's expected cells (the tables are what costs).
	data, err2 := os.ReadFile(strings.TrimSuffix(seedPath, ".txt") + ".expected.json")
	if err2 != nil {
		b.Skipf("seed not readable yet: %v", err)
	}
	var exp struct {
		Format, Agency string
		Year           int
		Cells          map[string]float64
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		b.Fatal(err)
	}
	r = report.New()
	r.Format, r.Year, r.Agency = exp.Format, exp.Year, exp.Agency
	for k, v := range exp.Cells {
		r.Cells[k] = v
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
	if _, err := ReadBytes("seed.txt", ".txt", data, Options{}); err != nil {
		b.Skipf("seed not readable yet: %v", err)
	}
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
	if _, err := readText("seed.txt", text); err != nil {
		b.Skipf("no txt reader yet: %v", err)
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
	if _, err := Render(r, ".xlsx", Options{}); err != nil {
		b.Skipf("no xlsx writer yet: %v", err)
	}
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
		b.Skipf("no xlsx writer yet: %v", err)
	}
	if _, err := ReadBytes("seed.xlsx", ".xlsx", data, Options{}); err != nil {
		b.Skipf("no xlsx reader yet: %v", err)
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
