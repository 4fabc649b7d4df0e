package damage

import (
	"fmt"
	"math/rand"
	"strings"
	"unicode/utf8"
)

// Damage is one named way real tools damage a report's text.
type Damage struct {
	Name string
	// Merge is the merged-cell mode the damage renders with.
	Merge Merge
	// Apply changes the abstract document; nil for damage done by Merge.
	Apply func(d *Doc, r *rand.Rand)
	// Layouts the damage applies to; nil means every layout.
	Layouts []Layout
}

var separated = []Layout{Pipe, Tab, Markdown}

// notGlued lists the layouts where a label has lines of its own.
var notGlued = []Layout{Pipe, Tab, Markdown, PerLine, Collapsed, PDFLayout, PDFRaw}

// Damages lists every damage class in a fixed order.
var Damages = []Damage{
	{Name: "none"},
	{Name: "merged_after", Merge: After, Layouts: separated},
	{Name: "merged_inside", Merge: Inside, Layouts: separated},
	{Name: "merged_pad", Merge: Pad, Layouts: separated},
	{Name: "label_wrap", Apply: breakLabels(wrapLabel), Layouts: notGlued},
	{Name: "label_split", Apply: breakLabels(splitLabel), Layouts: notGlued},
	{Name: "label_lift", Apply: breakLabels(liftLabel), Layouts: notGlued},
	{Name: "header_missing", Apply: dropHeaders},
	{Name: "header_invented", Apply: inventHeaders},
	{Name: "page_footer", Apply: pageFooters},
	{Name: "fullwidth", Apply: fullWidth},
	{Name: "traditional", Apply: traditional},
	{Name: "label_variants", Apply: labelVariants},
	{Name: "heading_glued", Apply: glueHeadings, Layouts: notGlued},
	{Name: "breadcrumb", Apply: breadcrumb},
	{Name: "label_vertical", Apply: verticalLabel, Layouts: notGlued},
	{Name: "thousands", Apply: thousands, Layouts: []Layout{Pipe, Tab, Markdown, PerLine, PDFLayout}},
}

// Class is one layout with one damage: the unit the test counts.
type Class struct {
	Layout Layout
	Damage Damage
}

func (c Class) String() string { return string(c.Layout) + "/" + c.Damage.Name }

// Classes lists every applicable layout × damage pair in a fixed order.
func Classes() []Class {
	var out []Class
	for _, d := range Damages {
		for _, l := range Layouts {
			if d.Layouts == nil || contains(d.Layouts, l) {
				out = append(out, Class{Layout: l, Damage: d})
			}
		}
	}
	return out
}

func contains(ls []Layout, l Layout) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// dataRows returns the indexes of the data rows of a table ("" = any).
func dataRows(d *Doc, table string) []int {
	var out []int
	for i, it := range d.Items {
		if it.Kind == Data && (table == "" || it.Table == table) {
			out = append(out, i)
		}
	}
	return out
}

// ownLabel is the row's own label cell (the last one), or nil.
func ownLabel(it *Item) *Cell {
	if len(it.Labels) == 0 {
		return nil
	}
	return &it.Labels[len(it.Labels)-1]
}

type breaker func(it Item, r *rand.Rand) []Item

// breakLabels applies a label break to some long 表三/表二 labels (at least
// one per document).
func breakLabels(b breaker) func(d *Doc, r *rand.Rand) {
	return func(d *Doc, r *rand.Rand) {
		var out []Item
		done := false
		for i, it := range d.Items {
			l := ownLabel(&it)
			long := it.Kind == Data && l != nil && utf8.RuneCountInString(l.Text) >= 8
			if long && (r.Intn(3) == 0 || (!done && i == lastLong(d))) {
				out = append(out, b(it, r)...)
				done = true
				continue
			}
			out = append(out, it)
		}
		d.Items = out
	}
}

func lastLong(d *Doc) int {
	last := -1
	for i, it := range d.Items {
		if l := ownLabel(&it); it.Kind == Data && l != nil && utf8.RuneCountInString(l.Text) >= 8 {
			last = i
		}
	}
	return last
}

