package convert

import (
	"testing"
)

// checkDoc asserts the invariants every reader's Document keeps.
func checkDoc(t *testing.T, d *Document) {
	t.Helper()
	for _, b := range d.Blocks {
		if b.Pos == "" {
			t.Fatalf("block without position: %+v", b)
		}
		if b.Kind == Para {
			continue
		}
		for _, row := range b.Rows {
			for _, c := range row {
				if !c.Cont && (c.RowSpan < 1 || c.ColSpan < 1) {
					t.Fatalf("cell %q at %s with spans %d×%d", c.Text, c.Pos, c.RowSpan, c.ColSpan)
				}
				if c.RowSpan > maxSpan || c.ColSpan > maxSpan {
					t.Fatalf("span beyond the cap at %s", c.Pos)
				}
			}
		}
	}
}

func FuzzHTMLDocument(f *testing.F) {
	f.Add(`<p>一、总体情况</p><table><tr><td rowspan="3" colspan="2"><p>商业</p><p>企业</p></td><td>1</td></tr></table>`)
	f.Add(`<table><tr><td rowspan="0" colspan="-1">a</td></tr><tr><td colspan="99999">b</td></tr></table>`)
	f.Add(`<script>var s="<table><tr><td>a<\/td><td>b<\/td><\/tr><\/table>";</script>`)
	f.Add(`<div class="nav">首页</div><div><h2>三、收到和处理政府信息公开申请情况</h2><table><tr><td>x</td><td>y</td></tr></table></div>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := readHTML("f.html", s)
		if err != nil {
			return
		}
		checkDoc(t, d)
	})
}

func FuzzMarkdownDocument(f *testing.F) {
	f.Add("# 标题\n\n　　正文 \\| 竖线\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	f.Add("### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 1 | 0 | 0 | 0 | 1 |\n")
	f.Add("| - | - |\n|---|---|\n| - | - |\n[链接](http://x) **粗** `码` \\")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := readMarkdown("f.md", s)
		if err != nil {
			return
		}
		checkDoc(t, d)
	})
}

func FuzzDocxDocument(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := docxDocument("f.docx", b)
		if err != nil {
			return
		}
		checkDoc(t, d)
	})
}
