package convert

import (
	"bytes"
	"io"
	"testing"

	"github.com/xxgk/xxgk/schema"
)

func BenchmarkWriteWorkbook(b *testing.B) {
	r := sampleReport(schema.F2021, nil)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteWorkbook(io.Discard, r, WorkbookOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadWorkbook(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, sampleReport(schema.F2021, nil), WorkbookOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ReadWorkbook("b.xlsx", buf.Bytes(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