// cut splits s into n parts at rune boundaries chosen by r.
func cut(s string, n int, r *rand.Rand) []string {
	rs := []rune(s)
	var parts []string
	for k := n; k > 1; k-- {
		at := 1 + r.Intn(max(len(rs)-k, 1))
		at = min(at, len(rs)-1)
		parts = append(parts, string(rs[:at]))
		rs = rs[at:]
	}
	return append(parts, string(rs))
}

// groupsFirst moves the group labels printed on the row to label rows of
// their own before it (a wrapped row starts below them).
func groupsFirst(it *Item) []Item {
	var out []Item
	it.Labels = append([]Cell(nil), it.Labels...)
	for i := range it.Labels[:len(it.Labels)-1] {
		if c := &it.Labels[i]; !c.Cont {
			out = append(out, Item{Kind: Label, Table: it.Table, Text: c.Text})
			c.Cont = true
		}
	}
	return out
}

// splitLabel: the label's first part on a line of its own, the rest with
// the values.
func splitLabel(it Item, r *rand.Rand) []Item {
	out := groupsFirst(&it)
	p := cut(ownLabel(&it).Text, 2, r)
	ownLabel(&it).Text = p[1]
	return append(out, Item{Kind: Label, Table: it.Table, Text: p[0]}, it)
}

// wrapLabel: the label over three lines, the values on the middle one.
func wrapLabel(it Item, r *rand.Rand) []Item {
	out := groupsFirst(&it)
	p := cut(ownLabel(&it).Text, 3, r)
	ownLabel(&it).Text = p[1]
	return append(out, Item{Kind: Label, Table: it.Table, Text: p[0]}, it, Item{Kind: Label, Table: it.Table, Text: p[2]})
}

// liftLabel: the label on its own line(s), the values alone below.
func liftLabel(it Item, r *rand.Rand) []Item {
	var out []Item
	for _, c := range it.Labels {
		if !c.Cont {
			out = append(out, Item{Kind: Label, Table: it.Table, Text: c.Text})
		}
	}
	it.Labels = nil
	return append(out, it)
}

// dropHeaders removes header rows: 表三's, 表四's, or a 表二 block's title
// or header row (16 has no 第二十条第（六）项 row).
func dropHeaders(d *Doc, r *rand.Rand) {
	var out []Item
	pick := r.Intn(4)
	t2Drop := -1
	if pick == 2 {
		t2Drop = 1 + r.Intn(4)
	}
	t2Block := 0
	for _, it := range d.Items {
		if it.Kind == Title {
			t2Block++
		}
		switch {
		case it.Kind == Header && it.Table == "t3" && (pick == 0 || pick == 3):
		case it.Kind == Header && it.Table == "t4" && (pick == 1 || pick == 3):
		case (it.Kind == Header || it.Kind == Title) && it.Table == "t2" && t2Block == t2Drop+1 && pick == 2:
		default:
			out = append(out, it)
		}
	}
	d.Items = out
}

// inventHeaders adds a generic header (数据1…) over 表三 or the wrong header
// of 14-shuyang before （六）/（七）.
func inventHeaders(d *Doc, r *rand.Rand) {
	rows := dataRows(d, "t3")
	generic := []string{"类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"}
	wrong := []string{"项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计"}
	hdr, at := generic, rows[0]
	if r.Intn(2) == 0 {
		hdr, at = wrong, rows[len(rows)-3]
	}
	it := Item{Kind: Header, Table: "t3", Width: 8}
	for _, h := range hdr {
		it.Labels = append(it.Labels, Cell{Text: h, Span: 1})
	}
	d.Items = insert(d.Items, at, it)
}

func insert(items []Item, at int, it Item) []Item {
	out := append([]Item(nil), items[:at]...)
	out = append(out, it)
	return append(out, items[at:]...)
}

// pageFooters puts page numbers between rows of 表三 (and 表二).
func pageFooters(d *Doc, r *rand.Rand) {
	rows := dataRows(d, "t3")
	at := rows[1+r.Intn(len(rows)-2)]
	page := 3 + r.Intn(4)
	text := fmt.Sprintf("- %d -", page)
	if r.Intn(2) == 0 {
		text = fmt.Sprintf("-%d-", page)
	}
	d.Items = insert(d.Items, at, Item{Kind: Footer, Table: "t3", Text: text})
	if r.Intn(2) == 0 {
		t2 := dataRows(d, "t2")
		d.Items = insert(d.Items, t2[1+r.Intn(len(t2)-1)], Item{Kind: Footer, Table: "t2", Text: fmt.Sprintf("- %d -", page-1)})
	}
}

