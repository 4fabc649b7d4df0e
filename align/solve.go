package align

import (
	"math"
)

// Identity is one arithmetic identity of the tables: sum(Left) = sum(Right),
// or sum(Left) ≤ sum(Right) when LessEq.
type Identity struct {
	Left, Right []string
	LessEq      bool
}

// Problem is every row of a report that needs aligning, with the cells
// already read and the identities that hold between them.
type Problem struct {
	Rows       []Row
	Known      func(id string) (float64, bool)
	Identities []Identity
}

// Verdict says what became of a row.
type Verdict int

const (
	// Decided: one reading, taken.
	Decided Verdict = iota
	// Ambiguous: several readings fit the layout and the arithmetic.
	Ambiguous
	// Unconfirmed: the reading the arithmetic leaves is not confirmed by
	// two identities, or no reading satisfies it.
	Unconfirmed
	// TooMany: the layout allows more readings than the search examines.
	TooMany
)

// Outcome is the result for one row of the problem.
type Outcome struct {
	Verdict    Verdict
	Reading    Reading   // Decided
	Candidates []Reading // Ambiguous: the readings that fit
	// ByLayout: Decided as the only reading the layout allows.
	ByLayout bool
}

// MaxNodes bounds the joint search over the rows' readings.
const MaxNodes = 200000

// maxSolutions: past this many consistent joint readings the search stops;
// rows on which they differ are ambiguous.
const maxSolutions = 64

// Solve aligns every row of the problem.
func Solve(p Problem) []Outcome {
	s := newSolver(p)
	out := make([]Outcome, len(p.Rows))
	// Rows that share no identity are decided apart: their readings do not
	// multiply.
	for _, comp := range s.components() {
		s.rows = comp
		sols, done := s.search()
		if done && len(sols) == 0 {
			sols, done = s.relaxed()
		}
		for _, i := range comp {
			switch {
			case s.capped[i] || !done && len(s.cands[i]) > 1:
				out[i] = Outcome{Verdict: TooMany}
			case !done:
				out[i] = Outcome{Verdict: Unconfirmed}
			default:
				out[i] = s.verdict(i, sols)
			}
		}
	}
	return out
}

