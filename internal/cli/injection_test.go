package cli

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Injection: no text from a report ever becomes a formula, markup or a
// field; a workbook xxgk reads never has a formula evaluated beyond the SUM
// and + it recomputes itself.

// hostileTexts start with the characters spreadsheets treat as formulas, or
// carry markup, attributes and entities.
var hostileTexts = []string{
	`=1+1`,
	`+1+1`,
	`-1+1`,
	`@SUM(1,1)`,
	`=HYPERLINK("http://attacker.example/","点击")`,
	`=cmd|'/c calc'!A0`,
	`=WEBSERVICE("http://attacker.example/")`,
	"\t=1+1",
	`<script>alert("xss")</script>`,
	`" onmouseover="alert(1)`,
	`<img src=x onerror=alert(1)>`,
	`&amp; &lt;b&gt; &#x3C;script&#x3E; ]]> <![CDATA[x]]>`,
	`{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" }`,
}

// hostileReport is a report of the format whose agency, title, every
// paragraph, the headings it may carry, missing markers and notes are hostile.
func hostileReport(t *testing.T, format string) *report.Report {
	path := filepath.Join("..", "..", "testdata", "sample-2021.txt")
	if format == schema.F2019 {
		path = filepath.Join("..", "..", "testdata", "sample-2019.txt")
	}
	r, err := convert.ReadFile(path, convert.Options{})
	require.NoError(t, err)
	r.Agency = hostileTexts[4]
	r.Title = hostileTexts[0] + "年度报告"
	for i := range r.Sections {
		r.Sections[i].Paragraphs = append(r.Sections[i].Paragraphs, hostileTexts...)
	}
	// Missing markers as printed: a report may print anything in a cell.
	f := schema.Get(r.Format)
	n := 0
	for _, c := range f.Cells(r.Layout) {
		if c.IsTotal() || n >= len(hostileTexts) {
			continue
		}
		delete(r.Cells, c.ID)
		r.Missing[c.ID] = hostileTexts[n]
		n++
	}
	for _, s := range hostileTexts {
		r.AddNote(report.NoteUnreadableValue, s, s)
	}
	r.Source = report.Source{Name: hostileTexts[3] + ".txt"}
	r.Normalize()
	return r
}

