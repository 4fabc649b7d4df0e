package convert

import (
	"bytes"
	"testing"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// FuzzReadWorkbook: no workbook bytes make the reader panic.
func FuzzReadWorkbook(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, sampleReport(schema.F2019, nil), WorkbookOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadWorkbook("f.xlsx", data, Options{})
	})
}

// FuzzWorkbookText: any paragraph text survives Report → xlsx → Report and
// never becomes a formula.
func FuzzWorkbookText(f *testing.F) {
	for _, s := range []string{"=SUM(A1)", "+1", "-2", "@x", "普通段落", " 前后 ", "a\tb", "a\r\nb", "x\ry", "\n开头换行"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := sampleReport(schema.F2021, nil)
		r.Sections[1].Paragraphs = []string{s}
		var buf bytes.Buffer
		if err := WriteWorkbook(&buf, r, WorkbookOptions{}); err != nil {
			t.Fatal(err)
		}
		got, err := ReadWorkbook("f.xlsx", buf.Bytes(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		ps := got.Section("s1").Paragraphs
		if !validXMLText(s) || s == "" {
			return // XML cannot carry control characters; an empty paragraph is no row
		}
		if len(ps) != 1 || ps[0] != s {
			t.Fatalf("paragraph %q came back as %q", s, ps)
		}
		_ = report.Generator
	})
}

func validXMLText(s string) bool {
	for _, r := range s {
		if r == 0xFFFD || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}

// FuzzSheetCells: the direct sheet reader never panics on any XML.
func FuzzSheetCells(f *testing.F) {
	f.Add([]byte(`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x &amp; y</t></is></c><c r="C1"><f>SUM(A1:B1)</f><v>3</v></c><c r="D1" s="2"/></row></sheetData>`))
	f.Add([]byte(`<sheetData><c r="A1" t="s"><v>99</v></c></sheetData>`))
	f.Add([]byte(`<sheetData><c `))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _ = sheetCells(b, []string{"a"})
	})
}
