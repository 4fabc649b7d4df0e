package batch

import (
	"context"
	"testing"
)

// BenchmarkEach measures the pool's own cost per item (hand-off, reorder
// window, in-order emit) with a function that does nothing: it must stay
// negligible next to a conversion (milliseconds).
func BenchmarkEach(b *testing.B) {
	in := items(1000)
	fn := func(context.Context, string) Result { return Result{} }
	for b.Loop() {
		Each(context.Background(), 2, in, fn, func(int, Result) {})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(in)), "ns/item")
}

// BenchmarkCSVRow measures one row of the flat table (≈ 400 columns).
func BenchmarkCSVRow(b *testing.B) {
	r := benchReport()
	for b.Loop() {
		CSVRow("r.txt", r)
	}
}
