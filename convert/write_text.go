package convert

import (
	"bufio"
	"io"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// ParaIndent opens every body paragraph of xxgk's own .txt (two ideographic
// spaces, as official documents are typeset). The .txt reader treats any
// line starting with it as a paragraph, whatever the line looks like.
const ParaIndent = "\u3000\u3000"

// writeText renders the official report text in xxgk's txt layout
// (docs/text-layout.md): the title line, then each section's heading as
// printed, its paragraphs indented with ParaIndent, and its table in pipe
// layout with the official headers and labels.
func writeText(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	if r.Title != "" {
		bw.WriteString(oneLine(r.Title))
		bw.WriteString("\n")
	}
	for _, s := range planSections(r) {
		if s.Heading != "" {
			bw.WriteString(oneLine(s.Heading))
			bw.WriteString("\n")
		}
		for _, p := range s.Paras {
			bw.WriteString(ParaIndent)
			bw.WriteString(oneLine(p))
			bw.WriteString("\n")
		}
		if s.Table != nil {
			for _, line := range pipeLines(s.Table) {
				bw.WriteString(line)
				bw.WriteString("\n")
			}
		}
	}
	return bw.Flush()
}

// pipeLines prints a table as the seed does: each cell that starts in the
// row as "text |", separated by a space, then one "|" for every position
// covered by a merge, so that every row spans the whole grid:
//
//	第二十条第（一）项 | |||
//	一、本年新收政府信息公开申请数量 | 23 | 0 | 0 | 0 | 0 | 0 | 23 | ||
func pipeLines(t *outTable) []string {
	lines := make([]string, 0, len(t.Rows))
	for _, row := range t.Rows {
		parts := make([]string, 0, len(row))
		covered := t.Cols
		for _, c := range row {
			if t := pipeCell(c.Text); t != "" {
				parts = append(parts, t+" |")
			} else {
				parts = append(parts, "|")
			}
			covered--
		}
		line := strings.Join(parts, " ")
		if covered > 0 {
			line += " " + strings.Repeat("|", covered)
		}
		lines = append(lines, line)
	}
	return lines
}

// pipeCell keeps a cell's text on its line and away from the separator.
func pipeCell(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(oneLine(s)), "|", "｜")
	if s == "" {
		return ""
	}
	return s
}

func init() {
	RegisterWriter(".txt", writeText)
}