var reFormula = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*>(?:<f>([^<]*)</f>|<f [^>]*>([^<]*)</f>|<f[^>]*/>)`)

// workbookParts unzips every part of a workbook.
func workbookParts(t *testing.T, data []byte) map[string]string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// sheetFormulas returns sheet name → cell → formula for every <f> element.
func sheetFormulas(t *testing.T, data []byte) map[string]map[string]string {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	parts := workbookParts(t, data)
	out := map[string]map[string]string{}
	for i, name := range f.GetSheetList() {
		x, ok := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)]
		require.True(t, ok, name)
		m := map[string]string{}
		for _, g := range reFormula.FindAllStringSubmatch(x, -1) {
			m[g[1]] = g[2] + g[3]
		}
		// Every <f is accounted for by the pattern (no formula in an
		// unexpected shape slips past).
		require.Equal(t, strings.Count(x, "<f>")+strings.Count(x, "<f "), len(m), name)
		out[name] = m
	}
	return out
}

func TestInjectionWorkbookOnlyOwnFormulas(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			r := hostileReport(t, format)
			// Through the CLI, from JSON (which carries any text).
			var buf bytes.Buffer
			require.NoError(t, report.WriteJSON(&buf, r))
			in := filepath.Join(dir, "hostile.json")
			require.NoError(t, os.WriteFile(in, buf.Bytes(), 0o644))
			out := filepath.Join(dir, "hostile.xlsx")
			code, _, stderr := runCLI("convert", in, out)
			require.Equal(t, 0, code, stderr)
			data, err := os.ReadFile(out)
			require.NoError(t, err)

			tmpl := filepath.Join(dir, "template.xlsx")
			code, _, stderr = runCLI("template", "--format", format, tmpl)
			require.Equal(t, 0, code, stderr)
			tdata, err := os.ReadFile(tmpl)
			require.NoError(t, err)

			own := sheetFormulas(t, tdata)
			got := sheetFormulas(t, data)
			total := 0
			for sheet, cells := range got {
				for ref, formula := range cells {
					total++
					want, ok := own[sheet][ref]
					if assert.True(t, ok, "%s!%s has a formula the template does not: %s", sheet, ref, formula) {
						assert.Equal(t, want, formula, "%s!%s", sheet, ref)
					}
				}
			}
			assert.Greater(t, total, 20, "the canonical totals are formulas")

			// No hostile text anywhere it could act: not in a formula, a
			// defined name, a hyperlink or an external link; and every one
			// is in the workbook as a string.
			parts := workbookParts(t, data)
			for name, x := range parts {
				assert.NotContains(t, name, "externalLink", name)
				assert.NotContains(t, x, "<hyperlink", name)
				assert.NotContains(t, x, "<ddeLink", name)
				for _, m := range regexp.MustCompile(`<definedName[^>]*>([^<]*)<`).FindAllStringSubmatch(x, -1) {
					assert.NotRegexp(t, `(?i)HYPERLINK|WEBSERVICE|cmd|@|\+1`, m[1], name)
				}
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			require.NoError(t, err)
			defer f.Close()
			var texts strings.Builder
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				for _, row := range rows {
					texts.WriteString(strings.Join(row, "\n") + "\n")
				}
			}
			for _, s := range hostileTexts {
				assert.Contains(t, texts.String(), strings.TrimSpace(s), "kept as text")
			}

			// And read back, every hostile text is still text.
			back, err := convert.ReadFile(out, convert.Options{})
			require.NoError(t, err)
			assert.Equal(t, r.Agency, back.Agency)
			assert.Equal(t, r.Missing, back.Missing)
		})
	}
}

// htmlAllowed lists the elements the HTML writer may emit.
var htmlAllowed = map[string]bool{"html": true, "head": true, "body": true, "meta": true, "title": true, "style": true,
	"article": true, "header": true, "section": true, "h1": true, "h2": true, "h3": true, "h4": true, "p": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "caption": true, "div": true,
	"span": true, "colgroup": true, "col": true, "br": true, "main": true, "footer": true, "small": true, "sup": true}

func TestInjectionHTMLEscapes(t *testing.T) {
	for _, fragment := range []bool{false, true} {
		r := hostileReport(t, schema.F2021)
		b, err := convert.Render(r, ".html", convert.Options{Fragment: fragment})
		require.NoError(t, err)
		var texts []string
		var walk func(n *html.Node)
		var parse func() (*html.Node, error)
		if fragment {
			parse = func() (*html.Node, error) {
				nodes, err := html.ParseFragment(bytes.NewReader(b), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
				root := &html.Node{Type: html.DocumentNode}
				for _, n := range nodes {
					root.AppendChild(n)
				}
				return root, err
			}
		} else {
			parse = func() (*html.Node, error) { return html.Parse(bytes.NewReader(b)) }
		}
		doc, err := parse()
		require.NoError(t, err)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				assert.True(t, htmlAllowed[n.Data], "element <%s> in the output", n.Data)
				for _, a := range n.Attr {
					assert.False(t, strings.HasPrefix(strings.ToLower(a.Key), "on"), "attribute %s=%q", a.Key, a.Val)
					assert.NotContains(t, a.Val, "javascript:")
					assert.NotContains(t, a.Val, "alert", "attribute %s", a.Key)
				}
			}
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		all := strings.Join(texts, "\n")
		for _, s := range hostileTexts {
			assert.Contains(t, all, strings.TrimSpace(s), "fragment=%v: the text is shown as text", fragment)
		}
		// The HTML reader reads every hostile text back as text.
		back, err := convert.ReadBytes("x.html", ".html", b, convert.Options{})
		require.NoError(t, err)
		for id := range r.Missing {
			assert.Contains(t, back.Missing, id)
		}
	}
}

func TestInjectionDocxEscapes(t *testing.T) {
	r := hostileReport(t, schema.F2019)
	b, err := convert.Render(r, ".docx", convert.Options{})
	require.NoError(t, err)
	parts := workbookParts(t, b)
	doc, ok := parts["word/document.xml"]
	require.True(t, ok)
	// Well-formed XML whose text runs hold the hostile texts verbatim; no
	// field (instrText, fldSimple, DDE), hyperlink or external relationship.
	dec := xml.NewDecoder(strings.NewReader(doc))
	var texts strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch e := tok.(type) {
		case xml.StartElement:
			assert.NotContains(t, []string{"instrText", "fldSimple", "fldChar", "hyperlink", "object", "script"}, e.Name.Local)
			inT = e.Name.Local == "t"
		case xml.EndElement:
			inT = false
		case xml.CharData:
			if inT {
				texts.Write(e)
			}
		case xml.Directive:
			t.Fatalf("directive in document.xml: %s", e)
		}
	}
	for _, s := range hostileTexts {
		assert.Contains(t, texts.String(), strings.TrimSpace(s))
	}
	for name, x := range parts {
		if strings.HasSuffix(name, ".rels") {
			assert.NotContains(t, x, `TargetMode="External"`, name)
		}
	}
}

// A workbook with formulas that reference other files, call the network or
// DDE, or are volatile: xxgk reads them as missing with a note, never their
// cached values, and never touches the network or the files they name.
func TestInjectionWorkbookFormulasNotEvaluated(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "7")
	}))
	defer srv.Close()
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.xlsx")
	sf := excelize.NewFile()
	require.NoError(t, sf.SetCellValue("Sheet1", "A1", 7))
	require.NoError(t, sf.SaveAs(secret))
	sf.Close()

	r, err := convert.ReadFile(filepath.Join("..", "..", "testdata", "sample-2021.txt"), convert.Options{})
	require.NoError(t, err)
	data, err := convert.Render(r, ".xlsx", convert.Options{})
	require.NoError(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	const sheet = "三、依申请公开"
	// 一、本年新收: 自然人 … 其他 in D8:I8, 总计 J8.
	formulas := map[string]string{
		"D8": `'` + dir + `/[secret.xlsx]Sheet1'!$A$1`,
		"E8": `WEBSERVICE("` + srv.URL + `/")`,
		"F8": `HYPERLINK("` + srv.URL + `/","7")`,
		"G8": `cmd|'/c curl ` + srv.URL + `'!A0`,
		"H8": `INDIRECT("D9")`,
		"I8": `RAND()*0+7`,
	}
	ids := map[string]string{"D8": "t3.new_received.natural", "E8": "t3.new_received.commercial", "F8": "t3.new_received.research",
		"G8": "t3.new_received.public_welfare", "H8": "t3.new_received.legal_service", "I8": "t3.new_received.other_org"}
	for ref, fm := range formulas {
		require.NoError(t, f.SetCellFormula(sheet, ref, fm))
		require.NoError(t, f.SetCellValue(sheet, ref, 7)) // a cached value xxgk must not take
		require.NoError(t, f.SetCellFormula(sheet, ref, fm))
	}
	// The total keeps xxgk's own formula: it is recomputed from the parts,
	// all missing now.
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	f.Close()
	in := filepath.Join(dir, "formulas.xlsx")
	require.NoError(t, os.WriteFile(in, buf.Bytes(), 0o644))

	got, err := convert.ReadFile(in, convert.Options{})
	require.NoError(t, err)
	for ref, id := range ids {
		_, isCell := got.Cells[id]
		assert.False(t, isCell, "%s (%s = %s) read as %v", id, ref, formulas[ref], got.Cells[id])
		assert.Contains(t, got.Missing, id, ref)
		noted := false
		for _, n := range got.Notes {
			for _, c := range n.Cells {
				noted = noted || c == id
			}
		}
		assert.True(t, noted, "%s has a note", id)
	}
	_, isCell := got.Cells["t3.new_received.total"]
	assert.False(t, isCell, "a total of missing parts is not a number")
	// Through the CLI too, check included.
	code, _, stderr := runCLI("convert", in, filepath.Join(dir, "out.json"))
	assert.Equal(t, 0, code, stderr)
	code, stdout, _ := runCLI("check", in)
	assert.Contains(t, []int{exitOK, exitFindings}, code, stdout)
	assert.GreaterOrEqual(t, strings.Count(stdout, "警告 missing"), len(ids), stdout)
	assert.Equal(t, int32(0), hits.Load(), "xxgk contacted the server a formula names")
}
