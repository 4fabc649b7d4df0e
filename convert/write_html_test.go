package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/xxgk/xxgk/schema"
)

// spanRow is a table row reduced to what the official layout fixes: each
// cell's label (value cells as "#"), rowspan and colspan.
type spanCell struct {
	Text     string
	Rowspan  int
	Colspan  int
	IsHeader bool
}

// officialRows reads the tables of an HTML page into spanCells; value
// cells (class v or t, or a data-id) read as "#".
func officialRows(t *testing.T, page string) [][][]spanCell {
	root, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var tables [][][]spanCell
	eachElement(root, func(n *html.Node) bool {
		if n.Data != "table" {
			return true
		}
		var rows [][]spanCell
		for _, tr := range tableRows(n) {
			var row []spanCell
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.Type != html.ElementNode {
					continue
				}
				c := spanCell{Text: plainText(td), Rowspan: spanAttr(td, "rowspan"), Colspan: spanAttr(td, "colspan")}
				cl := attr(td, "class")
				if cl == "v" || cl == "t" || attr(td, "data-id") != "" {
					c.Text = "#"
				}
				row = append(row, c)
			}
			rows = append(rows, row)
		}
		tables = append(tables, rows)
		return true
	})
	return tables
}

// The HTML tables have exactly the merges and labels of the official tables
// (../shared/spec/official-tables-*.html).
func TestHTMLTablesAsOfficial(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		t.Run(format, func(t *testing.T) {
			spec := filepath.Join("..", "..", "shared", "spec", "official-tables-"+format+".html")
			want, err := os.ReadFile(spec)
			if err != nil {
				t.Skip("no shared spec")
			}
			got, err := Render(exportSample(format, nil, 0), ".html", Options{})
			require.NoError(t, err)
			w, g := officialRows(t, string(want)), officialRows(t, string(got))
			require.Len(t, g, 3)
			require.Len(t, w, 3)
			for ti := range w {
				require.Len(t, g[ti], len(w[ti]), "table %d rows", ti+2)
				for ri := range w[ti] {
					require.Len(t, g[ti][ri], len(w[ti][ri]), "table %d row %d", ti+2, ri+1)
					for ci := range w[ti][ri] {
						wc, gc := w[ti][ri][ci], g[ti][ri][ci]
						if wc.Text == schema.Get(format).T2[len(schema.Get(format).T2)-1].Cols[len(schema.Get(format).T2[len(schema.Get(format).T2)-1].Cols)-1].Label && format == schema.F2019 {
							wc.Text = schema.ProcurementAmountHeader // xxgk states the unit
						}
						if wc.Text == "" && gc.Text == "#" {
							gc.Text = "" // blank by design: 2019 表二 third column of （八）（九）
						}
						assert.Equal(t, wc, gc, "table %d row %d cell %d", ti+2, ri+1, ci+1)
					}
				}
			}
		})
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	r := exportSample(schema.F2021, nil, 0)
	r.Title = `<script>alert("t")</script>年度报告`
	r.Sections[1].Paragraphs = []string{`<img src=x onerror="alert(1)"> A & B 'q' "qq"`, "=SUM(A1)"}
	r.Missing["t2.rules.issued"] = `<b>约30</b>`
	delete(r.Cells, "t2.rules.issued")
	for _, frag := range []bool{false, true} {
		b, err := Render(r, ".html", Options{Fragment: frag})
		require.NoError(t, err)
		s := string(b)
		assert.NotContains(t, s, "<script>")
		assert.NotContains(t, s, "<img")
		assert.NotContains(t, s, "<b>")
		assert.Contains(t, s, "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;年度报告")
		assert.Contains(t, s, "A &amp; B &#39;q&#39; &#34;qq&#34;")
		assert.Contains(t, s, "&lt;b&gt;约30&lt;/b&gt;")
		if frag {
			assert.True(t, strings.HasPrefix(s, `<article class="xxgk-report">`), "a fragment is the article alone")
			assert.NotContains(t, s, "<html")
			assert.NotContains(t, s, "<style")
		} else {
			assert.True(t, strings.HasPrefix(s, "<!DOCTYPE html>"))
			assert.Contains(t, s, `<meta charset="utf-8">`)
			assert.Contains(t, s, "</html>\n")
		}
		// And it reads back as written.
		got, err := ReadBytes("x.html", ".html", b, Options{})
		require.NoError(t, err)
		assert.Equal(t, r.Title, got.Title)
		assert.Equal(t, r.Sections[1].Paragraphs, got.Section("s1").Paragraphs)
		assert.Equal(t, `<b>约30</b>`, got.Missing["t2.rules.issued"])
	}
}

func TestHTMLHeaderCellsAreTH(t *testing.T) {
	b, err := Render(exportSample(schema.F2019, nil, 0), ".html", Options{})
	require.NoError(t, err)
	s := string(b)
	for _, h := range []string{schema.T3Applicant, schema.T3LegalPersons, schema.T4Review, "未经复议直接起诉", schema.T2ContentHeader} {
		assert.Contains(t, s, ">"+h+"</th>", h)
	}
	assert.Contains(t, s, `<td class="l" rowspan="20">三、本年度办理结果</td>`, "2019: 20 rows from （一） to （七）")
	assert.Equal(t, 3, strings.Count(s, "<table"), "three tables")
	assert.Contains(t, s, `data-id="t3.result_total.total"`)
}
