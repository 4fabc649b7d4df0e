package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Fuzz targets for every reader, the recognizer and the round trip. Each
// reader target asserts what holds for any input: no panic; an error is an
// InputError naming the file; a Report read has finite values, no cell both
// read and missing, a known format; and, while fuzzing, a small input is
// read in bounded time (a super-linear blow-up fails the target).

// fuzzBudget: under the fuzzing engine, reading an input of at most a few
// kilobytes must not take longer than this (a super-linear blow-up).
const fuzzBudget = 10 * time.Second

// overBudget reports a read slower than fuzzBudget, only while fuzzing
// (-test.fuzz): run as unit tests the seeds have no wall-clock limit, since
// a loaded machine is not a slow reader.
func overBudget(d time.Duration) bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != "" && d > fuzzBudget
}

// fuzzSamples are the synthetic sample reports of the repository.
func fuzzSamples(f *testing.F) []string {
	var out []string
	for _, n := range []string{"sample-2019.txt", "sample-2021.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", n))
		if err == nil {
			out = append(out, string(b))
		}
	}
	return out
}

// fuzzReports are reports of both formats rendered by the writers as seeds.
func fuzzReports() []*report.Report {
	var out []*report.Report
	for i, format := range []string{schema.F2019, schema.F2021, schema.F2021} {
		var layout []string
		if i == 2 {
			layout = []string{schema.LayoutOtherSingleRow}
		}
		out = append(out, randomReport(rand.New(rand.NewSource(int64(i+1))), format, layout, true))
	}
	return out
}

func addRendered(f *testing.F, ext string) {
	for _, r := range fuzzReports() {
		b, err := Render(r, ext, Options{})
		require.NoError(f, err)
		f.Add(b)
	}
}

// checkRead runs a reader on data and asserts the invariants.
func checkRead(t *testing.T, ext string, data []byte) {
	t.Helper()
	start := time.Now()
	r, err := ReadBytes("fuzz"+ext, ext, data, Options{})
	if d := time.Since(start); overBudget(d) && len(data) < 64<<10 {
		t.Fatalf("%s: %d bytes took %v", ext, len(data), d)
	}
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) || ie.File == "" {
			t.Fatalf("%s: error without the file: %v", ext, err)
		}
		return
	}
	checkReport(t, r)
}

// checkReport asserts what every Report a reader returns satisfies.
func checkReport(t *testing.T, r *report.Report) {
	t.Helper()
	if r.Format != schema.F2019 && r.Format != schema.F2021 {
		t.Fatalf("format %q", r.Format)
	}
	ids := schema.Get(r.Format).IDs
	known := map[string]bool{}
	for _, id := range ids(nil) {
		known[id] = true
	}
	for _, id := range ids([]string{schema.LayoutOtherSingleRow}) {
		known[id] = true
	}
	for id, v := range r.Cells {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("cell %s = %v", id, v)
		}
		if _, ok := r.Missing[id]; ok {
			t.Fatalf("cell %s both read (%v) and missing (%q)", id, v, r.Missing[id])
		}
		if !known[id] {
			t.Fatalf("unknown cell id %s", id)
		}
	}
	for id := range r.Missing {
		if !known[id] {
			t.Fatalf("unknown missing id %s", id)
		}
	}
	for _, s := range r.Sections {
		for _, p := range s.Paragraphs {
			if !utf8.ValidString(p) {
				t.Fatalf("paragraph not UTF-8: %q", p)
			}
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, s := range fuzzSamples(f) {
		f.Add([]byte(s))
	}
	addRendered(f, ".txt")
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n一、本年新收政府信息公开申请数量 | 1 | 2 |"))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".txt", b) })
}

func FuzzReadMarkdown(f *testing.F) {
	addRendered(f, ".md")
	f.Add([]byte("# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".md", b) })
}

func FuzzReadHTML(f *testing.F) {
	addRendered(f, ".html")
	f.Add([]byte(`<table><tr><td rowspan="9999" colspan="9999">一、本年新收政府信息公开申请数量</td></tr></table>`))
	f.Add([]byte(strings.Repeat("<div>", 200) + "二、主动公开政府信息情况" + strings.Repeat("</div>", 200)))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".html", b) })
}

func FuzzReadDocx(f *testing.F) {
	addRendered(f, ".docx")
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".docx", b) })
}

func FuzzReadXLSX(f *testing.F) {
	addRendered(f, ".xlsx")
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".xlsx", b) })
}

