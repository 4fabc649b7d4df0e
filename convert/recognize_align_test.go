package convert

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// crawl prints a pipe-text report one cell per line, empty cells left out
// and a line equal to the one before dropped, as the crawlers of some
// government sites store pages.
func crawl(txt string) string {
	var out []string
	for _, ln := range strings.Split(txt, "\n") {
		for _, c := range strings.Split(ln, "|") {
			c = strings.TrimSpace(c)
			if c == "" || len(out) > 0 && out[len(out)-1] == c {
				continue
			}
			out = append(out, c)
		}
	}
	return strings.Join(out, "\n")
}

// sheetExport prints a pipe-text report as a spreadsheet exports it to tab
// text: the blank cells that pad a row to the grid's width stand right
// after its labels (where the merged label cells were).
func sheetExport(txt string) string {
	var out []string
	for _, ln := range strings.Split(txt, "\n") {
		if !strings.Contains(ln, "|") {
			out = append(out, ln)
			continue
		}
		cells := strings.Split(strings.TrimSuffix(strings.TrimSpace(ln), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		pad := 0
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells, pad = cells[:len(cells)-1], pad+1
		}
		labels := 0
		for labels < len(cells) && cells[labels] != "" && !isValueText(cells[labels]) {
			labels++
		}
		row := append(append(append([]string{}, cells[:labels]...), make([]string, pad)...), cells[labels:]...)
		out = append(out, strings.Join(row, "\t"))
	}
	return strings.Join(out, "\n")
}

// checkNeverWrong asserts the property every reading keeps: each cell of the
// truth is read right, or left missing; never a number that is not the
// truth. It returns how many cells were read right.
func checkNeverWrong(t *testing.T, truth, got *report.Report, doc string) int {
	t.Helper()
	right := 0
	for _, id := range schema.Get(truth.Format).IDs(truth.Layout) {
		g, read := got.Cells[id]
		w, has := truth.Cells[id]
		switch {
		case read && has && nearlyEqual(g, w):
			right++
		case read:
			require.Failf(t, "wrong value", "%s: read %v, truth %v (has %v)\n%s", id, g, w, has, doc)
		}
	}
	return right
}

func TestAlignCollapsedCrawl(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		total, right := 0, 0
		for seed := int64(1); seed <= 40; seed++ {
			r := randomReport(rand.New(rand.NewSource(seed)), format, nil, seed%2 == 0)
			b, err := Render(r, ".txt", Options{})
			require.NoError(t, err)
			doc := crawl(string(b))
			got, err := ReadBytes("crawl.txt", ".txt", []byte(doc), Options{})
			require.NoError(t, err)
			right += checkNeverWrong(t, r, got, doc)
			total += len(r.Cells)
		}
		t.Logf("%s: %d of %d cells read from crawled text", format, right, total)
	}
}

// A report of mostly zeros, crawled: every row collapses, and the tables'
// arithmetic and the layout place every value.
func TestAlignCollapsedZeros(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		t.Run(format, func(t *testing.T) {
			r := exportSample(format, nil, 3)
			f := schema.Get(format)
			for _, c := range f.Cells(nil) {
				if c.Table != "t2" {
					r.Cells[c.ID] = 0
				}
			}
			for _, col := range []string{"natural", "total"} {
				for _, row := range []string{"new_received", "granted", "result_total"} {
					r.Cells["t3."+row+"."+col] = 4
				}
			}
			r.Cells["t4.rev.upheld"], r.Cells["t4.rev.total"] = 1, 1
			b, err := Render(r, ".txt", Options{})
			require.NoError(t, err)
			doc := crawl(string(b))
			got, err := ReadBytes("crawl.txt", ".txt", []byte(doc), Options{})
			require.NoError(t, err)
			checkNeverWrong(t, r, got, doc)
			for _, c := range f.Cells(nil) {
				if c.Table != "t2" {
					assert.Contains(t, got.Cells, c.ID, "%s\n%s", c.ID, doc)
				}
			}
			assert.True(t, hasNoteKind(got, report.NoteAligned))
		})
	}
}

// Spreadsheet tab text: merged label cells leave blanks after the label
// (sheetExport moves a row's padding there, so the reports have no blank
// cells of their own; TestAlignSheetExportSourceBlank has one).
func TestAlignSheetExportBlanks(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		total, right := 0, 0
		for seed := int64(1); seed <= 40; seed++ {
			r := randomReport(rand.New(rand.NewSource(seed)), format, nil, false)
			b, err := Render(r, ".txt", Options{})
			require.NoError(t, err)
			doc := sheetExport(string(b))
			got, err := ReadBytes("sheet.txt", ".txt", []byte(doc), Options{})
			require.NoError(t, err)
			right += checkNeverWrong(t, r, got, doc)
			total += len(r.Cells)
		}
		t.Logf("%s: %d of %d cells read from sheet-exported text", format, right, total)
		assert.Greater(t, right, total*9/10, format)
	}
}