// fullWidth prints every value's digits full-width (２３).
func fullWidth(d *Doc, r *rand.Rand) {
	for i := range d.Items {
		for j := range d.Items[i].Vals {
			v := &d.Items[i].Vals[j]
			v.Text = strings.Map(func(c rune) rune {
				if c >= '0' && c <= '9' {
					return c - '0' + '０'
				}
				return c
			}, v.Text)
		}
	}
}

// tradMap holds the traditional characters of formats.md / INDEX.md.
var tradMap = strings.NewReplacer("规", "規", "范", "範", "制", "製", "数", "數", "对", "對", "开", "開", "总", "總",
	"处", "處", "决", "決", "采", "採", "购", "購", "额", "額", "项", "項", "务", "務", "请", "請")

// traditional prints labels, headings and prose as a traditional-character
// mirror does.
func traditional(d *Doc, r *rand.Rand) {
	for i := range d.Items {
		it := &d.Items[i]
		it.Text = tradMap.Replace(it.Text)
		for j := range it.Labels {
			it.Labels[j].Text = tradMap.Replace(it.Labels[j].Text)
			if it.Labels[j].Text == "規範性文件" && r.Intn(2) == 0 {
				it.Labels[j].Text = "規範性檔案"
			}
		}
	}
}

// glueHeadings glues section headings to the sentence before and after
// ("…下载。一、总体情况2020年，…").
func glueHeadings(d *Doc, r *rand.Rand) {
	var out []Item
	for _, it := range d.Items {
		n := len(out)
		if it.Kind == Para && n > 0 && out[n-1].Kind == Para && (it.Heading || out[n-1].Heading) {
			out[n-1].Text += it.Text
			out[n-1].Heading = out[n-1].Heading || it.Heading
			continue
		}
		out = append(out, it)
	}
	d.Items = out
}

// breadcrumb puts site chrome and a crawler header before the text.
func breadcrumb(d *Doc, r *rand.Rand) {
	chrome := []string{"当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文", "【字体：大 中 小】 打印 关闭"}
	if r.Intn(2) == 0 {
		chrome = append([]string{"标题: " + d.Items[0].Text, "原文链接: http://www.example.gov.cn/zwgk/123.html",
			"==================== 正文 ===================="}, chrome...)
	}
	var pre []Item
	for _, c := range chrome {
		pre = append(pre, Item{Kind: Para, Text: c})
	}
	d.Items = append(pre, d.Items...)
}

// verticalLabel prints 三、本年度办理结果 as a PDF does a vertical merged
// cell: one character per line before its first row (-raw), or spaced out
// on a line of its own in the middle of the block (-layout).
func verticalLabel(d *Doc, r *rand.Rand) {
	rows := dataRows(d, "t3")
	first, mid := -1, rows[len(rows)/2]
	for _, i := range rows {
		for j := range d.Items[i].Labels {
			if c := &d.Items[i].Labels[j]; c.Text == "三、本年度办理结果" {
				first = max(first, i*boolN(!c.Cont))
				c.Cont = true
			}
		}
	}
	if first < 0 {
		return
	}
	if r.Intn(2) == 0 {
		d.Items = insert(d.Items, mid, Item{Kind: Label, Table: "t3", Text: "三 、本 年 度办 理 结果"})
		return
	}
	chars := []rune("三、本年度办理结果")
	for k := len(chars) - 1; k >= 0; k-- {
		d.Items = insert(d.Items, first, Item{Kind: Label, Table: "t3", Text: string(chars[k])})
	}
}

func boolN(b bool) int {
	if b {
		return 1
	}
	return 0
}

// thousands prints large counts with thousands separators ("1,302",
// "1，302").
func thousands(d *Doc, r *rand.Rand) {
	sep := []string{",", "，"}[r.Intn(2)]
	for i := range d.Items {
		for j := range d.Items[i].Vals {
			v := &d.Items[i].Vals[j]
			v.Text = group(v.Text, sep)
		}
	}
}

// group inserts sep every three digits of a plain integer of ≥ 4 digits.
func group(s, sep string) string {
	if len(s) < 4 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
