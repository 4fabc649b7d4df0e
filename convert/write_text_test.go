package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

func TestTextLayout(t *testing.T) {
	r := exportSample(schema.F2021, []string{schema.LayoutOtherSingleRow}, 0)
	delete(r.Cells, "t3.granted.natural")
	r.Missing["t3.granted.natural"] = ""
	delete(r.Cells, "t4.rev.upheld")
	r.Missing["t4.rev.upheld"] = "—"
	delete(r.Cells, "t2.rules.issued")
	r.Missing["t2.rules.issued"] = "a|b"
	r.Sections[1].Paragraphs = []string{"二、主动公开政府信息情况", "规章 | 0 | 0 | 0 |"}
	b, err := Render(r, ".txt", Options{})
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	assert.Equal(t, r.Title, lines[0], "the title comes first, unindented")
	want := []string{
		"　　二、主动公开政府信息情况",
		"　　规章 | 0 | 0 | 0 |",
		"第二十条第（一）项 | |||",
		"信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
		"规章 | a｜b | 2 | 3 |",
		"信息内容 | 本年处理决定数量 | ||",
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||",
		"自然人 | 法人或其他组织 | 总计 | |||||||",
		"商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||",
		"三、本年度办理结果 | （一）予以公开 | | 3 | 4 | 5 | 6 | 0 | 20 | |",
		"（五）不予处理 | 1.信访举报投诉类申请 | 3 | 4 | 5 | 6 | 0 | 1 | 19 | |",
		"行政复议 | 行政诉讼 | |||||||||||||",
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||",
		"— | 4 | 5 | 6 | 18 | 0 | 1 | 2 | 3 | 6 | 4 | 5 | 6 | 0 | 15 |",
	}
	for _, w := range want {
		assert.Contains(t, lines, w)
	}
	// The single-row （六）: one row spanning the two label columns.
	var six []string
	for _, ln := range lines {
		if strings.HasPrefix(ln, "（六）") || strings.HasPrefix(ln, "1.申请人") {
			six = append(six, ln)
		}
	}
	require.Len(t, six, 1)
	assert.Regexp(t, `^（六）其他处理 \| (\d+ \| ){7}\|\|$`, six[0])
	// Every table row spans the whole grid: cells + covered positions.
	for _, ln := range lines {
		if strings.HasPrefix(ln, "　　") || !strings.Contains(ln, "|") {
			continue
		}
		n := strings.Count(ln, "|")
		assert.Contains(t, []int{4, 10, 15}, n, "row %q has %d cells", ln, n)
	}
}

func TestMarkdownLayout(t *testing.T) {
	r := exportSample(schema.F2019, nil, 0)
	r.Sections[1].Paragraphs = []string{"# 不是标题", "a | b", `反斜杠 \ 与 *星* _线_ <b>`}
	b, err := Render(r, ".md", Options{})
	require.NoError(t, err)
	s := string(b)
	assert.True(t, strings.HasPrefix(s, "# "+r.Title+"\n\n"))
	assert.Contains(t, s, "\n## 一、总体情况\n")
	assert.Contains(t, s, "\n　　\\# 不是标题\n")
	assert.Contains(t, s, "\n　　a \\| b\n")
	assert.Contains(t, s, "\n　　反斜杠 \\\\ 与 \\*星\\* \\_线\\_ \\<b\\>\n")
	assert.Contains(t, s, "| 第二十条第（一）项 |  |  |  |\n| --- | --- | --- | --- |\n| 信息内容 | 本年新制作数量 |")
	assert.Contains(t, s, "| 政府集中采购 | 0 | 100.25 |  |")
	d, err := readMarkdown("r.md", s)
	require.NoError(t, err)
	var body []string
	for _, bl := range d.Blocks {
		if bl.Body {
			body = append(body, bl.Text)
		}
	}
	assert.Contains(t, body, "# 不是标题")
	assert.Contains(t, body, "a | b")
	assert.Contains(t, body, `反斜杠 \ 与 *星* _线_ <b>`)
}

// TestWriterGoldens pins the txt, md and html of fixed synthetic reports
// (testdata/export-*.golden; go test -run TestWriterGoldens -update rewrites
// them).
func TestWriterGoldens(t *testing.T) {
	cases := []struct {
		name   string
		format string
		layout []string
	}{
		{"2019", schema.F2019, nil},
		{"2021", schema.F2021, nil},
		{"2021-single-row", schema.F2021, []string{schema.LayoutOtherSingleRow}},
	}
	for _, tc := range cases {
		r := exportSample(tc.format, tc.layout, 0)
		// Markers and a published total that disagrees, as reports print them.
		delete(r.Cells, "t3.partial.research")
		r.Missing["t3.partial.research"] = "—"
		delete(r.Cells, "t3.granted.natural")
		r.Missing["t3.granted.natural"] = ""
		r.Cells["t3.result_total.total"]++
		for _, ext := range []string{".txt", ".md", ".html"} {
			t.Run(tc.name+ext, func(t *testing.T) {
				got, err := Render(r, ext, Options{})
				require.NoError(t, err)
				path := filepath.Join("testdata", "export-"+tc.name+ext+".golden")
				if *update {
					require.NoError(t, os.WriteFile(path, got, 0o644))
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "run with -update to create the golden file")
				assert.Equal(t, string(want), string(got))
			})
		}
	}
}
