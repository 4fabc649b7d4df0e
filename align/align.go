// Package align places the printed values of a statistical table's rows in
// the official grid when the layout does not say plainly which value is
// whose: runs of identical values collapsed by a crawler, blank cells left
// by merged label cells, trailing blanks an export trimmed. Each layout
// model proposes the readings it allows; the tables' own arithmetic
// (schema rule instances) decides between them. A reading is taken only
// when it is the one the layout and the arithmetic allow; otherwise the
// row stays missing, with the candidates listed.
package align

import (
	"strconv"
	"strings"
)

// Model names the layout model that produced a reading.
type Model string

const (
	// Positional: one printed value per cell, in order.
	Positional Model = "positional"
	// Collapsed: consecutive identical values printed once (a crawler that
	// drops a line equal to the line before it).
	Collapsed Model = "collapsed"
	// MergedBlank: blank cells that are the remains of merged label cells,
	// or trailing blank cells an export trimmed.
	MergedBlank Model = "merged_blank"
)

// Token is one printed value position of a row.
type Token struct {
	Text string  // as printed; "" for a blank cell
	Num  float64 // the value when IsNum
	// IsNum: the text reads as a number; a blank or a marker does not.
	IsNum bool
	// Src is the token's index in the row as printed; -1 for a blank cell
	// a reading adds.
	Src int
}

// Row is a row whose values need aligning.
type Row struct {
	IDs    []string // the cells of the row in grid order
	Tokens []Token
	// Collapsed: the document may have dropped repeated lines.
	Collapsed bool
	// Blanks: blank tokens may be merged-cell remains, and the row may have
	// lost trailing blank cells.
	Blanks bool
	// Side, when the rest of the table shows it, is where merged-cell
	// remains stand: right after the label or at the row's end.
	Side Side
	// Signed marks the cells that may hold a negative number (本年增/减);
	// nil: none may.
	Signed []bool
	// BlanksDropped: the text leaves blank cells out as well, so a cell
	// without a printed value may be blank rather than a repeat.
	BlanksDropped bool
}

// Side is where a text grid leaves the blank cells of merged label cells.
type Side int

const (
	AnySide Side = iota
	Leading
	Trailing
)

// Reading is one way to place a row's tokens in its cells.
type Reading struct {
	Tokens []Token // one per cell
	Model  Model
	// Plain: the layout alone places the values (one per cell in order, or
	// merged-cell blanks on the side the table shows).
	Plain bool
}

// String prints a reading's values as the notes list them.
func (rd Reading) String() string {
	parts := make([]string, len(rd.Tokens))
	for i, t := range rd.Tokens {
		parts[i] = t.Text
		if t.Text == "" {
			parts[i] = "（空）"
		}
	}
	return strings.Join(parts, "|")
}

func (rd Reading) key() string {
	var b strings.Builder
	for _, t := range rd.Tokens {
		if t.IsNum {
			b.WriteString(strconv.FormatFloat(t.Num, 'g', -1, 64))
		} else {
			b.WriteString("\x00" + t.Text)
		}
		b.WriteByte('\x01')
	}
	return b.String()
}

// MaxReadings bounds the readings one row may propose; a row with more is
// left missing (the caller's note says so).
const MaxReadings = 4096

// Readings lists the distinct readings the row's layout allows, positional
// first; capped reports that the row allows more than MaxReadings.
func Readings(row Row) (out []Reading, capped bool) {
	seen := map[string]bool{}
	add := func(rd Reading) bool {
		if !row.fits(rd) {
			return true
		}
		k := rd.key()
		if !seen[k] {
			seen[k] = true
			out = append(out, rd)
		}
		return len(out) <= MaxReadings
	}
	n := len(row.IDs)
	if len(row.Tokens) == n {
		add(Reading{Tokens: row.Tokens, Model: Positional, Plain: true})
	}
	ok := true
	if row.Collapsed && len(row.Tokens) > 0 && len(row.Tokens) < n {
		ok = expandRuns(row.Tokens, n, row.BlanksDropped, add)
	}
	if ok && row.Blanks {
		if !dropSide(row, n, add) {
			ok = dropBlanks(row.Tokens, n, add)
		}
	}
	if !ok {
		return nil, true
	}
	return out, false
}

