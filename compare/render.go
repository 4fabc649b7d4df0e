package compare

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// Show returns how a side of a cell prints: the number, or the missing text.
func (d CellDiff) Show(newSide bool) string {
	if newSide {
		if d.NewOK {
			return num(d.New)
		}
		return d.NewText
	}
	if d.OldOK {
		return num(d.Old)
	}
	return d.OldText
}

// ChangeText prints the change: "+7", "-3", "0"; empty when a side is
// missing.
func (d CellDiff) ChangeText() string {
	if !d.OldOK || !d.NewOK {
		return ""
	}
	if d.Change > 0 {
		return "+" + num(d.Change)
	}
	return num(d.Change)
}

// PctText prints the change in percent ("+30.4%"), "新增" from 0 to more,
// empty when it has no meaning.
func (d CellDiff) PctText() string {
	switch {
	case d.HasPct:
		s := strconv.FormatFloat(d.Pct, 'f', 1, 64) + "%"
		if d.Pct > 0 {
			s = "+" + s
		}
		return s
	case d.OldOK && d.NewOK && d.Old == 0 && d.New != 0:
		return "新增"
	}
	return ""
}

func describe(r *report.Report) string {
	name := r.Agency
	if name == "" {
		name = r.Source.Name
	}
	return fmt.Sprintf("%s %d年度（%s 格式）", name, r.Year, r.Format)
}

// Summary counts the changed cells.
func (d *Diff) Summary() (cells, changed int) {
	for _, c := range d.Cells {
		if c.Changed() {
			changed++
		}
	}
	return len(d.Cells), changed
}

func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 1, 64) + "%" }

func heading(s SectionDiff) string {
	h := s.NewHeading
	if h == "" {
		h = s.OldHeading
	}
	if h == "" && s.ID == "s0" {
		h = "（前言）"
	}
	return h
}

