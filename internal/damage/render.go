package damage

import (
	"strings"
	"unicode/utf8"
)

// Model is how a layout prints a row's value cells, which decides the
// readings the oracle enumerates.
type Model int

const (
	// Positional: every grid cell printed, blanks as empty cells; merged
	// cells may add empty cells before or after the values.
	Positional Model = iota
	// Vanish: blank cells leave no token (one cell per line, -raw).
	Vanish
	// Collapse: one token per cell, consecutive identical tokens dropped.
	Collapse
	// Glued: cells concatenated without separators; a blank cell is a space.
	Glued
)

// View is one table row as the layout prints it: what the oracle reads.
type View struct {
	Table  string
	Slots  []string // cell id per value grid column; "" = blank by design
	Model  Model
	Tokens []string // printed value-region cells (Positional, Vanish, Collapse)
	Glued  string   // the row's values as one string (Glued)
}

// Merge is how merged cells come out in separated layouts.
type Merge int

const (
	Compact Merge = iota // merged cells printed once, nothing for their span
	After                // a span as empty cells after its text
	Inside               // the full grid: vertical merges as empty cells too
	Pad                  // compact, rows padded with empty cells to the grid width
)

// Layout names a text layout.
type Layout string

const (
	Pipe      Layout = "pipe"
	Tab       Layout = "tab"
	Markdown  Layout = "md"
	PerLine   Layout = "line"
	Collapsed Layout = "collapse"
	GluedText Layout = "glued"
	PDFLayout Layout = "pdflayout"
	PDFRaw    Layout = "pdfraw"
)

// Layouts lists every layout in a fixed order.
var Layouts = []Layout{Pipe, Tab, Markdown, PerLine, Collapsed, GluedText, PDFLayout, PDFRaw}

// Ext is the file extension the layout is read as.
func (l Layout) Ext() string {
	if l == Markdown {
		return ".md"
	}
	return ".txt"
}

// flatten prints a row's cells under a merge mode: the label cells, then
// the value-region cells (empties left by label spans included).
func flatten(it Item, m Merge) (labels, vals []string) {
	for _, c := range it.Labels {
		switch {
		case c.Cont && m == Inside:
			labels = append(labels, repeat("", c.Span)...)
		case c.Cont:
		case m == After || m == Inside:
			labels = append(labels, c.Text)
			labels = append(labels, repeat("", c.Span-1)...)
		default:
			labels = append(labels, c.Text)
		}
	}
	// Empties after the last label text belong to the value region.
	for len(labels) > 0 && labels[len(labels)-1] == "" && hasText(labels) {
		vals = append(vals, "")
		labels = labels[:len(labels)-1]
	}
	for _, c := range it.Vals {
		vals = append(vals, c.Text)
		if m == After || m == Inside {
			vals = append(vals, repeat("", c.Span-1)...)
		}
	}
	if m == Pad {
		for len(labels)+len(vals) < it.Width {
			vals = append(vals, "")
		}
	}
	return labels, vals
}

func hasText(ss []string) bool {
	for _, s := range ss {
		if s != "" {
			return true
		}
	}
	return false
}

func repeat(s string, n int) []string {
	var out []string
	for ; n > 0; n-- {
		out = append(out, s)
	}
	return out
}

func slots(it Item) []string {
	var out []string
	for _, c := range it.Vals {
		out = append(out, c.ID)
	}
	return out
}

// Render prints the document in the layout with the merge mode; it returns
// the text and one View per data row, in order.
func Render(d *Doc, l Layout, m Merge) (string, []View) {
	var lines []string
	var views []View
	for i, it := range d.Items {
		switch it.Kind {
		case Para:
			lines = append(lines, paraLines(l, it)...)
		case Footer:
			lines = append(lines, footerLine(l, it.Text))
		case Label:
			lines = append(lines, labelLine(l, it.Text))
		default:
			ls, v := rowLines(l, m, d.Items, i)
			lines = append(lines, ls...)
			if it.Kind == Data {
				views = append(views, v)
			}
		}
	}
	switch l {
	case Collapsed:
		lines = collapse(lines)
	case GluedText:
		return strings.Join(lines, "") + "\n", views
	case Markdown:
		lines = mdTables(lines)
	}
	return strings.Join(lines, "\n") + "\n", views
}

