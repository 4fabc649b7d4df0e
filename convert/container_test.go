package convert

import (
	"errors"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emptyPDF is a valid one-page PDF without any text: what a scan looks like
// to pdftotext.
const emptyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func needHelper(t *testing.T, prog string) {
	t.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		t.Skip(prog + " not installed")
	}
}

func TestReadPDFScanned(t *testing.T) {
	needHelper(t, "pdftotext")
	_, err := ReadBytes("scan.pdf", ".pdf", []byte(emptyPDF), Options{})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrImageOnly), "%v", err)
	var ie *ImageError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "", ie.What)
	assert.Contains(t, ie.Chinese(), "扫描件")
	assert.Equal(t, "image_only", ie.Code())
}

func TestReadPDFNotPDF(t *testing.T) {
	_, err := ReadBytes("x.pdf", ".pdf", []byte("hello"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a PDF")
}

func TestImageOnly(t *testing.T) {
	cases := []struct {
		name, text, what string
		ok               bool
	}{
		{"blank", "\f\f  \n", "", false},
		{"t3 heading, no rows", "一、总体情况\n本机关全年……\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n", "表三", false},
		{"t3 rows present", "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量  1 0 0 0 0 0 1\n", "", true},
		{"no t3 heading at all", "一、总体情况\n本机关全年主动公开政府信息一百二十条，依申请公开……\n", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := imageOnly(tc.text)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			var ie *ImageError
			require.True(t, errors.As(err, &ie), "%v", err)
			assert.Equal(t, tc.what, ie.What)
		})
	}
}

func TestHelperMissing(t *testing.T) {
	saved := lookHelper
	defer func() { lookHelper = saved }()
	lookHelper = func(program, pkg string) (string, error) { return "", &HelperError{Program: program, Package: pkg} }
	cases := []struct{ ext, prog, pkg string }{
		{".pdf", "pdftotext", "poppler-utils"},
		{".doc", "soffice", "libreoffice-writer"},
		{".wps", "soffice", "libreoffice-writer"},
		{".xls", "soffice", "libreoffice-calc"},
		{".et", "soffice", "libreoffice-calc"},
	}
	for _, tc := range cases {
		t.Run(tc.ext, func(t *testing.T) {
			data := []byte(emptyPDF)
			_, err := ReadBytes("in"+tc.ext, tc.ext, data, Options{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrHelperMissing), "%v", err)
			var he *HelperError
			require.True(t, errors.As(err, &he))
			assert.Equal(t, tc.prog, he.Program)
			assert.Equal(t, tc.pkg, he.Package)
			assert.Contains(t, he.Chinese(), tc.pkg)
		})
	}
}

// pipeToHTML renders pipe text as an HTML page with real tables, so that a
// word processor lays it out as a published report is laid out.
func pipeToHTML(text string) string {
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"></head><body>\n")
	in := false
	for _, ln := range strings.Split(text, "\n") {
		if strings.Contains(ln, "|") && !strings.HasPrefix(ln, paraIndent) {
			if !in {
				b.WriteString("<table border=\"1\">\n")
				in = true
			}
			cells := strings.Split(ln, "|")
			if strings.HasSuffix(strings.TrimSpace(ln), "|") {
				cells = cells[:len(cells)-1]
			}
			b.WriteString("<tr>")
			for _, c := range cells {
				b.WriteString("<td>" + html.EscapeString(strings.TrimSpace(c)) + "</td>")
			}
			b.WriteString("</tr>\n")
			continue
		}
		if in {
			b.WriteString("</table>\n")
			in = false
		}
		if t := strings.TrimSpace(strings.TrimPrefix(ln, paraIndent)); t != "" {
			b.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// TestReadPDFFromWordProcessor prints the synthetic samples to PDF through
// LibreOffice (tables as tables, labels wrapping in their cells) and reads
// the PDF back: every cell must equal the one read from the text.
func TestReadPDFFromWordProcessor(t *testing.T) {
	for _, s := range []string{"sample-2019", "sample-2021"} {
		t.Run(s, func(t *testing.T) {
			pdf := officeOut(t, "wp-"+s+".pdf")
			_, want := readSampleReport(t, s)
			got, err := ReadBytes(s+".pdf", ".pdf", pdf, Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Format, got.Format)
			assert.Equal(t, want.Cells, got.Cells)
			assert.Equal(t, want.Missing, got.Missing)
		})
	}
}

// TestReadLegacyOffice reads a report saved as .doc (Word 97) and as .xls
// (Excel 97) through soffice: the same cells as the text it came from.
func TestReadLegacyOffice(t *testing.T) {
	cases := []struct{ name, ext string }{
		{"legacy-sample-2021.doc", ".doc"},
		{"own-sample-2021.xls", ".xls"},
	}
	for _, tc := range cases {
		t.Run(tc.ext, func(t *testing.T) {
			b := officeOut(t, tc.name)
			_, want := readSampleReport(t, "sample-2021")
			got, err := ReadBytes(tc.name, tc.ext, b, Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Cells, got.Cells)
			assert.Equal(t, want.Missing, got.Missing)
		})
	}
}

// TestReadPDFBlanks prints a report with blank cells to PDF through
// LibreOffice: a blank prints nothing in the PDF's text, so every other
// value must be right or missing with a note, and no blank may be read.
func TestReadPDFBlanks(t *testing.T) {
	pdf := officeOut(t, "blank.pdf")
	text, blanked, err := blankedSample()
	require.NoError(t, err)
	require.Len(t, blanked, 4)
	want, err := ReadBytes("b.txt", ".txt", []byte(text), Options{})
	require.NoError(t, err)
	got, err := ReadBytes("b.pdf", ".pdf", pdf, Options{})
	require.NoError(t, err)
	noted := map[string]bool{}
	for _, n := range got.Notes {
		for _, c := range n.Cells {
			noted[c] = true
		}
	}
	for id := range blanked {
		_, ok := got.Cells[id]
		assert.False(t, ok, "%s is blank in the source", id)
	}
	for id, v := range want.Cells {
		g, ok := got.Cells[id]
		if ok {
			assert.Equal(t, v, g, "wrong value at %s", id)
		} else {
			assert.True(t, noted[id], "%s missing without a note", id)
		}
	}
	assert.GreaterOrEqual(t, len(got.Cells), len(want.Cells)-14, "most cells read")
}

// TestReadPDFOfficialTables prints the official tables of both formats
// (../shared/spec, every merged cell as the formats draw them) to PDF and
// reads them back: the same cells as reading the HTML. The same PDF through
// pdftotext -raw reads the same; plain pdftotext (column blocks, labels far
// from their numbers) may lose cells but must not misread one.
func TestReadPDFOfficialTables(t *testing.T) {
	for _, f := range []string{"2019", "2021"} {
		t.Run(f, func(t *testing.T) {
			pdf := officeOut(t, "official-"+f+".pdf")
			b, err := os.ReadFile(filepath.Join("..", "..", "shared", "spec", "official-tables-"+f+".html"))
			require.NoError(t, err)
			want, err := ReadBytes("o.html", ".html", b, Options{})
			require.NoError(t, err)
			got, err := ReadBytes("o.pdf", ".pdf", pdf, Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Format, got.Format)
			assert.Equal(t, want.Cells, got.Cells)
			for _, mode := range []string{"-raw", "plain"} {
				txt := pdftotextMode(t, pdf, mode)
				r, err := ReadBytes("o.txt", ".txt", txt, Options{})
				require.NoError(t, err, mode)
				if mode == "-raw" {
					assert.Equal(t, want.Cells, r.Cells, mode)
					continue
				}
				for id, v := range r.Cells {
					if w, ok := want.Cells[id]; ok {
						assert.Equal(t, w, v, "%s: wrong value at %s", mode, id)
					}
				}
			}
		})
	}
}

// pdftotextMode runs pdftotext on PDF bytes: "-raw", or "plain" (no flag).
func pdftotextMode(t *testing.T, pdf []byte, mode string) []byte {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "x.pdf")
	require.NoError(t, os.WriteFile(p, pdf, 0o644))
	args := []string{"-enc", "UTF-8", p, "-"}
	if mode == "-raw" {
		args = append([]string{"-raw"}, args...)
	}
	out, err := exec.Command("pdftotext", args...).Output()
	require.NoError(t, err)
	return out
}

// TestReadPDFFromDocx prints xxgk's own .docx of the samples to PDF with
// LibreOffice and reads the PDF (pdftotext -layout) and its -raw text: the
// cells of the text they came from.
func TestReadPDFFromDocx(t *testing.T) {
	for _, s := range []string{"sample-2019", "sample-2021"} {
		t.Run(s, func(t *testing.T) {
			pdf := officeOut(t, "own-"+s+".pdf")
			_, want := readSampleReport(t, s)
			got, err := ReadBytes("r.pdf", ".pdf", pdf, Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Cells, got.Cells, "-layout")
			got, err = ReadBytes("r.txt", ".txt", pdftotextMode(t, pdf, "-raw"), Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Cells, got.Cells, "-raw")
		})
	}
}
