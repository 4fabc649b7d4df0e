package damage

import (
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

var (
	full   = flag.Bool("damage.full", false, "run the full damage generator (≥ 10,000 documents)")
	strict = flag.Bool("damage.strict", false, "assert ≥ 99 % of decidable cells right in every class")
	only   = flag.Int("damage.doc", -1, "run only document N (numbers are the same in short and full runs) and log it")
)

// Run sizes: the short run (two documents per class) stays fast on a
// loaded machine; the full run is ≥ 10,000 documents.
const (
	shortPerClass = 2
	fullDocs      = 10_100
	runSeed       = 16
)

// corpusDir finds ../shared/corpus relative to the repository, or "".
func corpusDir() string {
	for _, d := range []string{"../../../shared/corpus", "/work/shared/corpus"} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

func loadCorpus(t *testing.T) []*Truth {
	dir := corpusDir()
	if dir == "" {
		t.Log("../shared/corpus absent: synthetic truths only")
		return nil
	}
	truths, err := LoadCorpus(dir)
	require.NoError(t, err)
	return truths
}

// TestCorpusTruths checks that every corpus truth loads with every id of its
// format.
func TestCorpusTruths(t *testing.T) {
	dir := corpusDir()
	if dir == "" {
		t.Skip("../shared/corpus absent")
	}
	truths, err := LoadCorpus(dir)
	require.NoError(t, err)
	require.NotEmpty(t, truths)
	for _, tr := range truths {
		require.Len(t, tr.Cells, len(tr.IDs()), tr.Name)
	}
}

// stats counts one class's cells.
type stats struct {
	docs, rejected                     int
	cells, right, noted, silent, wrong int
	undecidable, decidable, decRight   int
}

// wrongCell is one wrong value: the hard failure.
type wrongCell struct {
	id          string
	truth, read string
}

func fmtVal(v *float64) string {
	if v == nil {
		return "blank"
	}
	return fmt.Sprint(*v)
}

func noted(rep *report.Report, id string) bool {
	if _, ok := rep.Missing[id]; ok {
		return true
	}
	for _, n := range rep.Notes {
		for _, c := range n.Cells {
			if c == id {
				return true
			}
		}
	}
	return false
}

// score reads one case with the project's reader and scores every cell of
// the truth into st; it returns the wrong values.
func score(c Case, st *stats) []wrongCell {
	st.docs++
	rep, err := convert.ReadBytes(fmt.Sprintf("damage-%d%s", c.N, c.Class.Layout.Ext()), c.Class.Layout.Ext(), []byte(c.Text), convert.Options{})
	if err != nil {
		st.rejected++
		rep = report.New()
	}
	dec := Decide(c.Truth, c.Views)
	var wrong []wrongCell
	for _, id := range c.Truth.IDs() {
		tv := c.Truth.Cells[id]
		st.cells++
		d := dec[id]
		decidable := d.Decided && sameValue(d.Value, tv)
		if decidable {
			st.decidable++
		} else {
			st.undecidable++
		}
		rv, has := rep.Cells[id]
		switch {
		case has && tv != nil && sameValue(&rv, tv):
			st.right++
			st.decRight += boolN(decidable)
		case has:
			st.wrong++
			wrong = append(wrong, wrongCell{id: id, truth: fmtVal(tv), read: fmt.Sprint(rv)})
		case tv == nil:
			st.right++
			st.decRight += boolN(decidable)
		case noted(rep, id):
			st.noted++
		default:
			st.silent++
		}
	}
	return wrong
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

// table formats the per-class counts.
func table(byClass map[string]*stats) string {
	names := make([]string, 0, len(byClass))
	for n := range byClass {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s %5s %4s %7s %7s %7s %6s %6s %7s %7s\n", "class", "docs", "rej", "cells", "right", "missing", "silent", "wrong", "undec", "dec.ok")
	var tot stats
	for _, n := range names {
		s := byClass[n]
		fmt.Fprintf(&b, "%-28s %5d %4d %7d %7s %7s %6d %6d %7s %7s\n", n, s.docs, s.rejected, s.cells, pct(s.right, s.cells),
			pct(s.noted, s.cells), s.silent, s.wrong, pct(s.undecidable, s.cells), pct(s.decRight, s.decidable))
		tot.add(s)
	}
	fmt.Fprintf(&b, "%-28s %5d %4d %7d %7s %7s %6d %6d %7s %7s\n", "TOTAL", tot.docs, tot.rejected, tot.cells, pct(tot.right, tot.cells),
		pct(tot.noted, tot.cells), tot.silent, tot.wrong, pct(tot.undecidable, tot.cells), pct(tot.decRight, tot.decidable))
	return b.String()
}

func (s *stats) add(o *stats) {
	s.docs += o.docs
	s.rejected += o.rejected
	s.cells += o.cells
	s.right += o.right
	s.noted += o.noted
	s.silent += o.silent
	s.wrong += o.wrong
	s.undecidable += o.undecidable
	s.decidable += o.decidable
	s.decRight += o.decRight
}

// run generates and scores the run's documents; report receives each case
// with wrong values.
func run(t *testing.T, fail func(c Case, w []wrongCell)) map[string]*stats {
	corpus := loadCorpus(t)
	n := shortPerClass * len(Classes())
	if *full {
		n = fullDocs
	}
	byClass := map[string]*stats{}
	first := 0
	if *only >= 0 {
		first, n = *only, *only+1
	}
	for i := first; i < n; i++ {
		c := Generate(runSeed, i, corpus)
		if *only >= 0 {
			t.Logf("document %d, class %s, truth %s:\n%s", i, c.Class, c.Truth.Name, c.Text)
		}
		st := byClass[c.Class.String()]
		if st == nil {
			st = &stats{}
			byClass[c.Class.String()] = st
		}
		if w := score(c, st); len(w) > 0 {
			fail(c, w)
		}
	}
	return byClass
}

// TestDamage is the property: every cell of every damaged document right,
// or missing (with a note); a wrong value fails and prints the document.
func TestDamage(t *testing.T) {
	printed := map[string]int{}
	byClass := run(t, func(c Case, w []wrongCell) {
		name := c.Class.String()
		printed[name]++
		if printed[name] > 1 {
			t.Errorf("%s doc %d (truth %s): %d wrong values, e.g. %s truth %s read %s", name, c.N, c.Truth.Name, len(w), w[0].id, w[0].truth, w[0].read)
			return
		}
		var b strings.Builder
		for _, x := range w {
			fmt.Fprintf(&b, "  %s: truth %s, read %s\n", x.id, x.truth, x.read)
		}
		b.WriteString(rowsOf(c, w))
		t.Errorf("%s doc %d (seed %d, truth %s): %d wrong values\n%s--- document ---\n%s--- end ---", name, c.N, c.Seed, c.Truth.Name, len(w), b.String(), c.Text)
	})
	t.Logf("per class (right/missing: share of cells; undec: share the oracle finds undecidable; dec.ok: right among decidable):\n%s", table(byClass))
}

// TestDamageDecidable is the target: ≥ 99 % of the decidable cells
// right in every class.
func TestDamageDecidable(t *testing.T) {
	if !*strict {
		t.Skip("the target of issue 16; run with -damage.strict")
	}
	byClass := run(t, func(Case, []wrongCell) {})
	names := make([]string, 0, len(byClass))
	for name := range byClass {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if s := byClass[name]; s.decidable > 0 {
			share := float64(s.decRight) / float64(s.decidable)
			if share < 0.99 || math.IsNaN(share) {
				t.Errorf("%s: %s of %d decidable cells right (target 99 %%)", name, pct(s.decRight, s.decidable), s.decidable)
			}
		}
	}
	t.Logf("\n%s", table(byClass))
}

func TestMain(m *testing.M) {
	flag.Parse()
	if *full {
		// The full run takes what it takes: no wall-clock limit.
		_ = flag.Set("test.timeout", "0")
	}
	os.Exit(m.Run())
}

// rowsOf prints the rows holding wrong cells as the layout printed their
// values (the minimal snippet of a failure).
func rowsOf(c Case, w []wrongCell) string {
	var b strings.Builder
	for _, v := range c.Views {
		for _, x := range w {
			if containsID(v.Slots, x.id) {
				fmt.Fprintf(&b, "  row %s: tokens %q glued %q\n", v.Slots[0], v.Tokens, v.Glued)
				break
			}
		}
	}
	return b.String()
}

func containsID(ids []string, id string) bool {
	for _, s := range ids {
		if s == id {
			return true
		}
	}
	return false
}
