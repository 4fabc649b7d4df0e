package convert

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
)

func TestReadMarkdownBlocks(t *testing.T) {
	md := strings.Join([]string{
		"# 青石县2023年政府信息公开工作年度报告",
		"",
		"本报告根据《条例》",
		"编制。",
		"",
		"一、总体情况",
		"===",
		"",
		"　　## 不是标题 \\| 也不是表格",
		"- 列表项",
		"",
		"---",
		"**加粗**与[链接](http://example.org)和`代码`以及 \\* 星号",
		"",
		"| 信息内容 | 本年制发件数 |",
		"|:---|---:|",
		"| 规章 | 1 \\| 2 |",
		"| - | - |",
	}, "\n")
	d, err := readMarkdown("t.md", md)
	require.NoError(t, err)
	var got []string
	for _, b := range d.Blocks {
		switch {
		case b.Kind == Grid:
			got = append(got, "G:"+strings.Join(func() []string {
				var rs []string
				for _, r := range gridTexts(b) {
					rs = append(rs, strings.Join(r, ","))
				}
				return rs
			}(), ";"))
		case b.Heading:
			got = append(got, "H:"+b.Text)
		case b.Body:
			got = append(got, "B:"+b.Text)
		default:
			got = append(got, "P:"+b.Text)
		}
	}
	assert.Equal(t, []string{
		"H:青石县2023年政府信息公开工作年度报告",
		"P:本报告根据《条例》编制。",
		"H:一、总体情况",
		"B:## 不是标题 | 也不是表格",
		"P:列表项",
		"P:加粗与链接和代码以及 * 星号",
		"G:信息内容,本年制发件数;规章,1 | 2;-,-",
	}, got)
	assert.Equal(t, "t.md:1", d.Blocks[0].Pos)
}

// Converter Markdown (INDEX.md §8) comes back in the official shapes.
func TestReadMarkdownConverter(t *testing.T) {
	md := strings.Join([]string{
		"## 二、主动公开政府信息情况",
		"### 第二十条第（一）项",
		"| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
		"|---|---|---|---|",
		"| 规章 | 0 | 0 | 0 |",
		"### 第二十条第（五）项",
		"| 信息内容 | 本年处理决定数量 |",
		"|---|---|",
		"| 行政许可 | 5 |",
		"## 三、收到和处理政府信息公开申请情况",
		"### 申请人情况 (自然人)",
		"| (数据项目) | 数量 |",
		"|---|---|",
		"| - | - |",
		"### 一、本年新收政府信息公开申请数量",
		"| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
		"|---|---|---|---|---|---|---|---|",
		"| 本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
		"### (三) 不予公开",
		"| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
		"|---|---|---|---|---|---|---|---|",
		"| 1. 属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |",
		"|---|---|---|---|---|---|---|---|",
		"| （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
		"## 四、政府信息公开行政复议、行政诉讼情况",
		"### 行政诉讼（复议后起诉）",
		"| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
		"|---|---|---|---|---|",
		"| 3 | 0 | 0 | 0 | 3 |",
		"### 行政复议",
		"| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
		"|---|---|---|---|---|",
		"| 1 | 0 | 0 | 0 | 1 |",
		"### 行政诉讼（未经复议直接起诉）",
		"| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
		"|---|---|---|---|---|",
		"| 2 | 0 | 0 | 0 | 2 |",
	}, "\n")
	d, err := readMarkdown("c.md", md)
	require.NoError(t, err)
	gs := grids(d)
	require.Len(t, gs, 3)
	assert.Equal(t, [][]string{
		{"第二十条第（一）项"},
		{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"},
		{"规章", "0", "0", "0"},
		{"第二十条第（五）项"},
		{"信息内容", "本年处理决定数量"},
		{"行政许可", "5"},
	}, gridTexts(gs[0]))
	assert.Equal(t, [][]string{
		{"本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5"},
		{"(三) 不予公开"},
		{"1. 属于国家秘密", "0", "0", "0", "0", "0", "0", "0"},
		{"（七）总计", "5", "0", "0", "0", "0", "0", "5"},
	}, gridTexts(gs[1]))
	t4 := gridTexts(gs[2])
	require.Len(t, t4, 4)
	assert.Equal(t, []string{"1", "0", "0", "0", "1", "2", "0", "0", "0", "2", "3", "0", "0", "0", "3"}, t4[3],
		"行政复议, then 未经复议直接起诉, then 复议后起诉, whatever order the converter printed")
	assert.Equal(t, "行政诉讼", t4[0][5])
	assert.Equal(t, "复议后起诉", t4[1][10])
	var kinds []string
	for _, n := range d.Notes {
		kinds = append(kinds, n.Kind)
	}
	assert.Equal(t, []string{report.NoteChromeDropped, report.NoteExtraRow, report.NoteExtraRow, report.NoteExtraRow}, kinds)
	for _, b := range d.Blocks {
		assert.NotContains(t, b.Text, "申请人情况", "the placeholder's heading goes with it")
	}
}
