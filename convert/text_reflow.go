package convert

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xxgk/xxgk/schema"
)

// reflowMinRunes: a line this long that holds two of the report's headings
// is a whole page flattened onto one line (text copied or crawled from a
// web page), not a paragraph.
const reflowMinRunes = 1000

// reflow breaks flattened lines where the report's own structure is: before
// each official heading, and inside the statistical sections (二、 to 四、)
// at every run of white space, one cell per line. orig maps each line of
// out to the line of lines it comes from; ok is false when nothing was
// flattened (glued tables, whose cells have no space between them, are the
// glued layout's).
func reflow(lines []string) (out []string, orig []int, ok bool) {
	heads := headingTexts()
	for i, ln := range lines {
		cuts := headingCuts(ln, heads)
		if utf8.RuneCountInString(ln) < reflowMinRunes || len(cuts) < 2 || countGluedRows(ln) >= 3 {
			out, orig = append(out, ln), append(orig, i)
			continue
		}
		ok = true
		for _, seg := range splitAt(ln, cuts) {
			for _, piece := range reflowSegment(seg, heads) {
				out, orig = append(out, piece), append(orig, i)
			}
		}
	}
	return out, orig, ok
}

// headingTexts lists every heading and heading variant of both formats,
// longest first, so that a variant that extends another wins.
func headingTexts() []string {
	seen := map[string]bool{}
	var out []string
	for _, key := range []string{schema.F2019, schema.F2021} {
		for _, s := range schema.Get(key).Sections {
			for _, h := range append([]string{s.Heading}, s.Variants...) {
				if !seen[h] {
					seen[h] = true
					out = append(out, h)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// headingCuts finds the byte offsets where a heading starts in ln, at most
// one per numeral, in order.
func headingCuts(ln string, heads []string) []int {
	byNum := map[rune]int{}
	for _, h := range heads {
		num, _ := utf8.DecodeRuneInString(h)
		if _, done := byNum[num]; done {
			continue
		}
		if k := strings.Index(ln, h); k >= 0 {
			byNum[num] = k
		}
	}
	cuts := make([]int, 0, len(byNum))
	for _, k := range byNum {
		cuts = append(cuts, k)
	}
	sort.Ints(cuts)
	return cuts
}

func splitAt(ln string, cuts []int) []string {
	var out []string
	prev := 0
	for _, k := range cuts {
		if k > prev {
			out = append(out, ln[prev:k])
		}
		prev = k
	}
	return append(out, ln[prev:])
}

// reflowSegment puts a segment's heading on a line of its own; a
// statistical section's text follows one cell per line, any other text as
// one paragraph.
func reflowSegment(seg string, heads []string) []string {
	seg = strings.TrimSpace(seg)
	head := ""
	for _, h := range heads {
		if strings.HasPrefix(seg, h) {
			head = h
			break
		}
	}
	if head == "" {
		return []string{seg}
	}
	rest := strings.TrimSpace(seg[len(head):])
	out := []string{head}
	if num, _ := utf8.DecodeRuneInString(head); !strings.ContainsRune("二三四", num) {
		if rest != "" {
			out = append(out, rest)
		}
		return out
	}
	return append(out, strings.Fields(rest)...)
}

// remapPositions points every position of doc ("name:N", N a line of the
// reflowed text) back at the line of the input it came from.
func remapPositions(doc *Document, name string, orig []int) {
	fix := func(p string) string {
		n, err := strconv.Atoi(strings.TrimPrefix(p, name+":"))
		if err != nil || !strings.HasPrefix(p, name+":") || n < 1 || n > len(orig) {
			return p
		}
		return linePos(name, orig[n-1])
	}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		b.Pos = fix(b.Pos)
		for _, row := range b.Rows {
			for ci := range row {
				row[ci].Pos = fix(row[ci].Pos)
			}
		}
	}
	for ni := range doc.Notes {
		doc.Notes[ni].Pos = fix(doc.Notes[ni].Pos)
	}
}
