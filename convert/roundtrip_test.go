package convert

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Property tests: Report → X → Report is the identity for every format xxgk
// writes and reads back, on random reports of both formats with missing
// markers, inconsistent published totals and narratives full of traps.

// narrative sentences in the style of real reports, and traps.
var rtSentences = []string{
	"本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制。",
	"本年度报告中所列数据统计期限从1月1日到12月31日止。",
	"（一）主动公开方面",
	"坚持以公开为常态、不公开为例外，不断扩大主动公开范围，拓展主动公开渠道。",
	"全年共受理政府信息公开申请25件，其中现场申请6件、邮递申请7件、网络申请12件。",
	"本年度已答复完毕23件，均在法定期限内予以答复，另有2件顺延至下一年度。",
	"一是政府信息主动公开方面。下一步，将加大宣传力度，更好地发挥政府信息便民服务的作用。",
	"本机关未收取信息处理费。",
	"二、主动公开政府信息情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"1.属于国家秘密",
	"2024年，无收取信息处理费情况。",
	"3.危及“三安全一稳定” | 0 | 0 | 0 |",
	"规章 | 0 | 0 | 0 |",
	`<script>alert("xss")</script>与<b>加粗</b>`,
	`A & B 及 &amp; 以及 "引号" 和 'single'`,
	"=SUM(A1:A3)",
	"# 不是标题",
	"| 行首竖线",
	"- 不是列表",
	"> 不是引用",
	"**不是加粗** 和 _下划线_ 与 `代码` 还有 [链接](http://example.org)",
	"反斜杠 \\ 与 \\| 与 C:\\path",
	"第二十条第（一）项",
	"（七）总计",
	"---",
	"===",
	"网址：http://www.example.gov.cn/zwgk/index.html?a=1&b=2",
	" 前导空格", "尾随空格 ", "两个  空格", "\u3000全角空格开头", "\t制表符",
}

// randomReport builds a report of the format with random values.
// With blanks, a missing cell may also be printed blank ("").
func randomReport(rng *rand.Rand, format string, layout []string, blanks bool) *report.Report {
	r := report.New()
	r.Format = format
	f := schema.Get(format)
	r.Year = 2019 + rng.Intn(2)
	if format == schema.F2021 {
		r.Year = 2021 + rng.Intn(5)
	}
	r.Layout = append([]string{}, layout...)
	r.Agency = "青石县人民政府"
	r.Title = fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Agency, r.Year)
	pick := func(n int) []string {
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, rtSentences[rng.Intn(len(rtSentences))])
		}
		return out
	}
	r.Sections = append(r.Sections, report.Section{ID: "s0", Paragraphs: pick(1 + rng.Intn(2))})
	for _, s := range f.Sections {
		n := 1 + rng.Intn(4)
		if s.Table != "" {
			n = 0
			if rng.Intn(3) == 0 {
				n = 1
			}
		}
		r.Sections = append(r.Sections, report.Section{ID: s.ID, Heading: s.Heading, Paragraphs: pick(n)})
	}
	markers := []string{"—", "/", "约30", "-"}
	if blanks {
		markers = append(markers, "")
	}
	for _, c := range f.Cells(layout) {
		if c.IsTotal() {
			continue
		}
		if rng.Intn(12) == 0 {
			r.Missing[c.ID] = markers[rng.Intn(len(markers))]
			continue
		}
		v := float64(rng.Intn(60))
		if rng.Intn(10) == 0 {
			v = float64(rng.Intn(2000000))
		}
		switch c.Kind {
		case schema.Amount:
			v = float64(rng.Intn(2000000)) / 100
		case schema.SignedCount:
			v = float64(rng.Intn(61) - 30)
		}
		r.Cells[c.ID] = v
	}
	// Totals: the sum of their parts, or as a report may print them: off,
	// blank or marked.
	for pass := 0; pass < 2; pass++ {
		for _, c := range f.Cells(layout) {
			if !c.IsTotal() {
				continue
			}
			sum := 0.0
			for _, p := range c.Parts {
				sum += r.Cells[p]
			}
			switch k := rng.Intn(20); {
			case k == 0 && pass == 1:
				r.Cells[c.ID] = sum + float64(1+rng.Intn(5))
			case k == 1 && pass == 1:
				delete(r.Cells, c.ID)
				r.Missing[c.ID] = markers[rng.Intn(len(markers))]
			default:
				if _, miss := r.Missing[c.ID]; !miss {
					r.Cells[c.ID] = sum
				}
			}
		}
	}
	r.Normalize()
	return r
}

