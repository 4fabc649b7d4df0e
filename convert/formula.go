package convert

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/templates"
)

// FormulaMode is what an Evaluator takes a formula to be.
type FormulaMode int

const (
	// SumOnly is the reader's mode: a formula is SUM(refs) or ref+ref+…
	// (references, ranges, defined names, sheet-qualified or not); every
	// referenced cell counts as in a spreadsheet's SUM (blank and text
	// skipped), and a formula none of whose operands is a number is not a
	// number. Anything else is not evaluated.
	SumOnly FormulaMode = iota
	// Arithmetic is the checker's mode: numbers, references, ranges,
	// defined names, SUM, + and - and parentheses, computed as a
	// spreadsheet does (a blank is 0 outside SUM, text in + is an error).
	// Anything else is not evaluated.
	Arithmetic
)

// Limits of the evaluation: a range larger than maxRangeCells, a chain of
// formulas deeper than maxFormulaDepth or of defined names deeper than
// maxNameDepth is not evaluated (far beyond any report).
const (
	maxRangeCells   = 10000
	maxFormulaDepth = 200
	maxNameDepth    = 8
)

// Evaluator recomputes the formulas of a workbook from its cells, never
// from cached values. One Evaluator serves one workbook in one mode; it
// memoises every cell it evaluates.
type Evaluator struct {
	src   wbSource
	mode  FormulaMode
	names map[string]string // upper-cased defined name → refers-to
	memo  map[string]evalResult
	busy  map[string]bool
}

// evalResult is what a cell shows: a number, a text, or the value of its
// formula recomputed.
type evalResult struct {
	v       float64
	ok      bool   // a number
	text    string // what the cell shows when not a number
	formula string
	bad     bool // a formula xxgk does not evaluate
	isText  bool // a text cell (a number typed as text, a marker)
}

// NewEvaluator returns an evaluator of an excelize workbook.
func NewEvaluator(f *excelize.File, mode FormulaMode) *Evaluator {
	return newEvaluator(xlsSource{f}, mode)
}

func newEvaluator(src wbSource, mode FormulaMode) *Evaluator {
	ev := &Evaluator{src: src, mode: mode, names: map[string]string{},
		memo: map[string]evalResult{}, busy: map[string]bool{}}
	for name, target := range src.names() {
		ev.names[strings.ToUpper(name)] = target
	}
	return ev
}

// Formula returns the value of a formula cell recomputed from the cells;
// ok is false for a cell without a formula and for a formula the mode does
// not evaluate.
func (ev *Evaluator) Formula(sheet, ref string) (float64, bool) {
	r := ev.eval(sheet, ref)
	return r.v, r.formula != "" && r.ok
}

// eval returns what a cell shows: a number, a text, or the value of its
// formula recomputed (never the cached value).
func (ev *Evaluator) eval(sheet, ref string) evalResult {
	ref = strings.ToUpper(strings.ReplaceAll(ref, "$", ""))
	key := sheet + "!" + ref
	if res, ok := ev.memo[key]; ok {
		return res
	}
	if ev.busy[key] || len(ev.busy) > maxFormulaDepth {
		// A cycle, or a chain of formulas far deeper than any report
		// needs: not evaluated.
		return evalResult{bad: true, formula: "(circular)"}
	}
	ev.busy[key] = true
	defer delete(ev.busy, key)
	var res evalResult
	text, formula, isText := ev.src.cell(sheet, ref)
	switch t := strings.TrimSpace(text); {
	case strings.TrimSpace(formula) != "":
		p := &fparser{ev: ev, sheet: sheet, s: strings.TrimPrefix(strings.TrimSpace(formula), "=")}
		if ev.mode == SumOnly {
			res = p.sumOnly()
		} else {
			res = p.arithmetic()
		}
		res.formula = formula
	case t != "" && !isText:
		if v, err := strconv.ParseFloat(t, 64); err == nil {
			res = evalResult{v: v, ok: true, text: text}
			break
		}
		res = evalResult{text: text}
	default:
		// A text cell is never a number to a formula, even "12" (as in
		// Excel's SUM); the value reading decides what it means.
		res = evalResult{text: text, isText: isText}
	}
	ev.memo[key] = res
	return res
}

// blank reports whether a cell holds nothing (no formula, no text).
func (r evalResult) blank() bool { return r.formula == "" && strings.TrimSpace(r.text) == "" }

// fparser parses and evaluates one formula.
type fparser struct {
	ev    *Evaluator
	sheet string
	s     string
	i     int
	depth int // of defined names being resolved
}

func (p *fparser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *fparser) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *fparser) done() bool { return p.peek() == 0 && p.i == len(p.s) }

// sum opens SUM( (any case, spaces allowed before the parenthesis).
func (p *fparser) sum() bool {
	p.space()
	rest := p.s[p.i:]
	if len(rest) < 3 || !strings.EqualFold(rest[:3], "SUM") {
		return false
	}
	j := p.i + 3
	for j < len(p.s) && p.s[j] == ' ' {
		j++
	}
	if j == len(p.s) || p.s[j] != '(' {
		return false
	}
	p.i = j + 1
	return true
}

// sumOnly evaluates SUM(refs) or ref+ref+… (SumOnly).
func (p *fparser) sumOnly() evalResult {
	sep, end := byte('+'), byte(0)
	if p.sum() {
		sep, end = ',', ')'
	}
	var total float64
	num := false
	for {
		refs, ok := p.reference()
		if !ok {
			return evalResult{bad: true}
		}
		for _, loc := range refs {
			if v := p.ev.eval(loc[0], loc[1]); v.bad {
				return evalResult{bad: true}
			} else if v.ok {
				total += v.v
				num = true
			}
		}
		c := p.peek()
		if c == sep {
			p.i++
			continue
		}
		if c != end {
			return evalResult{bad: true}
		}
		if end == ')' {
			p.i++
		}
		break
	}
	if !p.done() {
		return evalResult{bad: true}
	}
	if !num {
		return evalResult{}
	}
	return evalResult{v: total, ok: true}
}

