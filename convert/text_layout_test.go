package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// gridCells is a minimal reading of the grids a layout builds, for testing
// layouts at the Document level before the recognizer sees them: a row whose
// first cell names a 表二/表三 row gives that row's values in order; a row of
// 15 cells with no label is 表四. It returns values (as printed) and notes by
// cell id; a cell with an ambiguous_split note is left out of values.
func gridCells(t *testing.T, doc *Document, format string) (map[string]string, map[string]*CellNote) {
	t.Helper()
	f := schema.Get(format)
	vals := map[string]string{}
	notes := map[string]*CellNote{}
	for _, b := range doc.Blocks {
		if b.Kind != Grid {
			continue
		}
		for _, row := range b.Rows {
			if len(row) == 0 {
				continue
			}
			var ids []string
			var cells []Cell
			if len(row) == 15 && reNumberish(row[0].Text) {
				for _, c := range f.Cells(nil) {
					if c.Table == "t4" {
						ids = append(ids, c.ID)
					}
				}
				cells = row
			} else {
				label := row[0].Text
				ids, _ = rowCells(f, "t3", label)
				if ids == nil {
					ids, _ = rowCells(f, "t2", label)
				}
				if ids == nil {
					continue
				}
				cells = row[1:]
			}
			for i, id := range ids {
				if i >= len(cells) {
					break
				}
				c := cells[i]
				if c.Note != nil {
					notes[id] = c.Note
				}
				if c.Note != nil && c.Note.Kind == report.NoteAmbiguousSplit {
					continue
				}
				if _, dup := vals[id]; !dup {
					vals[id] = c.Text
				}
			}
		}
	}
	return vals, notes
}

func reNumberish(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '-' || r == '.') }) < 0
}

// corpusCase loads a corpus file and its ground truth, or skips.
type corpusTruth struct {
	Format      string         `json:"format"`
	Cells       map[string]any `json:"cells"`
	Undecidable []string       `json:"undecidable"`
}