// components groups the rows linked by identities, each in row order.
func (s *solver) components() [][]int {
	parent := make([]int, len(s.p.Rows))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	first := make([]int, len(s.p.Identities))
	for j := range first {
		first[j] = -1
	}
	for i, js := range s.touches {
		for _, j := range js {
			if first[j] < 0 {
				first[j] = i
			} else {
				parent[find(i)] = find(first[j])
			}
		}
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := range parent {
		r := find(i)
		if byRoot[r] == nil {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	out := make([][]int, 0, len(roots))
	for _, r := range roots {
		out = append(out, byRoot[r])
	}
	return out
}

type solver struct {
	p       Problem
	cands   [][]Reading
	capped  []bool
	owner   map[string][2]int // cell id → row, position
	touches [][]int           // row → identities with a cell in the row
	last    []int             // identity → the last row it needs, -1: none
	skip    int               // identity ignored in a relaxed search, -1: none
	rows    []int             // the rows searched now (one component)
	nodes   int
}

func newSolver(p Problem) *solver {
	s := &solver{p: p, owner: map[string][2]int{}, skip: -1}
	s.cands = make([][]Reading, len(p.Rows))
	s.capped = make([]bool, len(p.Rows))
	for i, row := range p.Rows {
		s.cands[i], s.capped[i] = Readings(row)
		if !s.capped[i] {
			for k, id := range row.IDs {
				s.owner[id] = [2]int{i, k}
			}
		}
	}
	s.touches = make([][]int, len(p.Rows))
	s.last = make([]int, len(p.Identities))
	for j, in := range p.Identities {
		s.last[j] = -1
		seen := map[int]bool{}
		for _, id := range append(append([]string(nil), in.Left...), in.Right...) {
			if o, ok := s.owner[id]; ok && !seen[o[0]] {
				seen[o[0]] = true
				s.touches[o[0]] = append(s.touches[o[0]], j)
				if o[0] > s.last[j] {
					s.last[j] = o[0]
				}
			}
		}
	}
	return s
}

// solution holds, per row, the index of the reading chosen (-1: capped).
type solution []int

// search enumerates the joint readings under which every identity that can
// be evaluated holds, up to maxSolutions; done is false when the node
// budget ran out first.
func (s *solver) search() (sols []solution, done bool) {
	s.nodes = 0
	cur := make(solution, len(s.p.Rows))
	for i := range cur {
		cur[i] = -1
	}
	var rec func(at int) bool
	rec = func(at int) bool {
		if at == len(s.rows) {
			sols = append(sols, append(solution(nil), cur...))
			return len(sols) < maxSolutions
		}
		i := s.rows[at]
		if s.capped[i] || len(s.cands[i]) == 0 {
			cur[i] = -1
			return rec(at + 1)
		}
		for k := range s.cands[i] {
			if s.nodes++; s.nodes > MaxNodes {
				return false
			}
			cur[i] = k
			if s.consistent(i, cur) && !rec(at+1) {
				return false
			}
		}
		cur[i] = -1
		return true
	}
	// Stopped at maxSolutions, the rest is unseen: not a complete answer.
	complete := rec(0)
	return sols, complete && s.nodes <= MaxNodes
}

// relaxed searches again with each identity left out in turn, so that one
// identity the report itself breaks does not block every reading; the
// solutions of every relaxation that has some are pooled.
func (s *solver) relaxed() ([]solution, bool) {
	var pooled []solution
	defer func() { s.skip = -1 }()
	in := map[int]bool{}
	for _, i := range s.rows {
		in[i] = true
	}
	for j := range s.p.Identities {
		if s.last[j] < 0 || !in[s.last[j]] {
			continue
		}
		s.skip = j
		sols, done := s.search()
		if !done {
			return nil, false
		}
		pooled = append(pooled, sols...)
	}
	return pooled, true
}

// consistent checks the identities whose last row is i.
func (s *solver) consistent(i int, cur solution) bool {
	for _, j := range s.touches[i] {
		if j == s.skip || s.last[j] != i {
			continue
		}
		if st := s.eval(j, cur); st == failed {
			return false
		}
	}
	return true
}

type status int

const (
	holds status = iota
	failed
	open // an operand is blank, unread or not a number
)

func (s *solver) value(id string, cur solution) (float64, bool) {
	if o, ok := s.owner[id]; ok {
		k := cur[o[0]]
		if k < 0 {
			return 0, false
		}
		t := s.cands[o[0]][k].Tokens[o[1]]
		return t.Num, t.IsNum
	}
	if s.p.Known == nil {
		return 0, false
	}
	return s.p.Known(id)
}

func (s *solver) eval(j int, cur solution) status {
	in := s.p.Identities[j]
	sum := func(ids []string) (float64, bool) {
		t := 0.0
		for _, id := range ids {
			v, ok := s.value(id, cur)
			if !ok {
				return 0, false
			}
			t += v
		}
		return t, true
	}
	l, okl := sum(in.Left)
	r, okr := sum(in.Right)
	if !okl || !okr {
		return open
	}
	if in.LessEq {
		if l > r+1e-9 {
			return failed
		}
		return holds
	}
	if math.Abs(l-r) > 1e-6 {
		return failed
	}
	return holds
}

// verdict decides row i: the layout's plain reading when it is the only
// one, or else the reading every joint solution gives it.
func (s *solver) verdict(i int, sols []solution) Outcome {
	c := s.cands[i]
	if len(c) == 0 {
		return Outcome{Verdict: Unconfirmed}
	}
	if len(c) == 1 && c[0].Plain {
		return Outcome{Verdict: Decided, Reading: c[0], ByLayout: true}
	}
	if len(sols) == 0 {
		return Outcome{Verdict: Unconfirmed}
	}
	chosen := map[int]bool{}
	for _, sol := range sols {
		chosen[sol[i]] = true
	}
	if len(chosen) > 1 {
		var fit []Reading
		for k := range c {
			if chosen[k] {
				fit = append(fit, c[k])
			}
		}
		return Outcome{Verdict: Ambiguous, Candidates: fit}
	}
	// The reading must break no identity it takes part in (not even one a
	// relaxed search left out), and, chosen among several, two must hold.
	k := sols[0][i]
	for _, sol := range sols {
		held, broken := s.support(i, sol)
		if broken > 0 || len(c) > 1 && (held < 2 || !s.everyCellHeld(i, sol)) {
			return Outcome{Verdict: Unconfirmed, Candidates: []Reading{c[k]}}
		}
	}
	return Outcome{Verdict: Decided, Reading: c[k], ByLayout: len(c) == 1}
}

// everyCellHeld reports whether each number the row's reading places takes
// part in an identity that holds: a value the arithmetic never saw (its
// identities blank elsewhere) is not confirmed by it.
func (s *solver) everyCellHeld(i int, sol solution) bool {
	rd := s.cands[i][sol[i]]
	for k, id := range s.p.Rows[i].IDs {
		if !rd.Tokens[k].IsNum {
			continue
		}
		ok := false
		for _, j := range s.touches[i] {
			if contains(s.p.Identities[j], id) && s.eval(j, sol) == holds {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func contains(in Identity, id string) bool {
	for _, x := range in.Left {
		if x == id {
			return true
		}
	}
	for _, x := range in.Right {
		if x == id {
			return true
		}
	}
	return false
}

// support counts the identities touching row i that hold and that fail
// in sol.
func (s *solver) support(i int, sol solution) (held, broken int) {
	for _, j := range s.touches[i] {
		switch s.eval(j, sol) {
		case holds:
			held++
		case failed:
			broken++
		}
	}
	return held, broken
}