// expandRuns proposes every sequence of n values that collapses to tokens:
// token i repeated k_i ≥ 1 times, the k_i summing to n. Adjacent printed
// tokens that are equal cannot come from a collapse, so none is proposed.
// When blanks are dropped too, a run may also be one value among blanks.
func expandRuns(tokens []Token, n int, blanks bool, add func(Reading) bool) bool {
	for i := 1; i < len(tokens); i++ {
		if sameToken(tokens[i-1], tokens[i]) {
			return true
		}
	}
	if blanks {
		return spreadAmongBlanks(tokens, n, add)
	}
	counts := make([]int, len(tokens))
	var rec func(i, left int) bool
	rec = func(i, left int) bool {
		if i == len(tokens)-1 {
			counts[i] = left
			out := make([]Token, 0, n)
			for k, t := range tokens {
				for j := 0; j < counts[k]; j++ {
					out = append(out, t)
				}
			}
			return add(Reading{Tokens: out, Model: Collapsed})
		}
		for c := 1; c <= left-(len(tokens)-1-i); c++ {
			counts[i] = c
			if !rec(i+1, left-c) {
				return false
			}
		}
		return true
	}
	return rec(0, n)
}

// spreadAmongBlanks proposes every placement of the tokens, in order, in n
// cells where each other cell is either a blank or a repeat of the value
// before it: what a text that drops both blank cells and repeated lines
// allows.
func spreadAmongBlanks(tokens []Token, n int, add func(Reading) bool) bool {
	cells := make([]Token, n)
	var rec func(pos, next int, prevTok bool) bool
	rec = func(pos, next int, prevTok bool) bool {
		if pos == n {
			if next < len(tokens) {
				return true
			}
			return add(Reading{Tokens: append([]Token(nil), cells...), Model: Collapsed})
		}
		if n-pos < len(tokens)-next {
			return true
		}
		if next < len(tokens) {
			cells[pos] = tokens[next]
			if !rec(pos+1, next+1, true) {
				return false
			}
		}
		cells[pos] = Token{Src: -1}
		if !rec(pos+1, next, false) {
			return false
		}
		if prevTok {
			cells[pos] = cells[pos-1]
			return rec(pos+1, next, true)
		}
		return true
	}
	return rec(0, 0, false)
}

// fits reports whether a reading respects the cells' domains: a negative
// number only where the cell may be negative.
func (row Row) fits(rd Reading) bool {
	for k, t := range rd.Tokens {
		if t.IsNum && t.Num < 0 && (k >= len(row.Signed) || !row.Signed[k]) {
			return false
		}
	}
	return true
}

// dropBlanks proposes the readings left when some blank tokens are merged
// remains (dropped) and the row is padded with trailing blanks to n cells.
func dropBlanks(tokens []Token, n int, add func(Reading) bool) bool {
	var blanks []int
	for i, t := range tokens {
		if t.Text == "" {
			blanks = append(blanks, i)
		}
	}
	if len(blanks) == 0 && len(tokens) >= n {
		return true
	}
	minDrop := len(tokens) - n
	if minDrop < 0 {
		minDrop = 0
	}
	for mask := 0; mask < 1<<len(blanks) && len(blanks) <= 12; mask++ {
		drop := popcount(mask)
		if drop < minDrop {
			continue
		}
		kept := make([]Token, 0, n)
		for i, t := range tokens {
			if k := indexOf(blanks, i); k >= 0 && mask&(1<<k) != 0 {
				continue
			}
			kept = append(kept, t)
		}
		for len(kept) < n {
			kept = append(kept, Token{Src: -1})
		}
		if !add(Reading{Tokens: kept, Model: MergedBlank}) {
			return false
		}
	}
	return true
}

// dropSide proposes the one reading that drops the excess blanks on the
// row's known side; false when the side is unknown or holds too few.
func dropSide(row Row, n int, add func(Reading) bool) bool {
	excess := len(row.Tokens) - n
	if row.Side == AnySide || excess <= 0 {
		return false
	}
	lead, trail := EdgeBlanks(row.Tokens)
	switch {
	case row.Side == Leading && lead >= excess:
		add(Reading{Tokens: row.Tokens[excess:], Model: MergedBlank, Plain: true})
	case row.Side == Trailing && trail >= excess:
		add(Reading{Tokens: row.Tokens[:n], Model: MergedBlank, Plain: true})
	default:
		return false
	}
	return true
}

// EdgeBlanks counts the blank tokens a row starts and ends with.
func EdgeBlanks(tokens []Token) (lead, trail int) {
	for lead < len(tokens) && tokens[lead].Text == "" {
		lead++
	}
	for trail < len(tokens)-lead && tokens[len(tokens)-1-trail].Text == "" {
		trail++
	}
	return lead, trail
}

func sameToken(a, b Token) bool {
	if a.IsNum && b.IsNum {
		return a.Num == b.Num
	}
	return a.IsNum == b.IsNum && a.Text == b.Text
}

func popcount(m int) int {
	c := 0
	for ; m != 0; m &= m - 1 {
		c++
	}
	return c
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