func loadCorpus(t *testing.T, stem string) ([]string, corpusTruth) {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	data, err := os.ReadFile(filepath.Join(dir, stem+".txt"))
	if err != nil {
		t.Skip("corpus not available: ", err)
	}
	var truth corpusTruth
	b, err := os.ReadFile(filepath.Join(dir, stem+".expected.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &truth))
	text, _, err := Decode(data)
	require.NoError(t, err)
	lines := splitLines(text)
	dropChrome(stem+".txt", lines)
	return lines, truth
}

// scoreCorpus compares the layout's cells with the truth: right (equal, or
// both missing, or undecidable and missing) and wrong (a number that is not
// the truth).
func scoreCorpus(t *testing.T, doc *Document, truth corpusTruth) (right, wrong int, problems []string) {
	vals, _ := gridCells(t, doc, truth.Format)
	und := map[string]bool{}
	for _, u := range truth.Undecidable {
		und[u] = true
	}
	f := schema.Get(truth.Format)
	for id, want := range truth.Cells {
		got, ok := vals[id]
		var gv float64
		has := false
		if ok {
			c := f.Cell(id)
			k := schema.Count
			if c != nil {
				k = c.Kind
			}
			unit := ""
			if id == "t2.fees.fee_amount" {
				unit = "万元" // the 2021 header states it
			}
			v := ReadValue(got, k, unit)
			gv, has = v.Num, v.OK
		}
		w, wok := want.(float64)
		switch {
		case want == nil && !has, wok && has && abs(gv-w) < 1e-6, und[id] && !has:
			right++
		default:
			if has {
				wrong++
			}
			problems = append(problems, id+": want "+jsonStr(want)+" got "+got)
		}
	}
	return
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func jsonStr(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestCorpusLayouts(t *testing.T) {
	cases := []struct {
		stem   string
		layout string
	}{
		{"07-pingtan-2020", "glued"},
		{"08-pingtan-2022", "glued"},
		{"11-pingtan-2023", "glued"},
		{"03-hongzequ-2023", "pdflayout"},
		{"04-hongzequ-2024", "pdfraw"},
		{"05-huaianshi-2024", "pdflayout"},
	}
	for _, tc := range cases {
		t.Run(tc.stem, func(t *testing.T) {
			lines, truth := loadCorpus(t, tc.stem)
			l := pickTextLayout(lines)
			assert.Equal(t, tc.layout, l.name)
			var lay textLayout
			for _, x := range textLayouts {
				if x.name == tc.layout {
					lay = x
				}
			}
			require.NotNil(t, lay.parse)
			doc, err := lay.parse(tc.stem+".txt", lines)
			require.NoError(t, err)
			right, wrong, problems := scoreCorpus(t, doc, truth)
			assert.Equal(t, 0, wrong, "wrong values")
			assert.Equal(t, len(truth.Cells), right, "%v", problems)
		})
	}
}

func TestBarePageNumber(t *testing.T) {
	lines := []string{
		"（七）总计   21   0   0   0    0    0   21", // 0
		"",                  // 1
		"                3", // 2: footer before a form feed
		"\f四、结转下年度继续办理   0   0   0   0    0    0   0", // 3
		"\f7",  // 4: header at the top of a page
		"行政许可", // 5
		"550",  // 6: a value, not at a page break
		"x",
	}
	assert.True(t, barePageNumber(lines, 2))
	assert.True(t, barePageNumber(lines, 4))
	assert.False(t, barePageNumber(lines, 6))
	assert.False(t, barePageNumber(lines, 0))
}

func TestLineTokens(t *testing.T) {
	cases := []struct {
		line string
		want []string // values as "v:…", label words as "w:…"
	}{
		{"政府集中采购 60 7004.69 万元", []string{"w:政府集中采购", "v:60", "v:7004.69万元"}},
		{"      （一）予以公开   1,288   ２１  —  0", []string{"w:（一）予以公开", "v:1,288", "v:２１", "v:—", "v:0"}},
		{"1.属于国家秘密\f 1 0", []string{"w:1.属于国家秘密", "v:1", "v:0"}},
		{"无 法提供 元", []string{"w:无", "w:法提供", "w:元"}},
	}
	for _, tc := range cases {
		var got []string
		for _, tok := range lineTokens(tc.line) {
			if tok.value {
				got = append(got, "v:"+tok.text)
			} else {
				got = append(got, "w:"+tok.text)
			}
		}
		assert.Equal(t, tc.want, got, tc.line)
	}
}

// TestSixValuesBeforeItem: in a 2021 report the values of （六）'s first
// item printed between the group label and the item's label are the item's.
func TestSixValuesBeforeItem(t *testing.T) {
	lines := []string{
		"三、收到和处理政府信息公开申请情况",
		"一、本年新收政府信息公开申请数量      5   0   0   0   0   0   5",
		"      （六）其他处理",
		"                                      1   0   0   0   0   0   1",
		"             1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"             2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请   0   0   0   0   0   0   0",
		"             3.其他          0   0   0   0   0   0   0",
		"     （七）总计          1   0   0   0   0   0   1",
		"四、政府信息公开行政复议、行政诉讼情况",
	}
	doc, err := parsePDFLayout("s.txt", lines)
	require.NoError(t, err)
	vals, _ := gridCells(t, doc, schema.F2021)
	assert.Equal(t, "1", vals["t3.other.no_correction.natural"])
	assert.Equal(t, "1", vals["t3.other.no_correction.total"])
	_, single := vals["t3.other.natural"]
	assert.False(t, single)

	// The single-row variant (洪泽区): the group label with its own values
	// and no items keeps them.
	lines = []string{
		"三、收到和处理政府信息公开申请情况",
		"     （六）其他处理                           2    0   0   0    0    0   2",
		"     （七）总计                             2   0   0   0    0    0   2",
		"四、政府信息公开行政复议、行政诉讼情况",
	}
	doc, err = parsePDFLayout("s.txt", lines)
	require.NoError(t, err)
	found := false
	for _, b := range doc.Blocks {
		for _, row := range b.Rows {
			if len(row) == 8 && strings.Contains(row[0].Text, "其他处理") {
				found = true
				assert.Equal(t, "2", row[1].Text)
			}
		}
	}
	assert.True(t, found)
}

// TestUnordinalWrappedLabel: a label printed without its ordinal and
// wrapped still starts its row, and a row whose label went unread never
// hands its values to the next row.
func TestUnordinalWrappedLabel(t *testing.T) {
	lines := []string{
		"三、收到和处理政府信息公开申请情况",
		"一、本年新收政府信息公开申请数量      5   0   0   0   0   0   5",
		"   上年结转政府信息公开",
		"                                    2   0   0   0   0   0   2",
		"   申请数量",
		"   某某不认识的行",
		"                                    9   9   9   9   9   9   54",
		"      （一）予以公开                  7   0   0   0   0   0   7",
		"四、政府信息公开行政复议、行政诉讼情况",
	}
	doc, err := parsePDFLayout("u.txt", lines)
	require.NoError(t, err)
	vals, _ := gridCells(t, doc, schema.F2021)
	assert.Equal(t, "2", vals["t3.carried_over.natural"])
	assert.Equal(t, "7", vals["t3.granted.natural"], "the unread row's 9s are not shifted into （一）")
	assert.Equal(t, "7", vals["t3.granted.total"])
}

// TestTableEndsAtProse: with the next heading missing, prose after a
// complete table (numbers in it included) is narrative, not table values.
func TestTableEndsAtProse(t *testing.T) {
	lines := []string{
		"四、政府信息公开行政复议、行政诉讼情况",
		"行政复议    行政诉讼",
		"1  0  0  0  1   0  0  0  0  0   0  0  0  0  0",
		"  2023 年，本机关政府信息公开工作取得一定成效，但仍存在 3 个方面的不足，",
		"主要是政策解读形式单一。",
	}
	doc, err := parsePDFLayout("e.txt", lines)
	require.NoError(t, err)
	var t4 []Cell
	paras := 0
	for _, b := range doc.Blocks {
		if b.Kind == Para {
			paras++
		}
		for _, row := range b.Rows {
			if len(row) >= 15 {
				t4 = row
			}
		}
	}
	require.Len(t, t4, 15)
	assert.Equal(t, "1", t4[4].Text)
	assert.Equal(t, 2, paras, "heading and the prose")
}

func TestIsPrintMargin(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		// Chrome and Edge, en-US and zh-CN; Firefox.
		{"11/25/26, 9:47 AM                     青禾县人民政府2022年政府信息公开工作年度报告", true},
		{"2026/11/25 09:47            青禾县人民政府2022年政府信息公开工作年度报告", true},
		{"2026/11/25 上午9:47", true},
		{"https://www.qinghe.example.gov.cn/zwgk/ndbg/2022.html                1/4", true},
		{"file:///C:/Users/a/Desktop/2022.html 2/6", true},
		{"第 1 页，共 6 页      2026/11/25 09:47", true},
		{"Page 2 of 6    11/25/26, 9:47 AM", true},
		{"http://www.qinghe.example.gov.cn/", true},
		// Report text.
		{"县人民政府”门户网站（http://www.qinghe.example.gov.cn/）下载。", false},
		{"网址：https://www.qinghe.example.gov.cn", false},
		{"2022年，青禾县人民政府坚持以公开为常态、不公开为例外。", false},
		{"1.本机关不掌握相关政府信息 31 0 0 0 0 0 31", false},
		{"10    1      0   0    0   0    0   0   0    0   5   0     0   0   0", false},
		{"2/6", false}, // a page number: isPageNumber's
		{"2022/1/1", false},
		{"", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, isPrintMargin(tc.line), tc.line)
	}
}

// TestRowOverTwoLines: in a browser's print a row's first value can sit a
// line above the others; the row goes on there only while its label goes
// on over that line and the values continue to the right.
func TestRowOverTwoLines(t *testing.T) {
	head := []string{
		"三、收到和处理政府信息公开申请情况",
		"      （一）予以公开      7   0   0   0   0   0   7",
		"      （六）其他处理",
		"             1.申请人无正当",
		"             理由逾期不补    3   0   0   0   0   0   3",
		"             正、行政机关不再处理其政府信息公开申请",
	}
	tail := []string{
		"      （七）总计          21  2   0   0   0   0   23",
		"四、政府信息公开行政复议、行政诉讼情况",
	}
	ids := []string{"natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"}
	cases := []struct {
		name  string
		lines []string
		want  []string // the row's values, "" where missing
	}{
		{"label goes on", []string{
			"             2.申请人逾期未",
			"             按收费通知要求 6",
			"             缴纳费用、行政     2   0   0   0   1   9",
			"             机关不再处理其政府信息公开申请",
		}, []string{"6", "2", "0", "0", "0", "1", "9"}},
		{"label does not go on", []string{
			"             2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 6",
			"                                      2   0   0   0   1   9",
		}, []string{"", "", "", "", "", "", ""}},
		{"values go back left", []string{
			"             2.申请人逾期未",
			"             按收费通知要求              6",
			"             缴纳费用、行政 2   0   0   0   1   9",
			"             机关不再处理其政府信息公开申请",
		}, []string{"", "", "", "6", "", "", ""}}, // 6 under its column, the next line's values dropped with a note
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines := append(append(append([]string{}, head...), tc.lines...), tail...)
			doc, err := parsePDFLayout("p.txt", lines)
			require.NoError(t, err)
			vals, _ := gridCells(t, doc, schema.F2021)
			for k, id := range ids {
				assert.Equal(t, tc.want[k], vals["t3.other.fee_unpaid."+id], id)
			}
			assert.Equal(t, "3", vals["t3.other.no_correction.natural"])
		})
	}
}

// TestBrowserPrint: a report's web page printed to PDF by Chromium, as
// pdftotext -layout and -raw give it: page margins (date and title above,
// URL and page counter below) between the rows, the body indented from
// pdftotext's first column, a value a line above its row's others. Every
// cell and every paragraph of the report comes back, and no margin.
func TestBrowserPrint(t *testing.T) {
	want, err := ReadFile(filepath.Join("..", "testdata", "sample-2021.txt"), Options{})
	require.NoError(t, err)
	var wantParas []string
	for _, s := range want.Sections {
		for _, p := range s.Paragraphs {
			wantParas = append(wantParas, strings.Join(strings.Fields(p), ""))
		}
	}
	for _, mode := range []string{"layout", "raw"} {
		t.Run(mode, func(t *testing.T) {
			got, err := ReadFile(filepath.Join("testdata", "chrome-print-2021."+mode+".txt"), Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Cells, got.Cells)
			assert.Empty(t, got.Missing)
			var paras []string
			for _, s := range got.Sections {
				for _, p := range s.Paragraphs {
					paras = append(paras, strings.Join(strings.Fields(p), ""))
					assert.NotContains(t, p, "ndbg/2022.html")
					assert.NotContains(t, p, "9:47")
				}
			}
			assert.Equal(t, wantParas, paras)
		})
	}
}

// TestParagraphWrapAtSentenceEnd: in pdftotext -layout text that indents
// its paragraphs, a line that ends a sentence at the right edge goes on in
// the next line; a short one ends its paragraph.
func TestParagraphWrapAtSentenceEnd(t *testing.T) {
	// wrap prints a paragraph as a page does: the first line indented by
	// four columns, every full line ending at column 30.
	wrap := func(p string) []string {
		r := []rune(p)
		var out []string
		for first := true; len(r) > 0; first = false {
			n, pre := 30, ""
			if first {
				n, pre = 26, "    "
			}
			n = min(n, len(r))
			out = append(out, pre+string(r[:n]))
			r = r[n:]
		}
		return out
	}
	paras := []string{
		// The first line ends with its first sentence, at the right edge.
		"本报告由某县人民政府办公室依据条例的各项要求编制成。统计期限自一月一日至十二月三十一日止。如对本报告有疑问，请与某县人民政府办公室联系。",
		"全年主动公开政府信息两千三百一十六条，其中政策文件四十六件，政策解读三十八篇，图片解读十二篇，视频解读五篇，" +
			"在线访谈四期，新闻发布会六场，回应社会关切二十一次。",
		"全年新收政府信息公开申请三十七件，上年结转三件，已答复三十八件。",
		"政府信息管理方面，严格落实公开属性源头认定和发布审查制度，全年未发生泄密事件。",
	}
	lines := []string{"一、总体情况"}
	for _, p := range paras {
		lines = append(lines, wrap(p)...)
	}
	require.True(t, strings.HasSuffix(lines[1], "。"), "the test's first line ends a sentence")
	// The third paragraph printed without its indent: the short line
	// before it ends a sentence, so it still starts anew.
	for k, ln := range lines {
		if strings.HasPrefix(ln, "    全年新收") {
			lines[k] = strings.TrimLeft(ln, " ")
		}
	}
	lines = append(lines, "二、主动公开政府信息情况")
	doc, err := parsePDFLayout("w.txt", lines)
	require.NoError(t, err)
	var got []string
	for _, b := range doc.Blocks {
		if b.Kind == Para {
			got = append(got, b.Text)
		}
	}
	assert.Equal(t, append(append([]string{"一、总体情况"}, paras...), "二、主动公开政府信息情况"), got)
}