// WriteText writes the comparison as plain text (the default on stdout).
func (d *Diff) WriteText(w io.Writer) error {
	var b strings.Builder
	n, ch := d.Summary()
	fmt.Fprintf(&b, "旧：%s\n新：%s\n\n", describe(d.Old), describe(d.New))
	fmt.Fprintf(&b, "统计表：比较 %d 个单元格，%d 个有变化\n", n, ch)
	b.WriteString("单元格 | 编号 | 旧 | 新 | 变化 | 变化率 | 说明\n")
	for _, c := range d.Cells {
		fmt.Fprintf(&b, "%s | %s | %s | %s | %s | %s | %s\n", c.Label, c.ID, c.Show(false), c.Show(true), c.ChangeText(), c.PctText(), c.Note)
	}
	if len(d.NotComparable) > 0 {
		b.WriteString("\n不可比较：\n")
		for _, s := range d.NotComparable {
			b.WriteString("  " + s + "\n")
		}
	}
	b.WriteString("\n正文：\n")
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "%s %s：相似度 %s，段落 %d → %d，删除 %d 段，新增 %d 段\n", s.ID, heading(s), pct(s.Similarity),
			s.OldCount, s.NewCount, len(s.Removed), len(s.Added))
		for _, p := range s.Removed {
			b.WriteString("  - " + p + "\n")
		}
		for _, p := range s.Added {
			b.WriteString("  + " + p + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// WriteMarkdown writes the comparison as Markdown.
func (d *Diff) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	n, ch := d.Summary()
	fmt.Fprintf(&b, "# 年度报告对比\n\n- 旧：%s\n- 新：%s\n\n", mdEscape(describe(d.Old)), mdEscape(describe(d.New)))
	fmt.Fprintf(&b, "## 统计表\n\n比较 %d 个单元格，%d 个有变化。\n\n", n, ch)
	b.WriteString("| 单元格 | 编号 | 旧 | 新 | 变化 | 变化率 | 说明 |\n|---|---|---:|---:|---:|---:|---|\n")
	for _, c := range d.Cells {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s | %s |\n", mdEscape(c.Label), c.ID, mdEscape(c.Show(false)), mdEscape(c.Show(true)),
			c.ChangeText(), c.PctText(), mdEscape(c.Note))
	}
	if len(d.NotComparable) > 0 {
		b.WriteString("\n### 不可比较\n\n")
		for _, s := range d.NotComparable {
			b.WriteString("- " + mdEscape(s) + "\n")
		}
	}
	b.WriteString("\n## 正文\n\n| 章节 | 标题 | 相似度 | 段落 | 删除 | 新增 |\n|---|---|---:|---|---:|---:|\n")
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "| %s | %s | %s | %d → %d | %d | %d |\n", s.ID, mdEscape(heading(s)), pct(s.Similarity), s.OldCount, s.NewCount, len(s.Removed), len(s.Added))
	}
	for _, s := range d.Sections {
		if len(s.Removed)+len(s.Added) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s %s\n\n", s.ID, mdEscape(heading(s)))
		for _, p := range s.Removed {
			b.WriteString("- 删除：" + mdEscape(p) + "\n")
		}
		for _, p := range s.Added {
			b.WriteString("- 新增：" + mdEscape(p) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHTML writes the comparison as a standalone HTML page.
func (d *Diff) WriteHTML(w io.Writer) error {
	var b strings.Builder
	e := html.EscapeString
	n, ch := d.Summary()
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>年度报告对比</title>\n")
	b.WriteString("<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}td.n{text-align:right}tr.c{background:#fff3cd}del{color:#a00}ins{color:#060}</style>\n</head>\n<body>\n")
	fmt.Fprintf(&b, "<h1>年度报告对比</h1>\n<p>旧：%s<br>新：%s</p>\n", e(describe(d.Old)), e(describe(d.New)))
	fmt.Fprintf(&b, "<h2>统计表</h2>\n<p>比较 %d 个单元格，%d 个有变化。</p>\n<table>\n<tr><th>单元格</th><th>编号</th><th>旧</th><th>新</th><th>变化</th><th>变化率</th><th>说明</th></tr>\n", n, ch)
	for _, c := range d.Cells {
		cls := ""
		if c.Changed() {
			cls = ` class="c"`
		}
		fmt.Fprintf(&b, "<tr%s><td>%s</td><td><code>%s</code></td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
			cls, e(c.Label), e(c.ID), e(c.Show(false)), e(c.Show(true)), e(c.ChangeText()), e(c.PctText()), e(c.Note))
	}
	b.WriteString("</table>\n")
	if len(d.NotComparable) > 0 {
		b.WriteString("<h3>不可比较</h3>\n<ul>\n")
		for _, s := range d.NotComparable {
			b.WriteString("<li>" + e(s) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<h2>正文</h2>\n")
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "<h3>%s %s</h3>\n<p>相似度 %s，段落 %d → %d，删除 %d 段，新增 %d 段。</p>\n", e(s.ID), e(heading(s)), pct(s.Similarity),
			s.OldCount, s.NewCount, len(s.Removed), len(s.Added))
		for _, p := range s.Removed {
			b.WriteString("<p><del>" + e(p) + "</del></p>\n")
		}
		for _, p := range s.Added {
			b.WriteString("<p><ins>" + e(p) + "</ins></p>\n")
		}
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Sheets lays the comparison out as workbook sheets: 单元格对比, 正文对比 and,
// when any, 不可比较.
func (d *Diff) Sheets() []SheetData {
	cells := [][]any{{"单元格", "编号", "旧", "新", "变化", "变化率", "说明"}}
	val := func(ok bool, v float64, text string) any {
		if ok {
			return v
		}
		return text
	}
	for _, c := range d.Cells {
		var change, p any
		if c.OldOK && c.NewOK {
			change = c.Change
			if c.HasPct {
				p = math100(c.Pct)
			} else if t := c.PctText(); t != "" {
				p = t
			}
		}
		cells = append(cells, []any{c.Label, c.ID, val(c.OldOK, c.Old, c.OldText), val(c.NewOK, c.New, c.NewText), change, p, nilIfEmpty(c.Note)})
	}
	text := [][]any{{"章节", "旧标题", "新标题", "相似度", "旧段落数", "新段落数", "变化", "段落"}}
	for _, s := range d.Sections {
		text = append(text, []any{s.ID, s.OldHeading, s.NewHeading, math100(s.Similarity * 100), s.OldCount, s.NewCount, nil, nil})
		for _, p := range s.Removed {
			text = append(text, []any{s.ID, nil, nil, nil, nil, nil, "删除", p})
		}
		for _, p := range s.Added {
			text = append(text, []any{s.ID, nil, nil, nil, nil, nil, "新增", p})
		}
	}
	out := []SheetData{{Name: "单元格对比", Header: 1, Rows: cells}, {Name: "正文对比", Header: 1, Rows: text}}
	if len(d.NotComparable) > 0 {
		nc := [][]any{{"不可比较"}}
		for _, s := range d.NotComparable {
			nc = append(nc, []any{s})
		}
		out = append(out, SheetData{Name: "不可比较", Header: 1, Rows: nc})
	}
	return out
}

// math100 rounds a percentage to one decimal for the sheet.
func math100(v float64) float64 { return round(float64(int64(v*10+sign(v)*0.5)) / 10) }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
