package check

import (
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