// arithmetic evaluates the whole formula (Arithmetic).
func (p *fparser) arithmetic() evalResult {
	v, ok := p.expr()
	if !ok || !p.done() {
		return evalResult{bad: true}
	}
	return evalResult{v: v, ok: true}
}

func (p *fparser) expr() (float64, bool) {
	v, ok := p.term()
	if !ok {
		return 0, false
	}
	for {
		switch p.peek() {
		case '+', '-':
			op := p.s[p.i]
			p.i++
			w, ok := p.term()
			if !ok {
				return 0, false
			}
			if op == '+' {
				v += w
			} else {
				v -= w
			}
		default:
			return v, true
		}
	}
}

func (p *fparser) term() (float64, bool) {
	switch c := p.peek(); {
	case c == '-':
		p.i++
		v, ok := p.term()
		return -v, ok
	case c == '+':
		p.i++
		return p.term()
	case c == '(':
		p.i++
		v, ok := p.expr()
		if !ok || p.peek() != ')' {
			return 0, false
		}
		p.i++
		return v, true
	case c >= '0' && c <= '9' || c == '.':
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.' || p.s[j] == 'E' || p.s[j] == 'e') {
			j++
		}
		v, err := strconv.ParseFloat(p.s[p.i:j], 64)
		p.i = j
		return v, err == nil
	}
	if p.sum() {
		var sum float64
		for {
			if p.peek() == ')' {
				p.i++
				return sum, true
			}
			v, ok := p.arg()
			if !ok {
				return 0, false
			}
			sum += v
			if p.peek() == ',' {
				p.i++
			}
		}
	}
	refs, ok := p.reference()
	if !ok || len(refs) != 1 {
		return 0, false
	}
	o := p.ev.eval(refs[0][0], refs[0][1])
	switch {
	case o.ok:
		return o.v, true
	case o.blank():
		return 0, true
	}
	return 0, false // text, or a formula not evaluated
}

// arg is one SUM argument: a reference or range (blank and text cells are
// skipped, as spreadsheets do) or an expression.
func (p *fparser) arg() (float64, bool) {
	save := p.i
	if refs, ok := p.reference(); ok {
		if c := p.peek(); c == ',' || c == ')' {
			var s float64
			for _, r := range refs {
				o := p.ev.eval(r[0], r[1])
				if o.bad || o.formula != "" && !o.ok {
					return 0, false
				}
				if o.ok {
					s += o.v
				}
			}
			return s, true
		}
	}
	p.i = save
	return p.expr()
}

// reference parses a cell, a range or a defined name, sheet-qualified or
// not, into (sheet, ref) pairs. External references are never followed.
func (p *fparser) reference() ([][2]string, bool) {
	p.space()
	sheet := p.sheet
	rest := p.s[p.i:]
	if strings.HasPrefix(rest, "'") {
		j := 1 // the closing quote; '' is an escaped quote
		for j < len(rest) && (rest[j] != '\'' || j+1 < len(rest) && rest[j+1] == '\'') {
			if rest[j] == '\'' {
				j++
			}
			j++
		}
		if j+1 >= len(rest) || rest[j+1] != '!' {
			return nil, false
		}
		sheet = strings.ReplaceAll(rest[1:j], "''", "'")
		p.i += j + 2
	} else if k := strings.IndexByte(rest, '!'); k > 0 && !strings.ContainsAny(rest[:k], "(),+-:") {
		sheet = rest[:k]
		p.i += k + 1
	}
	if strings.ContainsAny(sheet, "[]") {
		return nil, false
	}
	j := p.i
	for j < len(p.s) && (isWord(p.s[j]) || p.s[j] == '$' || p.s[j] == ':') {
		j++
	}
	tok := p.s[p.i:j]
	if tok == "" {
		return nil, false
	}
	p.i = j
	if target, ok := p.ev.names[strings.ToUpper(tok)]; ok && !strings.Contains(tok, ":") {
		if p.depth >= maxNameDepth {
			return nil, false
		}
		sub := &fparser{ev: p.ev, sheet: sheet, s: strings.TrimPrefix(target, "="), depth: p.depth + 1}
		refs, ok := sub.reference()
		return refs, ok && sub.done()
	}
	from, to, isRange := strings.Cut(strings.ToUpper(strings.ReplaceAll(tok, "$", "")), ":")
	c1, r1, err := templates.SplitRef(from)
	if err != nil {
		return nil, false
	}
	c2, r2 := c1, r1
	if isRange {
		if c2, r2, err = templates.SplitRef(to); err != nil {
			return nil, false
		}
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if (c2-c1+1)*(r2-r1+1) > maxRangeCells {
		return nil, false
	}
	var out [][2]string
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			out = append(out, [2]string{sheet, templates.Ref(c, r)})
		}
	}
	return out, true
}

// location parses a defined name's target ('sheet'!$D$8) into one cell.
func (ev *Evaluator) location(refersTo string) (sheet, ref string, ok bool) {
	p := &fparser{ev: ev, s: strings.TrimPrefix(strings.TrimSpace(refersTo), "="), depth: maxNameDepth}
	refs, ok := p.reference()
	if !ok || !p.done() || len(refs) != 1 || refs[0][0] == "" {
		return "", "", false
	}
	return refs[0][0], refs[0][1], true
}

func isWord(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}
