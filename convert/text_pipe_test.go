package convert

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xxgk/xxgk/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSampleGolden converts the synthetic samples (what the README's main
// command converts) to JSON and compares with the golden files.
func TestSampleGolden(t *testing.T) {
	for _, name := range []string{"sample-2019", "sample-2021"} {
		t.Run(name, func(t *testing.T) {
			r, err := ReadFile(filepath.Join("..", "testdata", name+".txt"), Options{})
			require.NoError(t, err)
			r.Generator = "xxgk golden"
			var buf bytes.Buffer
			require.NoError(t, report.WriteJSON(&buf, r))
			golden := filepath.Join("testdata", name+".json.golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), buf.String())
			// Complete: every cell of the format read, nothing missing.
			assert.Len(t, r.Cells, map[string]int{"sample-2019": 198, "sample-2021": 200}[name])
			assert.Empty(t, r.Missing)
		})
	}
}

// readSample reads a sample's text.
func readSample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name+".txt"))
	require.NoError(t, err)
	return string(b)
}

// readSampleReport reads a sample's text and the Report the txt reader
// gives for it.
func readSampleReport(t *testing.T, name string) (string, *report.Report) {
	t.Helper()
	src := readSample(t, name)
	r, err := ReadBytes(name+".txt", ".txt", []byte(src), Options{})
	require.NoError(t, err)
	return src, r
}

func recognizeText(t *testing.T, text string) *report.Report {
	t.Helper()
	doc, err := readText("r.txt", text)
	require.NoError(t, err)
	r, err := Recognize(doc, Options{})
	require.NoError(t, err)
	return r
}

// isTableLine tells the sample's table rows (pipe rows) from its narrative.
func isTableLine(ln string) bool { return strings.Contains(ln, "|") }

// TestTextLayouts rewrites a sample in each cell-separated layout and
// expects the very same cells.
func TestTextLayouts(t *testing.T) {
	for _, sample := range []string{"sample-2019", "sample-2021"} {
		text := readSample(t, sample)
		want := recognizeText(t, text)
		lines := splitLines(text)
		rewrite := func(f func(cells []string) []string) string {
			var out []string
			for _, ln := range lines {
				if !isTableLine(ln) {
					out = append(out, ln)
					continue
				}
				cells, _ := pipeCells(ln)
				out = append(out, f(cells)...)
			}
			return strings.Join(out, "\n") + "\n"
		}
		cases := map[string]string{
			"tab-separated": rewrite(func(c []string) []string { return []string{strings.Join(c, "\t")} }),
			"markdown": rewrite(func(c []string) []string {
				return []string{"| " + strings.Join(c, " | ") + " |"}
			}),
			"one cell per line with trailing pipe": rewrite(func(c []string) []string {
				var out []string
				for _, x := range c {
					out = append(out, x+" |")
				}
				return out
			}),
			"one cell per paragraph": rewrite(func(c []string) []string {
				var out []string
				for _, x := range c {
					if x != "" {
						out = append(out, "  "+x, "")
					}
				}
				return out
			}),
			"xxgk txt contract": func() string {
				var out []string
				for i, ln := range lines {
					if i == 0 || isTableLine(ln) || isHeadingLine(ln) {
						out = append(out, ln)
					} else {
						out = append(out, paraIndent+ln)
					}
				}
				return strings.Join(out, "\n") + "\n"
			}(),
		}
		for name, in := range cases {
			t.Run(sample+"/"+name, func(t *testing.T) {
				got := recognizeText(t, in)
				assert.Empty(t, diffCells(want, got))
				assert.Equal(t, want.Format, got.Format)
				assert.Equal(t, want.Year, got.Year)
				assert.Equal(t, want.Title, got.Title)
				for i, s := range want.Sections {
					assert.Equal(t, s.Heading, got.Sections[i].Heading, s.ID)
				}
				if name == "xxgk txt contract" {
					assert.Equal(t, want.Sections, got.Sections)
				}
			})
		}
	}
}

func isHeadingLine(ln string) bool {
	for _, p := range []string{"一、", "二、", "三、", "四、", "五、", "六、"} {
		if strings.HasPrefix(ln, p) && len([]rune(ln)) < 30 {
			return true
		}
	}
	return false
}

// diffCells lists the cells two Reports read differently (short output).
func diffCells(a, b *report.Report) []string {
	var out []string
	for id, v := range a.Cells {
		if w, ok := b.Cells[id]; !ok || w != v {
			out = append(out, fmt.Sprintf("%s: %v → %v (%q)", id, v, b.Cells[id], b.Missing[id]))
		}
	}
	for id := range b.Cells {
		if _, ok := a.Cells[id]; !ok {
			out = append(out, fmt.Sprintf("%s: extra %v", id, b.Cells[id]))
		}
	}
	for id, m := range a.Missing {
		if w, ok := b.Missing[id]; !ok || w != m {
			out = append(out, fmt.Sprintf("%s: missing %q → %q", id, m, w))
		}
	}
	sort.Strings(out)
	if len(out) > 8 {
		out = append(out[:8], fmt.Sprintf("… %d differences", len(out)))
	}
	return out
}