// The case: the label's merged cell left a blank after it and the
// source left 科研机构 blank. Read positionally after dropping the first
// blank, every value keeps its column; a shift would put 3 under 科研机构.
func TestAlignSheetExportSourceBlank(t *testing.T) {
	r := exportSample(schema.F2021, nil, 5)
	b, err := Render(r, ".txt", Options{})
	require.NoError(t, err)
	doc := sheetExport(string(b))
	row := "三、本年度办理结果\t（一）予以公开\t\t21\t3\t\t0\t0\t0\t24"
	lines := strings.Split(doc, "\n")
	for i, ln := range lines {
		if strings.Contains(ln, "（一）予以公开") {
			lines[i] = row
		}
	}
	doc = strings.Join(lines, "\n")
	got, err := ReadBytes("sheet.txt", ".txt", []byte(doc), Options{})
	require.NoError(t, err)
	want := map[string]float64{"natural": 21, "commercial": 3, "public_welfare": 0, "legal_service": 0, "other_org": 0, "total": 24}
	for col, v := range want {
		if g, ok := got.Cells["t3.granted."+col]; ok {
			assert.Equal(t, v, g, col)
		}
	}
	_, read := got.Cells["t3.granted.research"]
	assert.False(t, read, "科研机构 was left blank")
}

func TestSplitHeadingsJoined(t *testing.T) {
	lines := strings.Split("一\n、\n总体情况\n正文\n三、收到和处理\n政府信息\n公开申请\n情况\n六、\n其他\n需要\n报告的事项\n三\n、\n本", "\n")
	joinSplitHeadings(lines)
	assert.Equal(t, []string{"", "", "一、总体情况", "正文", "三、收到和处理政府信息公开申请情况", "", "", "",
		"六、其他需要报告的事项", "", "", "", "三", "、", "本"}, lines)
}

func TestSplitBreadcrumb(t *testing.T) {
	long := "当前位置：首页 > 政务公开 > 年报 " + strings.Repeat("时间 ", 30) + "根据《条例》要求编制本报告。一、总体情况"
	tests := []struct{ line, crumb, rest string }{
		{"当前位置：首页 > 政务公开", "当前位置：首页 > 政务公开", ""},
		{long, strings.TrimSpace(long[:strings.Index(long, "根据")]), long[strings.Index(long, "根据"):]},
	}
	for _, tc := range tests {
		crumb, rest := splitBreadcrumb(tc.line)
		assert.Equal(t, tc.crumb, crumb)
		assert.Equal(t, tc.rest, rest)
	}
}

func hasNoteKind(r *report.Report, kind string) bool {
	for _, n := range r.Notes {
		if n.Kind == kind {
			return true
		}
	}
	return false
}

func TestOrdinalIsNotAValue(t *testing.T) {
	for _, s := range []string{"2.", "3、", "12．"} {
		assert.False(t, isValueText(s), s)
	}
	for _, s := range []string{"2", "2.5", "0"} {
		assert.True(t, isValueText(s), fmt.Sprint(s))
	}
}

// A page flattened onto one line with spaces between the cells (copied or
// crawled from a web page) reads as the same page one cell per line, and
// every position names the input's one line.
func TestReflowFlattenedPage(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		t.Run(format, func(t *testing.T) {
			r := exportSample(format, nil, 7)
			b, err := Render(r, ".txt", Options{})
			require.NoError(t, err)
			perLine := crawl(string(b))
			flat := "标题: 样例\n" + strings.ReplaceAll(perLine, "\n", " ")
			want, err := ReadBytes("lines.txt", ".txt", []byte(perLine), Options{})
			require.NoError(t, err)
			got, err := ReadBytes("flat.txt", ".txt", []byte(flat), Options{})
			require.NoError(t, err)
			assert.Equal(t, want.Cells, got.Cells)
			assert.Greater(t, len(got.Cells), 150)
			for id, pos := range got.Pos {
				assert.Equal(t, "flat.txt:2", pos, id)
			}
		})
	}
}

func TestReflowLeavesShortLines(t *testing.T) {
	lines := []string{"一、总体情况", "二、主动公开政府信息情况 规章 0 0 0"}
	_, _, ok := reflow(lines)
	assert.False(t, ok)
}