func paraLines(l Layout, it Item) []string {
	if l == Markdown {
		if it.Heading {
			return []string{"", "## " + it.Text, ""}
		}
		return []string{"", it.Text, ""}
	}
	return []string{it.Text}
}

func footerLine(l Layout, text string) string {
	if l == PDFLayout || l == PDFRaw {
		return "\f" + text
	}
	return text
}

func labelLine(l Layout, text string) string {
	switch l {
	case Markdown:
		return "| " + text + " |"
	case PDFLayout:
		return "  " + text
	}
	return text
}

// rowLines prints one table row (title, header or data) in the layout.
func rowLines(l Layout, m Merge, items []Item, i int) ([]string, View) {
	it := items[i]
	labels, vals := flatten(it, m)
	v := View{Table: it.Table, Slots: slots(it), Model: Positional, Tokens: vals}
	switch l {
	case Pipe:
		return []string{strings.Join(append(labels, vals...), " | ") + " |"}, v
	case Tab:
		return []string{strings.Join(append(labels, vals...), "\t")}, v
	case Markdown:
		return []string{"| " + strings.Join(append(labels, vals...), " | ") + " |"}, v
	case PDFLayout:
		return []string{pdfLayoutRow(items, i, labels, vals)}, v
	case PDFRaw:
		v.Model, v.Tokens = Vanish, nonEmpty(vals)
		return []string{strings.Join(nonEmpty(append(labels, vals...)), " ")}, v
	case PerLine:
		v.Model, v.Tokens = Vanish, nonEmpty(vals)
		return nonEmpty(append(labels, vals...)), v
	case Collapsed:
		vals = markBlanks(it, "—")
		v.Model, v.Tokens = Collapse, collapse(nonEmpty(vals))
		return nonEmpty(append(labels, vals...)), v
	}
	vals = markBlanks(it, " ")
	v.Model, v.Tokens, v.Glued = Glued, nil, strings.Join(vals, "")
	return []string{strings.Join(append(labels, vals...), "")}, v
}

// markBlanks prints the row's value cells with blanks as mark: layouts that
// keep no empty cells still show that a cell is there.
func markBlanks(it Item, mark string) []string {
	var out []string
	for _, c := range it.Vals {
		if c.Text == "" && (c.ID != "" || mark == " ") {
			out = append(out, mark)
			continue
		}
		out = append(out, c.Text)
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// collapse drops consecutive identical lines, as the crawler of 22 does.
func collapse(lines []string) []string {
	var out []string
	for i, s := range lines {
		if i > 0 && s == lines[i-1] {
			continue
		}
		out = append(out, s)
	}
	return out
}

// mdTables adds the Markdown header separator after the first row of every
// run of table lines.
func mdTables(lines []string) []string {
	var out []string
	for i, s := range lines {
		out = append(out, s)
		isRow := strings.HasPrefix(s, "|")
		if isRow && (i == 0 || !strings.HasPrefix(lines[i-1], "|")) {
			n := strings.Count(s, "|") - 1
			out = append(out, "|"+strings.Repeat(" --- |", max(n, 1)))
		}
	}
	return out
}

// width is the display width of s (CJK and full-width runes count 2).
func width(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// pdfLayoutRow aligns a row as pdftotext -layout does: labels in a column
// as wide as the table's widest label, values right-aligned in fixed
// columns, blanks as spaces.
func pdfLayoutRow(items []Item, i int, labels, vals []string) string {
	it := items[i]
	if it.Kind != Data {
		return "    " + strings.Join(nonEmpty(labels), "    ")
	}
	lw := 0
	for _, o := range items {
		if o.Table == it.Table && o.Kind == Data {
			l, _ := flatten(o, Compact)
			lw = max(lw, width(strings.Join(l, " ")))
		}
	}
	lab := strings.Join(nonEmpty(labels), " ")
	var b strings.Builder
	b.WriteString(lab + strings.Repeat(" ", lw-width(lab)+2))
	for _, v := range vals {
		b.WriteString(strings.Repeat(" ", max(12-width(v), 1)) + v)
	}
	return strings.TrimRight(b.String(), " ")
}
