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

// labelIndex maps a normalized label to what the lookups below return, so
// that a printed label costs one Normalize and one map lookup instead of a
// comparison with every declared label and variant. The first declaration
// in order wins, the canonical label before its variants: what the loops
// over the declarations returned (TestLabelIndexSameAsLoops).
type labelIndex struct {
	sections   map[string]labelHit
	sectionMax int // bytes of the longest normalized heading or variant
	t3         map[string]labelHit
	t2Row      map[string]labelHit // i: block, j: row
	t2Block    map[string]labelHit
}

type labelHit struct {
	i, j    int
	variant bool
}

func (f *Format) index() *labelIndex {
	f.idxOnce.Do(func() {
		x := &labelIndex{sections: map[string]labelHit{}, t3: map[string]labelHit{}, t2Row: map[string]labelHit{}, t2Block: map[string]labelHit{}}
		put := func(m map[string]labelHit, canonical string, variants []string, i, j int) {
			add := func(label string, variant bool) {
				n := normDeclared(label)
				if _, ok := m[n]; !ok {
					m[n] = labelHit{i: i, j: j, variant: variant}
				}
			}
			add(canonical, false)
			for _, v := range variants {
				add(v, true)
			}
		}
		for i, s := range f.Sections {
			put(x.sections, s.Heading, s.Variants, i, 0)
		}
		for i, r := range f.T3Rows {
			put(x.t3, r.Label, r.Variants, i, 0)
		}
		for i, b := range f.T2 {
			put(x.t2Block, b.Title, b.Variants, i, 0)
			for j, r := range b.Rows {
				put(x.t2Row, r.Label, r.Variants, i, j)
			}
		}
		for n := range x.sections {
			x.sectionMax = max(x.sectionMax, len(n))
		}
		f.idx = x
	})
	return f.idx
}

// MatchSection finds the section whose heading the printed text is. Most
// text handed to it is paragraphs, far longer than any heading: those are
// turned away before they are normalized whole.
func (f *Format) MatchSection(printed string) (Section, LabelMatch, bool) {
	x := f.index()
	n, ok := normalizeMax(printed, x.sectionMax)
	if !ok {
		return Section{}, LabelMatch{}, false
	}
	if h, ok := x.sections[n]; ok {
		s := f.Sections[h.i]
		return s, LabelMatch{Canonical: s.Heading, Variant: h.variant}, true
	}
	return Section{}, LabelMatch{}, false
}

// MatchT3Row finds the 表三 row (data row or group label) of a printed label.
func (f *Format) MatchT3Row(printed string) (T3Row, LabelMatch, bool) {
	if h, ok := f.index().t3[Normalize(printed)]; ok {
		r := f.T3Rows[h.i]
		return r, LabelMatch{Canonical: r.Label, Variant: h.variant}, true
	}
	return T3Row{}, LabelMatch{}, false
}

// MatchT2Row finds the 表二 block and row of a printed row label.
func (f *Format) MatchT2Row(printed string) (T2Block, Column, LabelMatch, bool) {
	if h, ok := f.index().t2Row[Normalize(printed)]; ok {
		b := f.T2[h.i]
		r := b.Rows[h.j]
		return b, r, LabelMatch{Canonical: r.Label, Variant: h.variant}, true
	}
	return T2Block{}, Column{}, LabelMatch{}, false
}

// MatchT2Block finds the 表二 block whose title the printed text is.
func (f *Format) MatchT2Block(printed string) (T2Block, bool) {
	if h, ok := f.index().t2Block[Normalize(printed)]; ok {
		return f.T2[h.i], true
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
