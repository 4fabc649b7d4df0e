package convert

import (
	"bufio"
	"io"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// writeMarkdown renders the report as Markdown: "# " title, "## " section
// headings as printed, body paragraphs indented with ParaIndent (as the
// .txt is; the Markdown reader takes such a line as a paragraph whatever it
// looks like), and each table as one pipe table whose rows are the official
// rows, the cells that start in a row followed by empty cells for the
// positions merges cover (the seed's pipe layout).
func writeMarkdown(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	first := true
	block := func(s string) {
		if !first {
			bw.WriteString("\n")
		}
		first = false
		bw.WriteString(s)
		bw.WriteString("\n")
	}
	if r.Title != "" {
		block("# " + mdEscape(oneLine(r.Title)))
	}
	for _, s := range planSections(r) {
		if s.Heading != "" {
			block("## " + mdEscape(oneLine(s.Heading)))
		}
		for _, p := range s.Paras {
			block(ParaIndent + mdEscape(oneLine(p)))
		}
		if s.Table != nil {
			block(strings.Join(mdTable(s.Table), "\n"))
		}
	}
	return bw.Flush()
}

// mdTable prints a table as a GFM pipe table; the first official row is the
// table's header row.
func mdTable(t *outTable) []string {
	var lines []string
	for i, row := range t.Rows {
		cells := make([]string, 0, t.Cols)
		for _, c := range row {
			cells = append(cells, mdEscape(strings.TrimSpace(oneLine(c.Text))))
		}
		for len(cells) < t.Cols {
			cells = append(cells, "")
		}
		lines = append(lines, "| "+strings.Join(cells, " | ")+" |")
		if i == 0 {
			lines = append(lines, "|"+strings.Repeat(" --- |", t.Cols))
		}
	}
	return lines
}

// mdEscaper backslash-escapes the characters that Markdown would read as
// markup inside a paragraph or a table cell.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `&`, `\&`, `#`, `\#`,
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

func init() {
	RegisterWriter(".md", writeMarkdown)
}