func FuzzReadJSONFile(f *testing.F) {
	addRendered(f, ".json")
	f.Add([]byte(`{"format":"2021","cells":{"t3.total.total":1e400}}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkRead(t, ".json", b) })
}

// FuzzRecognize feeds the recognizer a Document directly: paragraphs, and
// grids whose cells are separated by tabs (rows by newlines inside a block
// separated by a blank line), with spans from a "^rowspan,colspan" suffix.
func FuzzRecognize(f *testing.F) {
	f.Add("一、总体情况\n\n二、主动公开政府信息情况\n\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t3", "2021")
	f.Add("三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量^1,3\t5\n（七）总计\t6^2,1\t", "auto")
	f.Add("表四\n\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议起诉\n1\t2\t3\t4\t10", "2019")
	f.Fuzz(func(t *testing.T, s, format string) {
		if !utf8.ValidString(s) || len(s) > 16<<10 {
			return
		}
		switch format {
		case "", "auto", "2019", "2021":
		default:
			return
		}
		doc := fuzzDocument(s)
		start := time.Now()
		r, err := Recognize(doc, Options{Format: format})
		if d := time.Since(start); overBudget(d) {
			t.Fatalf("recognize took %v", d)
		}
		if err != nil {
			return
		}
		checkReport(t, r)
	})
}

func fuzzDocument(s string) *Document {
	doc := &Document{Name: "fuzz"}
	for bi, block := range strings.Split(s, "\n\n") {
		if !strings.Contains(block, "\t") {
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: block, Pos: "fuzz:" + itoa(bi)})
			continue
		}
		var rows [][]Cell
		width := 0
		for _, line := range strings.Split(block, "\n") {
			var row []Cell
			for _, c := range strings.Split(line, "\t") {
				cell := Cell{Text: c, RowSpan: 1, ColSpan: 1}
				if i := strings.LastIndexByte(c, '^'); i >= 0 {
					var rs, cs int
					parts := strings.SplitN(c[i+1:], ",", 2)
					if len(parts) == 2 {
						rs, cs = atoiSmall(parts[0]), atoiSmall(parts[1])
					}
					if rs >= 1 && cs >= 1 {
						cell.Text, cell.RowSpan, cell.ColSpan = c[:i], rs, cs
					}
				}
				row = append(row, cell)
			}
			if len(row) > width {
				width = len(row)
			}
			rows = append(rows, row)
		}
		// Expand spans into a rectangular grid as the readers do.
		grid := make([][]Cell, len(rows))
		for i := range grid {
			grid[i] = make([]Cell, width)
		}
		for i, row := range rows {
			for j, c := range row {
				if grid[i][j].Cont {
					continue
				}
				c.Pos = "fuzz:" + itoa(bi) + ":" + itoa(i) + ":" + itoa(j)
				grid[i][j] = c
				for di := 0; di < c.RowSpan && i+di < len(grid); di++ {
					for dj := 0; dj < c.ColSpan && j+dj < width; dj++ {
						if di == 0 && dj == 0 {
							continue
						}
						grid[i+di][j+dj] = Cell{Text: c.Text, Pos: c.Pos, Cont: true}
					}
				}
			}
		}
		doc.Blocks = append(doc.Blocks, Block{Kind: Grid, Rows: grid, Pos: "fuzz:" + itoa(bi)})
	}
	return doc
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func atoiSmall(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 99 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// FuzzRoundTrip: a random Report (of the seed) with a fuzzed paragraph,
// agency and missing marker, written by each writer and read back, has the
// same cells and the same missing cells.
func FuzzRoundTrip(f *testing.F) {
	f.Add(int64(1), "=HYPERLINK(\"http://x\")", "青石县人民政府", "—", uint8(0))
	f.Add(int64(2), "一、本年新收政府信息公开申请数量 | 1 | 2 |", "@cmd", "/", uint8(1))
	f.Add(int64(3), "<script>alert(1)</script>", "+A&B", "无", uint8(2))
	f.Add(int64(4), "（七）总计", "-1", "约30", uint8(3))
	f.Add(int64(5), "", "青石县人民政府", "", uint8(1))
	f.Add(int64(6), "", "青石县人民政府", "\u200b", uint8(187))
	f.Fuzz(func(t *testing.T, seed int64, para, agency, marker string, which uint8) {
		if !utf8.ValidString(para) || !utf8.ValidString(agency) || !utf8.ValidString(marker) {
			return
		}
		// A marker is what a reader keeps of a cell: trimmed of spaces and
		// of invisible zero-width characters at its ends.
		para, agency, marker = fuzzOneLine(para), fuzzOneLine(agency), CleanCellText(strings.TrimSpace(fuzzOneLine(marker)))
		// A marker must be one a report could print for a missing cell: not
		// a number, nor anything that reads as one.
		// A blank cell (a marker that cleans to nothing, such as a zero-width
		// space) is fuzzed too: blanks anywhere in a row, right after the
		// label included, read back blank (TestRoundTripEveryBlank).
		// A marker the table reader does not take for a value cell (text
		// that reads as a row label) is a known gap, documented in
		// docs/hardening.md.
		if v := ReadValue(marker, schema.Count, ""); v.OK || len(marker) > 40 || strings.Contains(marker, "|") || marker != "" && !isValueText(marker) {
			return
		}
		format := schema.F2019
		var layout []string
		if which&1 == 1 {
			format = schema.F2021
			if which&2 == 2 {
				layout = []string{schema.LayoutOtherSingleRow}
			}
		}
		r := randomReport(rand.New(rand.NewSource(seed)), format, layout, false)
		r.Agency = agency
		if para != "" {
			r.Sections[1].Paragraphs = append(r.Sections[1].Paragraphs, para)
		}
		ids := schema.Get(format).IDs(layout)
		id := ids[int(which)%len(ids)]
		if c := schema.Get(format).Cell(id); c != nil && !c.IsTotal() {
			delete(r.Cells, id)
			r.Missing[id] = marker
		}
		r.Normalize()
		for _, ext := range roundTripExts() {
			b, err := Render(r, ext, Options{})
			if err != nil {
				t.Fatalf("%s: render: %v", ext, err)
			}
			got, err := ReadBytes("rt"+ext, ext, b, Options{})
			if err != nil {
				t.Fatalf("%s: read back: %v\n%s", ext, err, b)
			}
			require.Equal(t, r.Cells, got.Cells, ext)
			require.Equal(t, r.Missing, got.Missing, ext)
		}
	})
}

// fuzzOneLine: report paragraphs, agencies and markers never hold line breaks
// or control characters (the readers fold them).
func fuzzOneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

// zipReplace returns the zip package data with part name's content replaced.
func zipReplace(t testing.TB, data []byte, name string, content []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		if f.Name == name {
			w.Write(content)
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		io.Copy(w, rc)
		rc.Close()
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// FuzzDocxXML fuzzes the body of word/document.xml inside a valid package
// (fuzzing the zip bytes themselves rarely gets past the CRC).
func FuzzDocxXML(f *testing.F) {
	pkg, err := Render(fuzzReports()[1], ".docx", Options{})
	require.NoError(f, err)
	head := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	f.Add(`<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>一、本年新收政府信息公开申请数量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl>`)
	f.Add(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`)
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 32<<10 {
			return
		}
		data := zipReplace(t, pkg, "word/document.xml", []byte(head+body+`</w:body></w:document>`))
		checkRead(t, ".docx", data)
	})
}

