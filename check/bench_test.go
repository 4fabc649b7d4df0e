package check

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xxgk/xxgk/convert"
)

// BenchmarkFile measures the per-workbook cost of check's own work against
// the reader's, on a canonical 2019 workbook written by xxgk.
func BenchmarkFile(b *testing.B) {
	data, err := convert.Render(balanced("2019"), ".xlsx", convert.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := convert.ReadBytes("s.xlsx", ".xlsx", data, convert.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			convert.ReadBytes("s.xlsx", ".xlsx", data, convert.Options{})
		}
	})
	b.Run("workbook", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Workbook(data, "s.xlsx", r)
		}
	})
	b.Run("report", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Report(r)
		}
	})
}

// BenchmarkCheckFile measures File (reading and every check) on workbooks
// written by xxgk, as `xxgk check` runs it: one op checks one workbook.
func BenchmarkCheckFile(b *testing.B) {
	var paths []string
	for i, format := range []string{"2019", "2021"} {
		data, err := convert.Render(balanced(format), ".xlsx", convert.Options{})
		if err != nil {
			b.Skip(err)
		}
		p := filepath.Join(b.TempDir(), strconv.Itoa(i)+".xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if t := File(paths[i%len(paths)], Options{}); t.Err != nil {
			b.Fatal(t.Err)
		}
	}
}
