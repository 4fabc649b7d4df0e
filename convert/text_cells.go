package convert

import (
	"regexp"
	"strings"

	"github.com/xxgk/xxgk/schema"
)

// The one-cell-per-paragraph layout: web pages copied as text print every
// table cell on its own line, often with blank lines between cells and
// numbers indented (`规章\n\n  0\n\n 0\n\n0`). Between the headings 二、 and
// 五、 every short line without a full stop is a cell; the recognizer reads
// the cells as a stream of labels and values.

var reBareNumber = regexp.MustCompile(`^[+\-]?[0-9０-９][0-9０-９,，.]*\s*(万元|元)?$`)

func init() {
	registerTextLayout(textLayout{name: "cells", score: scoreCells, parse: parseCells})
}

func scoreCells(s *lineScan) int {
	n, piped := 0, 0
	for i, ln := range s.lines {
		t := strings.TrimSpace(ln)
		if s.hasSep(i) && hasSepText(t) {
			piped++
		}
		if startsNumber(t) && reBareNumber.MatchString(t) {
			n++
		}
	}
	if n < 20 || piped > 5 {
		return 0
	}
	return 2 * n
}

// startsNumber is the first-rune test of reBareNumber: a sign or a digit
// (ASCII or full width).
func startsNumber(t string) bool {
	if t == "" {
		return false
	}
	c := t[0]
	return c >= '0' && c <= '9' || c == '+' || c == '-' ||
		len(t) >= 3 && c == 0xef && t[1] == 0xbc && t[2] >= 0x90 && t[2] <= 0x99 // ０-９
}

func parseCells(name string, lines []string) (*Document, error) {
	doc := &Document{Name: name}
	f := schema.Get(schema.F2021)
	inTable := false
	d := lineDoc{doc: doc}
	blankCells := blankLinesAreCells(f, lines)
	for i, ln := range lines {
		pos := linePos(name, i)
		if d.indented(ln, pos) {
			continue
		}
		t := CleanCellText(ln)
		if t == "" {
			if blankCells && inTable {
				d.row(pos, []string{""})
			}
			continue
		}
		if s, _, ok := f.MatchSection(t); ok {
			inTable = s.Table != ""
			d.para(Block{Text: t, Pos: pos})
			continue
		}
		if inTable && len([]rune(t)) <= 60 && !strings.ContainsAny(t, "。；") {
			d.row(pos, []string{t})
			continue
		}
		d.para(Block{Text: t, Pos: pos})
	}
	d.flush()
	return doc, nil
}

// blankLinesAreCells reports whether the blank lines inside the tables are
// empty cells rather than spacing: an office suite saving a document as
// text prints one cell per line with nothing between cells, so a blank line
// there is a blank cell (`行政处罚\n2648\n\n\n行政强制`). Copied web pages
// put blank lines between cells (`规章\n\n  0\n\n 0`). Cells are the
// reading when fewer than a fifth of the table's consecutive cells have a
// blank line between them.
func blankLinesAreCells(f *schema.Format, lines []string) bool {
	inTable := false
	pairs, apart := 0, 0
	prev, blank := false, false // a cell line came before; a blank line since
	for _, ln := range lines {
		t := CleanCellText(ln)
		if t == "" {
			blank = true
			continue
		}
		if s, _, ok := f.MatchSection(t); ok {
			inTable = s.Table != ""
			prev, blank = false, false
			continue
		}
		if !inTable {
			continue
		}
		if prev {
			pairs++
			if blank {
				apart++
			}
		}
		prev, blank = true, false
	}
	return pairs >= 20 && apart*5 < pairs
}