// comparable is what must survive a round trip.
type rtView struct {
	Format, Title string
	Year          int
	Layout        []string
	Sections      []report.Section
	Cells         map[string]float64
	Missing       map[string]string
}

func viewOf(r *report.Report) rtView {
	v := rtView{Format: r.Format, Title: r.Title, Year: r.Year, Layout: append([]string{}, r.Layout...),
		Cells: r.Cells, Missing: r.Missing}
	sort.Strings(v.Layout)
	for _, s := range r.Sections {
		s.Pos = ""
		if s.Paragraphs == nil {
			s.Paragraphs = []string{}
		}
		v.Sections = append(v.Sections, s)
	}
	return v
}

// roundTripExts lists the formats xxgk both writes and reads back.
func roundTripExts() []string {
	return []string{".txt", ".md", ".html", ".json", ".xlsx"}
}

func rtLayouts(format string) [][]string {
	if format == schema.F2021 {
		return [][]string{nil, {schema.LayoutOtherSingleRow}}
	}
	return [][]string{nil}
}

func TestRoundTripIdentity(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		for _, layout := range rtLayouts(format) {
			for seed := int64(1); seed <= 12; seed++ {
				rng := rand.New(rand.NewSource(seed*7919 + int64(len(layout))))
				r := randomReport(rng, format, layout, true)
				for _, ext := range roundTripExts() {
					name := fmt.Sprintf("%s/%s/seed%d/%s", format, schema.LayoutKeyString(layout), seed, ext)
					t.Run(name, func(t *testing.T) {
						b, err := Render(r, ext, Options{})
						require.NoError(t, err)
						got, err := ReadBytes("report"+ext, ext, b, Options{})
						require.NoError(t, err)
						assert.Equal(t, viewOf(r), viewOf(got))
					})
				}
			}
		}
	}
}

// Blank cells and Chinese text markers in the first value position of a row
// survive every writer: a 表四 whose first value is blank starts its .txt row
// with a bare "|" (not Markdown framing), and "不适用" after a row label is a
// value, not a second label (read as one, the row's numbers shifted left).
func TestRoundTripLeadingBlank(t *testing.T) {
	r := exportSample(schema.F2021, nil, 0)
	for id, m := range map[string]string{"t4.rev.upheld": "", "t3.partial.natural": "不适用",
		"t3.granted.natural": "", "t2.rules.issued": "暂无", "t3.new_received.commercial": "无数据"} {
		delete(r.Cells, id)
		r.Missing[id] = m
	}
	for _, ext := range append(roundTripExts(), ".docx") {
		t.Run(ext, func(t *testing.T) {
			b, err := Render(r, ext, Options{})
			require.NoError(t, err)
			got, err := ReadBytes("report"+ext, ext, b, Options{})
			require.NoError(t, err)
			assert.Equal(t, viewOf(r), viewOf(got))
		})
	}
}

// requireTextRoundTrip: r written as txt, md and html and read back has
// the same cells and the same missing cells (with their markers).
func requireTextRoundTrip(t *testing.T, r *report.Report, what string) {
	t.Helper()
	for _, ext := range []string{".txt", ".md", ".html"} {
		b, err := Render(r, ext, Options{})
		require.NoError(t, err)
		got, err := ReadBytes("report"+ext, ext, b, Options{})
		require.NoError(t, err)
		require.Equal(t, r.Cells, got.Cells, "%s %s", ext, what)
		require.Equal(t, r.Missing, got.Missing, "%s %s", ext, what)
	}
}

// TestRoundTripEveryBlank: each cell in turn, and the cell after it,
// printed blank (a missing cell with an empty marker) come back blank from
// every text writer, with every other cell in its place: a blank must not
// shift a row's values, wherever it is in the row (first after the label,
// last, two side by side, in 表四's two-level rows).
func TestRoundTripEveryBlank(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		for _, layout := range rtLayouts(format) {
			ids := schema.Get(format).IDs(layout)
			for k, id := range ids {
				r := randomReport(rand.New(rand.NewSource(int64(k))), format, layout, false)
				blanked := 0
				for _, b := range ids[k:min(k+2, len(ids))] {
					if c := schema.Get(format).Cell(b); c != nil && !c.IsTotal() {
						delete(r.Cells, b)
						r.Missing[b] = ""
						blanked++
					}
				}
				if blanked == 0 {
					continue
				}
				r.Normalize()
				requireTextRoundTrip(t, r, fmt.Sprintf("%s %v blank from %s", format, layout, id))
			}
		}
	}
}

