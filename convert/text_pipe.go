package convert

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Layouts of plain text whose cells are marked by a separator: pipe text
// (`规章 | 0 | 0 | 0 |`, merged cells as runs of empty cells `| |||`, one
// cell per line with a trailing pipe), tab-separated text, and xxgk's own
// txt (paragraphs indented by two ideographic spaces, tables as pipe rows).

// paraIndent is how xxgk's own txt marks a body paragraph.
const paraIndent = "\u3000\u3000"

// lineDoc builds a Document line by line: paragraphs, and consecutive table
// rows into one grid.
type lineDoc struct {
	doc  *Document
	grid *Block
}

// flush ends the grid being built.
func (d *lineDoc) flush() {
	if d.grid != nil {
		d.doc.Blocks = append(d.doc.Blocks, *d.grid)
		d.grid = nil
	}
}

// para ends the grid and adds a paragraph.
func (d *lineDoc) para(b Block) {
	d.flush()
	b.Kind = Para
	d.doc.Blocks = append(d.doc.Blocks, b)
}

// row adds a row of cells to the grid, starting one at pos.
func (d *lineDoc) row(pos string, cells []string) {
	if d.grid == nil {
		d.grid = &Block{Kind: Grid, Pos: pos}
	}
	row := make([]Cell, len(cells))
	for j, c := range cells {
		row[j] = Cell{Text: c, Pos: pos, RowSpan: 1, ColSpan: 1}
	}
	d.grid.Rows = append(d.grid.Rows, row)
}

// indented adds a line indented by paraIndent as a body paragraph, the
// indent stripped, whatever it looks like (the txt layout contract).
func (d *lineDoc) indented(ln, pos string) bool {
	if !strings.HasPrefix(ln, paraIndent) {
		return false
	}
	d.para(Block{Text: ln[len(paraIndent):], Pos: pos, Body: true})
	return true
}

func init() {
	registerTextLayout(textLayout{name: "pipe", score: scorePipe, parse: parsePipe})
}

// scorePipe counts the lines that are pipe or tab rows. Every text fits the
// layout a little (1), so that plain paragraphs still read.
func scorePipe(s *lineScan) int {
	n := 1
	for i, ln := range s.lines {
		if strings.HasPrefix(ln, paraIndent) || !s.hasSep(i) {
			continue
		}
		if isPipeRow(ln) {
			n += 2
		}
	}
	return n
}

// pipeCells splits a line into cells when it is a table row: it contains a
// '|' (or '｜') or a tab between text. A trailing separator closes the last
// cell and adds none.
func pipeCells(line string) ([]string, bool) { return pipeCellsFramed(line, true) }

// pipeCellsFramed splits like pipeCells; framed says whether the document's
// rows are Markdown-framed ("| a | b |"). Where they are not (the seed's
// layout and xxgk's own txt: "a | b |"), a leading pipe is a blank first
// cell, as in a 表四 row whose first value is blank.
func pipeCellsFramed(line string, framed bool) ([]string, bool) {
	p := splitPipe(line)
	return p.framed(framed), p.ok
}

// pipeLine is a line split at its separators once, for both readings of a
// leading pipe.
type pipeLine struct {
	cells []string // the cells, a leading pipe read as a blank first cell
	ok    bool     // the line is a table row
	lead  bool     // a leading '|' that a Markdown-framed document drops
}

// framed returns the cells under the document's reading of a leading pipe.
func (p pipeLine) framed(framed bool) []string {
	if framed && p.lead {
		return p.cells[1:]
	}
	return p.cells
}

// pipeSep returns the separator of a trimmed line ("" when it is no row).
func pipeSep(t string) string {
	switch {
	case strings.IndexByte(t, '|') >= 0:
		return "|"
	case strings.Contains(t, "｜"):
		return "｜"
	}
	if i := strings.IndexByte(t, '\t'); i >= 0 {
		inner := strings.Trim(t, "\t")
		if strings.IndexByte(inner, '\t') >= 0 {
			return "\t"
		}
	}
	return ""
}

func trimPipeLine(line string) string { return trimLine(line, true) }

