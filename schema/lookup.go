package schema

import "sync"

// Matching of printed labels against the declarations, after Normalize.
// Exact canonical matches need no note; a match through a declared variant is
// a label_variant note.

// LabelMatch is the result of looking up a printed label.
type LabelMatch struct {
	Canonical string // the official label
	Variant   bool   // matched through a declared variant (worth a note)
}

// declared caches Normalize of the declared labels and variants: match
// compares against them for every printed label, and normalizing them anew
// each time was most of the recognizer's time.
var declared sync.Map // string → string

func normDeclared(s string) string {
	if n, ok := declared.Load(s); ok {
		return n.(string)
	}
	n := Normalize(s)
	declared.Store(s, n)
	return n
}

func match(norm, canonical string, variants []string) (LabelMatch, bool) {
	if norm == normDeclared(canonical) {
		return LabelMatch{Canonical: canonical}, true
	}
	for _, v := range variants {
		if norm == normDeclared(v) {
			return LabelMatch{Canonical: canonical, Variant: true}, true
		}
	}
	return LabelMatch{}, false
}

// MatchSection finds the section whose heading the printed text is.
func (f *Format) MatchSection(printed string) (Section, LabelMatch, bool) {
	n := Normalize(printed)
	for _, s := range f.Sections {
		if m, ok := match(n, s.Heading, s.Variants); ok {
			return s, m, true
		}
	}
	return Section{}, LabelMatch{}, false
}

// MatchT3Row finds the 表三 row (data row or group label) of a printed label.
func (f *Format) MatchT3Row(printed string) (T3Row, LabelMatch, bool) {
	n := Normalize(printed)
	for _, r := range f.T3Rows {
		if m, ok := match(n, r.Label, r.Variants); ok {
			return r, m, true
		}
	}
	return T3Row{}, LabelMatch{}, false
}

// MatchT2Row finds the 表二 block and row of a printed row label.
func (f *Format) MatchT2Row(printed string) (T2Block, Column, LabelMatch, bool) {
	n := Normalize(printed)
	for _, b := range f.T2 {
		for _, r := range b.Rows {
			if m, ok := match(n, r.Label, r.Variants); ok {
				return b, r, m, true
			}
		}
	}
	return T2Block{}, Column{}, LabelMatch{}, false
}

// MatchT2Block finds the 表二 block whose title the printed text is.
func (f *Format) MatchT2Block(printed string) (T2Block, bool) {
	n := Normalize(printed)
	for _, b := range f.T2 {
		if _, ok := match(n, b.Title, b.Variants); ok {
			return b, true
		}
	}
	return T2Block{}, false
}

// MatchColumn finds the column among cols whose label the printed text is.
func MatchColumn(cols []Column, printed string) (Column, LabelMatch, bool) {
	n := Normalize(printed)
	for _, c := range cols {
		if m, ok := match(n, c.Label, c.Variants); ok {
			return c, m, true
		}
	}
	return Column{}, LabelMatch{}, false
}