// TestRoundTripEveryTextMarker: each cell in turn printed as a Chinese
// text marker ("不适用", "暂无", "见说明"): it comes back missing with that
// marker and every other cell in its place, from every text writer. In
// 表四, whose value row has no label, such a marker had been read as a
// label that split the row, and all fifteen cells were lost.
func TestRoundTripEveryTextMarker(t *testing.T) {
	markers := []string{"不适用", "暂无", "见说明"}
	for _, format := range []string{schema.F2019, schema.F2021} {
		for _, layout := range rtLayouts(format) {
			for k, id := range schema.Get(format).IDs(layout) {
				if c := schema.Get(format).Cell(id); c == nil || c.IsTotal() {
					continue
				}
				r := randomReport(rand.New(rand.NewSource(int64(k))), format, layout, false)
				delete(r.Cells, id)
				r.Missing[id] = markers[k%len(markers)]
				r.Normalize()
				requireTextRoundTrip(t, r, fmt.Sprintf("%s %v: %s is %q", format, layout, id, r.Missing[id]))
			}
		}
	}
}

// The .docx is read back by the docx reader with every paragraph and every
// number.
func TestRoundTripDocx(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		for _, layout := range rtLayouts(format) {
			for seed := int64(1); seed <= 6; seed++ {
				r := randomReport(rand.New(rand.NewSource(seed)), format, layout, true)
				t.Run(fmt.Sprintf("%s/%s/seed%d", format, schema.LayoutKeyString(layout), seed), func(t *testing.T) {
					b, err := Render(r, ".docx", Options{})
					require.NoError(t, err)
					got, err := ReadBytes("report.docx", ".docx", b, Options{})
					require.NoError(t, err)
					assert.Equal(t, viewOf(r), viewOf(got))
				})
			}
		}
	}
}

// Every writer is deterministic: the same Report gives the same bytes.
func TestWritersDeterministic(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		r := randomReport(rand.New(rand.NewSource(42)), format, nil, true)
		for _, ext := range Writable() {
			t.Run(format+ext, func(t *testing.T) {
				a, err := Render(r, ext, Options{})
				require.NoError(t, err)
				b, err := Render(r.Clone(), ext, Options{})
				require.NoError(t, err)
				assert.True(t, bytes.Equal(a, b), "two renderings differ")
				assert.NotEmpty(t, a)
			})
		}
	}
}

// The seed text → xlsx → txt keeps every paragraph character for character.
func TestSeedThroughWorkbookKeepsParagraphs(t *testing.T) {
	seed := filepath.Join("..", "..", "shared", "corpus", "seed-sujiatun-2020.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skip("no shared corpus")
	}
	orig, err := ReadFile(seed, Options{})
	require.NoError(t, err)
	xb, err := Render(orig, ".xlsx", Options{})
	require.NoError(t, err)
	fromXLSX, err := ReadBytes("seed.xlsx", ".xlsx", xb, Options{})
	require.NoError(t, err)
	tb, err := Render(fromXLSX, ".txt", Options{})
	require.NoError(t, err)
	txt := string(tb)
	lines := map[string]bool{}
	for _, ln := range strings.Split(txt, "\n") {
		lines[ln] = true
	}
	n := 0
	for _, s := range orig.Sections {
		for _, p := range s.Paragraphs {
			n++
			assert.True(t, lines[ParaIndent+p], "paragraph lost or changed: %q", p)
		}
	}
	assert.Greater(t, n, 20, "the seed has more than 20 paragraphs")
	back, err := ReadBytes("seed.txt", ".txt", tb, Options{})
	require.NoError(t, err)
	assert.Equal(t, viewOf(orig).Sections, viewOf(back).Sections)
	assert.Equal(t, orig.Cells, back.Cells)
}

// Sanity of the generator itself: totals are sums unless it chose otherwise,
// and amounts are finite.
func TestRandomReportShape(t *testing.T) {
	r := randomReport(rand.New(rand.NewSource(3)), schema.F2021, nil, true)
	f := r.Schema()
	for _, c := range f.Cells(nil) {
		_, inCells := r.Cells[c.ID]
		_, inMissing := r.Missing[c.ID]
		assert.True(t, inCells != inMissing, "%s in exactly one map", c.ID)
		if v, ok := r.Cells[c.ID]; ok {
			assert.False(t, math.IsNaN(v) || math.IsInf(v, 0))
		}
	}
}