// trimLine trims a line's white space; tabs at its end only when tabs says
// so (in tab-separated text they are blank cells).
func trimLine(line string, tabs bool) string {
	right := " \f\u00a0\u3000"
	if tabs {
		right += "\t"
	}
	return strings.TrimLeft(strings.TrimRight(line, right), " \f\u00a0")
}

// isPipeRow is splitPipe(line).ok without splitting.
func isPipeRow(line string) bool {
	t := trimPipeLine(line)
	return t != "" && pipeSep(t) != ""
}

func splitPipe(line string) pipeLine {
	t := trimPipeLine(line)
	if t == "" {
		return pipeLine{}
	}
	sep := pipeSep(t)
	if sep == "" {
		return pipeLine{}
	}
	if sep == "\t" {
		// Tab-separated text (a browser's or a spreadsheet's copy of a
		// table) puts a tab between cells, none after the last: trailing
		// tabs are blank cells ("行政处罚\t2648\t\t" is four cells).
		t = trimLine(line, false)
	}
	parts := strings.Split(t, sep)
	if sep != "\t" && strings.HasSuffix(t, sep) {
		parts = parts[:len(parts)-1]
	}
	lead := sep == "|" && strings.HasPrefix(t, "|") && len(parts) > 1 && strings.TrimSpace(parts[0]) == "" && !strings.HasPrefix(t, "||")
	for i, p := range parts {
		parts[i] = CleanCellText(p)
	}
	return pipeLine{cells: parts, ok: true, lead: lead}
}

// parsePipe builds the Document: consecutive table rows form one grid;
// other non-blank lines are paragraphs (a line indented by two ideographic
// spaces is a paragraph whatever it looks like, with the indent stripped).
func parsePipe(name string, lines []string) (*Document, error) {
	doc := &Document{Name: name}
	// xxgk's own txt indents every body paragraph: there, an unindented
	// line that is not a table row is a heading (or the title).
	split := make([]pipeLine, len(lines))
	indented, plain := 0, 0
	for i, ln := range lines {
		split[i] = splitPipe(ln)
		if strings.HasPrefix(ln, paraIndent) {
			indented++
		} else if !split[i].ok && strings.TrimSpace(ln) != "" {
			plain++
		}
	}
	ownTxt := indented >= 3 && indented > plain
	// Markdown-framed rows all start with a pipe; in the seed's layout only
	// a row whose first cell is blank does.
	framedRows, pipeRows := 0, 0
	for i, ln := range lines {
		if p := split[i]; p.ok && !isRuleRow(p.framed(true)) {
			pipeRows++
			if strings.HasPrefix(strings.TrimLeft(ln, " \f\u00a0"), "|") {
				framedRows++
			}
		}
	}
	framed := framedRows*2 > pipeRows
	d := lineDoc{doc: doc}
	for i, ln := range lines {
		pos := linePos(name, i)
		if d.indented(ln, pos) {
			continue
		}
		if p := split[i]; p.ok {
			if cells := p.framed(framed); !isRuleRow(cells) { // Markdown's |---|---| under a header
				d.row(pos, cells)
			}
			continue
		}
		t := strings.TrimFunc(ln, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\f' || r == '\u00a0' || r == '\u3000' || r == utf8.RuneError
		})
		if t == "" {
			// A blank line ends a grid only when the next table row does
			// not continue it (one cell per paragraph keeps blank lines
			// between cells).
			continue
		}
		if m := reMDHeading.FindStringSubmatch(t); m != nil {
			// Markdown saved as text: "## 一、总体情况".
			d.para(Block{Text: strings.TrimSpace(m[1]), Pos: pos, Heading: true})
			continue
		}
		d.para(Block{Text: t, Pos: pos, Heading: ownTxt})
	}
	d.flush()
	return doc, nil
}

var (
	reMDHeading = regexp.MustCompile(`^#{1,6}\s+(.+?)\s*#*$`)
	reRuleCell  = regexp.MustCompile(`^:?-{3,}:?$`)
)

// isRuleRow reports whether every cell of a row is a Markdown rule (---).
func isRuleRow(cells []string) bool {
	for _, c := range cells {
		if c == "" || (c[0] != ':' && c[0] != '-') || !reRuleCell.MatchString(c) {
			return false
		}
	}
	return len(cells) > 0
}