// FuzzXLSXCells fuzzes what a workbook holds in a value cell and a total
// cell (text, or a formula: the reader evaluates SUM and + itself, nothing
// else) of xxgk's own workbook, and in a foreign copy without the version
// stamp (read by its labels).
func FuzzXLSXCells(f *testing.F) {
	pkg, err := Render(fuzzReports()[1], ".xlsx", Options{})
	require.NoError(f, err)
	f.Add("30", "SUM(D8:I8)", false)
	f.Add("=1+1", "D8+E8+F8", true)
	f.Add("1e309", "SUM(D8:I8,J9,t3_new_received_natural)", false)
	f.Add("—", "SUM(D8:D8:D8)+", true)
	f.Add("7004.69万元", "WEBSERVICE(\"http://x\")", false)
	f.Add("", "J8", false)
	f.Fuzz(func(t *testing.T, value, formula string, foreign bool) {
		if len(value) > 1024 || len(formula) > 1024 || !utf8.ValidString(value) || !utf8.ValidString(formula) {
			return
		}
		wb, err := excelize.OpenReader(bytes.NewReader(pkg))
		require.NoError(t, err)
		defer wb.Close()
		const sheet = "三、依申请公开"
		if err := wb.SetCellStr(sheet, "D8", value); err != nil {
			return
		}
		if err := wb.SetCellFormula(sheet, "J8", formula); err != nil {
			return
		}
		if foreign {
			wb.DeleteSheet("信息")
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			return
		}
		checkRead(t, ".xlsx", buf.Bytes())
	})
}
