package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The lookups as first written: a loop over the declarations in order.
func refSection(f *Format, printed string) (Section, LabelMatch, bool) {
	n := Normalize(printed)
	for _, s := range f.Sections {
		if m, ok := match(n, s.Heading, s.Variants); ok {
			return s, m, true
		}
	}
	return Section{}, LabelMatch{}, false
}

func refT3Row(f *Format, printed string) (T3Row, LabelMatch, bool) {
	n := Normalize(printed)
	for _, r := range f.T3Rows {
		if m, ok := match(n, r.Label, r.Variants); ok {
			return r, m, true
		}
	}
	return T3Row{}, LabelMatch{}, false
}

func refT2Row(f *Format, printed string) (T2Block, Column, LabelMatch, bool) {
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

func refT2Block(f *Format, printed string) (T2Block, bool) {
	n := Normalize(printed)
	for _, b := range f.T2 {
		if _, ok := match(n, b.Title, b.Variants); ok {
			return b, true
		}
	}
	return T2Block{}, false
}

// TestLabelIndexSameAsLoops: the indexed lookups return what the loops over
// the declarations returned, for every declared label and variant (as
// printed, spaced, full-width, numbered differently), every corpus line and
// every line cut short.
func TestLabelIndexSameAsLoops(t *testing.T) {
	var inputs []string
	addLabel := func(l string) {
		inputs = append(inputs, l, " "+l+" ", strings.ReplaceAll(l, "、", "．"), l+"。", "　　"+l, l[:len(l)/2])
	}
	for _, f := range Formats {
		for _, s := range f.Sections {
			addLabel(s.Heading)
			for _, v := range s.Variants {
				addLabel(v)
			}
		}
		for _, r := range f.T3Rows {
			addLabel(r.Label)
			for _, v := range r.Variants {
				addLabel(v)
			}
		}
		for _, b := range f.T2 {
			addLabel(b.Title)
			for _, v := range b.Variants {
				addLabel(v)
			}
			for _, r := range b.Rows {
				addLabel(r.Label)
				for _, v := range r.Variants {
					addLabel(v)
				}
			}
		}
	}
	files, _ := filepath.Glob("../../shared/corpus/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			for _, ln := range strings.Split(string(b), "\n") {
				inputs = append(inputs, ln)
				for _, cell := range strings.Split(ln, "|") {
					inputs = append(inputs, cell)
				}
			}
		}
	}
	matched := 0
	for _, f := range Formats {
		for _, in := range inputs {
			s1, m1, ok1 := f.MatchSection(in)
			s2, m2, ok2 := refSection(f, in)
			assert.Equal(t, ok2, ok1, "section %q", in)
			assert.Equal(t, s2, s1, "section %q", in)
			assert.Equal(t, m2, m1, "section %q", in)

			r1, rm1, rok1 := f.MatchT3Row(in)
			r2, rm2, rok2 := refT3Row(f, in)
			assert.Equal(t, []any{r2, rm2, rok2}, []any{r1, rm1, rok1}, "t3 row %q", in)

			b1, c1, cm1, cok1 := f.MatchT2Row(in)
			b2, c2, cm2, cok2 := refT2Row(f, in)
			assert.Equal(t, []any{b2, c2, cm2, cok2}, []any{b1, c1, cm1, cok1}, "t2 row %q", in)

			k1, kok1 := f.MatchT2Block(in)
			k2, kok2 := refT2Block(f, in)
			assert.Equal(t, []any{k2, kok2}, []any{k1, kok1}, "t2 block %q", in)
			if ok1 || rok1 || cok1 || kok1 {
				matched++
			}
		}
	}
	assert.Greater(t, matched, 500, "the inputs exercise matches, not only misses")
}
