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

func scoreCells(lines []string) int {
	n, piped := 0, 0
	for _, ln := range lines {
		t := strings.TrimSpace(ln)
		if strings.ContainsAny(t, "|｜\t") {
			piped++
		}
		if reBareNumber.MatchString(t) {
			n++
		}
	}
	if n < 20 || piped > 5 {
		return 0
	}
	return 2 * n
}

func parseCells(name string, lines []string) (*Document, error) {
	doc := &Document{Name: name}
	f := schema.Get(schema.F2021)
	inTable := false
	var grid *Block
	flush := func() {
		if grid != nil {
			doc.Blocks = append(doc.Blocks, *grid)
			grid = nil
		}
	}
	for i, ln := range lines {
		pos := linePos(name, i)
		if strings.HasPrefix(ln, paraIndent) {
			flush()
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: ln[len(paraIndent):], Pos: pos, Body: true})
			continue
		}
		t := CleanCellText(ln)
		if t == "" {
			continue
		}
		if s, _, ok := f.MatchSection(t); ok {
			flush()
			inTable = s.Table != ""
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Pos: pos})
			continue
		}
		if inTable && len([]rune(t)) <= 60 && !strings.ContainsAny(t, "。；") {
			if grid == nil {
				grid = &Block{Kind: Grid, Pos: pos}
			}
			grid.Rows = append(grid.Rows, []Cell{{Text: t, Pos: pos, RowSpan: 1, ColSpan: 1}})
			continue
		}
		flush()
		doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: t, Pos: pos})
	}
	flush()
	return doc, nil
}
