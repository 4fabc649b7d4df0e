package convert

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xxgk/xxgk/report"
)

// gridTexts returns a grid's texts, "^" on covered positions.
func gridTexts(b Block) [][]string {
	var out [][]string
	for _, row := range b.Rows {
		var r []string
		for _, c := range row {
			if c.Cont {
				r = append(r, "^")
			} else {
				r = append(r, c.Text)
			}
		}
		out = append(out, r)
	}
	return out
}

func grids(d *Document) []Block {
	var out []Block
	for _, b := range d.Blocks {
		if b.Kind == Grid {
			out = append(out, b)
		}
	}
	return out
}

func paras(d *Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind == Para {
			out = append(out, b.Text)
		}
	}
	return out
}

func TestReadHTMLCells(t *testing.T) {
	tests := []struct {
		name string
		html string
		want [][]string
	}{
		{"split labels joined without space", `<table><tr><td><p>商业</p><p>企业</p></td><td><p>社会</p><p><span>公益</span>
 &nbsp; &nbsp; &nbsp;</p><p><span>组织</span>&nbsp;</p></td></tr></table>`, [][]string{{"商业企业", "社会公益组织"}}},
		{"br inside header", `<table><tr><td>结果<br/>纠正</td><td>本年新<br />制作数量</td></tr></table>`,
			[][]string{{"结果纠正", "本年新制作数量"}}},
		{"nbsp padding around numbers", `<table><tr><td>规章</td><td>0&nbsp;&nbsp;&nbsp;</td><td>&nbsp;12</td><td><p>&nbsp;</p></td></tr></table>`,
			[][]string{{"规章", "0", "12", ""}}},
		{"number split across spans", `<table><tr><td>政府集中采购</td><td><span>73802895.90</span><span>元</span></td></tr></table>`,
			[][]string{{"政府集中采购", "73802895.90元"}}},
		{"pieces of Latin text keep a space", `<table><tr><td><p>18651.</p><p>06</p></td><td><p>a</p><p>b</p></td></tr></table>`,
			[][]string{{"18651. 06", "a b"}}},
		{"Word markup", `<table class=MsoNormalTable><tr><td style='mso-border-alt:solid'><p class=MsoNormal><span lang=EN-US style='font-family:仿宋_GB2312;mso-hide:none'>行政许可<o:p></o:p></span></p></td>
<td><p class=MsoNormal align=center><span lang=EN-US>4<o:p></o:p></span></p></td><td><span style='display:none'>隐藏</span>5</td></tr></table>`,
			[][]string{{"行政许可", "4", "5"}}},
		{"rowspan and colspan expanded", `<table>
<tr><td colspan="3" rowspan="2">注</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总计</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>1</td></tr>
<tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td></tr></table>`,
			[][]string{
				{"注", "^", "^", "申请人情况", "^"},
				{"^", "^", "^", "自然人", "总计"},
				{"三、本年度办理结果", "（一）予以公开", "^", "1", "1"},
				{"^", "（三）不予公开", "1.属于国家秘密", "0", "0"},
			}},
		{"rowspan beyond the table is clamped", `<table><tr><td rowspan="22">a</td><td>1</td></tr><tr><td>2</td></tr></table>`,
			[][]string{{"a", "1"}, {"^", "2"}}},
		{"data colspan not lining up with the header", `<table><tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>
<tr><td>行政许可</td><td colspan="2">0</td><td>3</td></tr></table>`,
			[][]string{{"信息内容", "上一年项目数量", "本年增/减", "^"}, {"行政许可", "0", "^", "3"}}},
		{"表四 data row without a label", `<table><tr><td colspan="5">行政复议</td></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr></table>`,
			[][]string{{"行政复议", "^", "^", "^", "^"}, {"1", "2", "3", "4", "10"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := readHTML("t.html", "<html><body>"+tc.html+"</body></html>")
			require.NoError(t, err)
			gs := grids(d)
			require.Len(t, gs, 1)
			assert.Equal(t, tc.want, gridTexts(gs[0]))
		})
	}
}

func TestReadHTMLSpansAndPositions(t *testing.T) {
	d, err := readHTML("p.html", `<table><tr><td colspan="2" rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>x</td><td>y</td><td>z</td></tr></table>`)
	require.NoError(t, err)
	g := grids(d)[0]
	assert.Equal(t, 2, g.Rows[0][0].RowSpan)
	assert.Equal(t, 2, g.Rows[0][0].ColSpan)
	assert.True(t, g.Rows[1][1].Cont)
	assert.Equal(t, "a", g.Rows[1][1].Text, "a covered position carries the merged cell's text")
	assert.Equal(t, "p.html:table1!C2", g.Rows[1][2].Pos)
}

func TestReadHTMLDocument(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>站点标题</title><style>p{}</style><script>var a="一、总体情况";</script></head>
<body><div class="nav">首页 | 政务公开 | 信息公开年报</div>
<div class="position">当前位置：首页 &gt; 政务公开</div>
<div id="content"><div class="TRS_Editor">
<h1>青石县2023年政府信息公开工作年度报告</h1>
<p class=MsoNormal>　　本报告根据《条例》编制。<br>第二段</p>
<p><span>一、总体情况&nbsp;</span></p>
<p>2023年，我县坚持以公开为常态，
不公开为例外。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td>规章</td><td>0</td></tr></table>
<div class="share">分享到：微信 微博</div>
</div></div>
<div class="footer">主办单位：青石县人民政府办公室 网站标识码：0000000000</div></body></html>`
	d, err := readHTML("r.html", page)
	require.NoError(t, err)
	assert.Equal(t, []string{"青石县2023年政府信息公开工作年度报告", "本报告根据《条例》编制。", "第二段", "一、总体情况",
		"2023年，我县坚持以公开为常态，不公开为例外。", "二、主动公开政府信息情况"}, paras(d))
	assert.True(t, d.Blocks[0].Heading)
	assert.False(t, d.Blocks[1].Heading)
	require.Len(t, d.Notes, 2)
	assert.Equal(t, report.NoteChromeDropped, d.Notes[0].Kind)
	assert.Contains(t, d.Notes[0].Detail, "当前位置：首页 > 政务公开")
	assert.Contains(t, d.Notes[0].Detail, "网站标识码")
	assert.NotContains(t, d.Notes[0].Detail, "本报告根据")
	assert.Contains(t, d.Notes[1].Detail, "分享到")
}

func TestReadHTMLInJSString(t *testing.T) {
	inner := `<p>一、总体情况</p><table border=\"1\"><tr><td colspan=\"2\">第二十条第（一）项</td></tr><tr><td class=\"x\">规章</td><td>0</td></tr></table><p>二、主动公开政府信息情况<\/p>`
	for name, page := range map[string]string{
		"a script in a page":    `<html><body><div id="c"></div><script>var content = "` + inner + `"; document.getElementById("c").innerHTML = content;</script></body></html>`,
		"the whole file quoted": inner,
	} {
		t.Run(name, func(t *testing.T) {
			d, err := readHTML("js.html", page)
			require.NoError(t, err)
			require.Len(t, grids(d), 1)
			assert.Equal(t, [][]string{{"第二十条第（一）项", "^"}, {"规章", "0"}}, gridTexts(grids(d)[0]))
			assert.Equal(t, []string{"一、总体情况", "二、主动公开政府信息情况"}, paras(d))
		})
	}
}

func TestReadHTMLGBKPage(t *testing.T) {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>一、总体情况</p><table><tr><td><p>商业</p><p>企业</p></td><td>科研机构</td></tr></table></body></html>`
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	require.NoError(t, err)
	text, enc, err := Decode([]byte(gbk))
	require.NoError(t, err)
	assert.Equal(t, "gb18030", enc)
	d, err := readHTML("gbk.html", text)
	require.NoError(t, err)
	assert.Equal(t, []string{"一、总体情况"}, paras(d))
	assert.Equal(t, [][]string{{"商业企业", "科研机构"}}, gridTexts(grids(d)[0]))
}

func TestReadHTMLWordExport(t *testing.T) {
	page := `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {mso-style-parent:""} --></style>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]--></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312;mso-ascii-font-family:"Times New Roman"'>一、总体情况<span lang=EN-US><o:p></o:p></span></span></p>
<p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>加强组织领导。</span></p>
<table class=MsoNormalTable border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=100 rowspan=2 style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal align=center><span>结果<br>维持</span></p></td><td><p class=MsoNormal><span lang=EN-US>2<o:p></o:p></span></p></td></tr>
<tr><td><p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p></td></tr>
</table></div></body></html>`
	d, err := readHTML("w.html", page)
	require.NoError(t, err)
	assert.Equal(t, []string{"一、总体情况", "1. 加强组织领导。"}, paras(d))
	assert.Equal(t, [][]string{{"结果维持", "2"}, {"^", ""}}, gridTexts(grids(d)[0]))
}

func TestReadHTMLLayoutTable(t *testing.T) {
	page := `<table><tr><td><p>一、总体情况</p><p>正文。</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>`
	d, err := readHTML("l.html", page)
	require.NoError(t, err)
	assert.Equal(t, []string{"一、总体情况", "正文。"}, paras(d))
	require.Len(t, grids(d), 1)
	assert.Equal(t, [][]string{{"规章", "0"}}, gridTexts(grids(d)[0]))
}

func TestReadHTMLPhysicalColumns(t *testing.T) {
	d, err := readHTML("w.html", `<table><tr><td colspan="2">信息内容</td><td>本年制发件数</td></tr>
<tr><td colspan="2">规章</td><td>3</td></tr><tr><td colspan="3">第二十条第（五）项</td></tr></table>`)
	require.NoError(t, err)
	g := grids(d)[0]
	assert.Equal(t, [][]string{{"信息内容", "本年制发件数"}, {"规章", "3"}, {"第二十条第（五）项", "^"}}, gridTexts(g))
	assert.Equal(t, 1, g.Rows[0][0].ColSpan)
	assert.Equal(t, 2, g.Rows[2][0].ColSpan)
}

func TestReadHTMLWhiteSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>政府信息公开\n工作</p>", "政府信息公开工作"},            // a wrapped source line inside Chinese text
		{"<p>部署。 聚焦</p>", "部署。 聚焦"},                  // a real space stays
		{"<p>部署。 \n聚焦</p>", "部署。 聚焦"},                // a space before the wrap is real
		{"<p>2025\n年</p>", "2025 年"},                 // not between two CJK characters
		{"<p>&nbsp;&nbsp;　　正文&nbsp; </p>", "正文"},     // trimmed at both ends
		{"<p>a&nbsp;&nbsp;&nbsp;b</p>", "a b"},       // a run is one space
		{"<p>一、总体情况<br>二、主动公开</p>", "一、总体情况|二、主动公开"}, // <br> ends a paragraph
	}
	for _, tc := range tests {
		d, err := readHTML("w.html", tc.in)
		require.NoError(t, err)
		assert.Equal(t, tc.want, strings.Join(paras(d), "|"), tc.in)
	}
}