// TestOwnTxtHeadings: in xxgk's own txt every body paragraph is indented,
// so an unindented line is a heading even when worded unlike the format.
func TestOwnTxtHeadings(t *testing.T) {
	text := "某某县2020年政府信息公开工作年度报告\n\u3000\u3000前言。\n总体情况\n\u3000\u3000正文一。\n\u3000\u3000正文二。\n" +
		"五、存在问题及改进情况\n\u3000\u3000无。\n"
	r := recognizeText(t, text)
	assert.Equal(t, "某某县2020年政府信息公开工作年度报告", r.Title)
	assert.Equal(t, []string{"前言。"}, r.Sections[0].Paragraphs)
	assert.Equal(t, "总体情况", r.Sections[1].Heading)
	assert.Equal(t, []string{"正文一。", "正文二。"}, r.Sections[1].Paragraphs)
	assert.Equal(t, "五、存在问题及改进情况", r.Sections[5].Heading)
}

// TestPickTextLayout: the dispatcher gives the text to the layout that
// fits best.
func TestPickTextLayout(t *testing.T) {
	pipe := splitLines(readSample(t, "sample-2019"))
	assert.Equal(t, "pipe", pickTextLayout(pipe).name)
	var cells []string
	for i := 0; i < 30; i++ {
		cells = append(cells, "规章", "", "  0", "")
	}
	assert.Equal(t, "cells", pickTextLayout(cells).name)
	assert.Equal(t, "pipe", pickTextLayout([]string{"一、总体情况", "正文。"}).name, "plain paragraphs")
}

// TestTxtEncodings: CRLF line ends and GB18030 bytes read like UTF-8.
func TestTxtEncodings(t *testing.T) {
	text := readSample(t, "sample-2021")
	want := recognizeText(t, text)
	crlf := strings.ReplaceAll(text, "\n", "\r\n")
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	require.NoError(t, err)
	for name, b := range map[string][]byte{"crlf": []byte(crlf), "gb18030": []byte(gbk), "bom": append([]byte{0xEF, 0xBB, 0xBF}, text...)} {
		r, err := ReadBytes("r.txt", ".txt", b, Options{})
		require.NoError(t, err, name)
		assert.Empty(t, diffCells(want, r), name)
		assert.Equal(t, want.Title, r.Title, name)
		assert.Equal(t, name == "gb18030", hasNote(r, report.NoteEncoding, ""), name)
	}
}

func TestPipeCellsTabs(t *testing.T) {
	cases := []struct {
		line string
		want []string
	}{
		// Tab-separated: a tab between cells, none after the last.
		{"行政处罚\t2648\t\t", []string{"行政处罚", "2648", "", ""}},
		{"规章\t0\t0\t0", []string{"规章", "0", "0", "0"}},
		{"\t3\t1 ", []string{"", "3", "1"}},
		// Pipes: a trailing pipe ends the row.
		{"规章 | 0 | 0 | 0 |", []string{"规章", "0", "0", "0"}},
		{"行政处罚 | 2648 | | |", []string{"行政处罚", "2648", "", ""}},
	}
	for _, tc := range cases {
		got, ok := pipeCells(tc.line)
		assert.True(t, ok, tc.line)
		assert.Equal(t, tc.want, got, tc.line)
	}
}

// TestTabCopyTrailingBlanks: a table copied from a browser as tab-separated
// text ends a row with blank cells as tabs; a row of exactly its label and
// its cells keeps those blanks, so the values before them stay in their
// columns (they were missing: one value for three columns).
func TestTabCopyTrailingBlanks(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "sample-2019.txt"))
	require.NoError(t, err)
	want, err := ReadBytes("s.txt", ".txt", src, Options{})
	require.NoError(t, err)
	var lines []string
	for _, ln := range strings.Split(string(src), "\n") {
		if cells, ok := pipeCells(ln); ok {
			switch {
			case len(cells) > 1 && cells[0] == "行政处罚":
				cells = []string{cells[0], cells[1], "", ""}
			case strings.HasPrefix(cells[0], "4.保护第三方"):
				// 其他组织 and 总计 blank (the row's merge remnants gone).
				cells = append(cells[:6:6], "", "")
			}
			ln = strings.Join(cells, "\t")
		}
		lines = append(lines, ln)
	}
	got, err := ReadBytes("s.txt", ".txt", []byte(strings.Join(lines, "\n")), Options{})
	require.NoError(t, err)
	assert.Equal(t, want.Cells["t2.penalty.items_prev"], got.Cells["t2.penalty.items_prev"])
	for _, id := range []string{"t2.penalty.items_change", "t2.penalty.decisions"} {
		assert.NotContains(t, got.Cells, id, "blank in the copy")
	}
	blank := 0
	for id, v := range want.Cells {
		if gv, ok := got.Cells[id]; ok {
			assert.Equal(t, v, gv, id)
		} else {
			blank++
		}
	}
	for _, id := range []string{"t3.denied.third_party.other_org", "t3.denied.third_party.total"} {
		assert.NotContains(t, got.Cells, id, "blank in the copy")
	}
	assert.Equal(t, 4, blank, "the blanked cells only")
}
