package check

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// evaluator recomputes the formulas of a workbook from its cells, never
// from cached values. It understands what xxgk writes and what a hand edit
// of a total plausibly leaves: numbers, cell references (sheet-qualified or
// not), ranges, defined names, SUM, + and - and parentheses. Anything else
// is not evaluated (ok false), so it is never judged.
type evaluator struct {
	f     *excelize.File
	memo  map[string]evalResult
	busy  map[string]bool
	names map[string]string
}

type evalResult struct {
	v  float64
	ok bool
}

func newEvaluator(f *excelize.File) *evaluator {
	ev := &evaluator{f: f, memo: map[string]evalResult{}, busy: map[string]bool{}, names: map[string]string{}}
	for _, d := range f.GetDefinedName() {
		ev.names[strings.ToUpper(d.Name)] = d.RefersTo
	}
	return ev
}

// cell returns the value of a formula cell recomputed from the cells.
func (ev *evaluator) cell(sheet, ref string) (float64, bool) {
	key := sheet + "!" + strings.ToUpper(strings.ReplaceAll(ref, "$", ""))
	if r, ok := ev.memo[key]; ok {
		return r.v, r.ok
	}
	if ev.busy[key] {
		return 0, false // circular
	}
	ev.busy[key] = true
	defer delete(ev.busy, key)
	formula, err := ev.f.GetCellFormula(sheet, ref)
	var r evalResult
	if err == nil && strings.TrimSpace(formula) != "" {
		p := &fparser{ev: ev, sheet: sheet, s: strings.TrimPrefix(strings.TrimSpace(formula), "=")}
		v, ok := p.expr()
		p.space()
		r = evalResult{v, ok && p.i == len(p.s)}
	}
	ev.memo[key] = r
	return r.v, r.ok
}

// operand is a referenced cell's value: number, blank or text.
type operand struct {
	v     float64
	blank bool
	text  bool
	err   bool
}

func (ev *evaluator) value(sheet, ref string) operand {
	ref = strings.ReplaceAll(ref, "$", "")
	if f, err := ev.f.GetCellFormula(sheet, ref); err == nil && strings.TrimSpace(f) != "" {
		v, ok := ev.cell(sheet, ref)
		if !ok {
			return operand{err: true}
		}
		return operand{v: v}
	}
	raw, err := ev.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return operand{err: true}
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return operand{blank: true}
	}
	if v, err := strconv.ParseFloat(raw, 64); err == nil {
		if t, err := ev.f.GetCellType(sheet, ref); err == nil && (t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString) {
			return operand{text: true}
		}
		return operand{v: v}
	}
	return operand{text: true}
}

type fparser struct {
	ev    *evaluator
	sheet string
	s     string
	i     int
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
	if strings.HasPrefix(strings.ToUpper(p.s[p.i:]), "SUM(") {
		p.i += 4
		var sum float64
		for {
			if p.peek() == ')' {
				p.i++
				return sum, true
			}
			vals, ok := p.arg()
			if !ok {
				return 0, false
			}
			sum += vals
			if p.peek() == ',' {
				p.i++
			}
		}
	}
	refs, ok := p.reference()
	if !ok || len(refs) != 1 {
		return 0, false
	}
	o := p.ev.value(refs[0][0], refs[0][1])
	switch {
	case o.err || o.text:
		return 0, false
	case o.blank:
		return 0, true
	}
	return o.v, true
}

// arg is one SUM argument: a reference or range (blank and text cells are
// skipped, as spreadsheets do) or an expression.
func (p *fparser) arg() (float64, bool) {
	save := p.i
	if refs, ok := p.reference(); ok {
		if c := p.peek(); c == ',' || c == ')' {
			var s float64
			for _, r := range refs {
				o := p.ev.value(r[0], r[1])
				if o.err {
					return 0, false
				}
				if !o.blank && !o.text {
					s += o.v
				}
			}
			return s, true
		}
	}
	p.i = save
	return p.expr()
}

// reference parses a cell, a range or a defined name into (sheet, ref)
// pairs.
func (p *fparser) reference() ([][2]string, bool) {
	p.space()
	sheet := p.sheet
	rest := p.s[p.i:]
	if strings.HasPrefix(rest, "'") {
		end := strings.Index(rest[1:], "'!")
		if end < 0 {
			return nil, false
		}
		sheet = rest[1 : 1+end]
		p.i += end + 3
	} else if k := strings.IndexByte(rest, '!'); k > 0 && !strings.ContainsAny(rest[:k], "(),+-:") {
		sheet = rest[:k]
		p.i += k + 1
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
		sub := &fparser{ev: p.ev, sheet: sheet, s: strings.TrimPrefix(target, "=")}
		refs, ok := sub.reference()
		return refs, ok && sub.i == len(sub.s)
	}
	from, to, isRange := strings.Cut(strings.ReplaceAll(tok, "$", ""), ":")
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		return nil, false
	}
	c2, r2 := c1, r1
	if isRange {
		if c2, r2, err = excelize.CellNameToCoordinates(to); err != nil {
			return nil, false
		}
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if (c2-c1+1)*(r2-r1+1) > 10000 {
		return nil, false
	}
	var out [][2]string
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			out = append(out, [2]string{sheet, ref})
		}
	}
	return out, true
}

func isWord(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}
