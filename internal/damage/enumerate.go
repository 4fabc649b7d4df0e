package damage

import (
	"github.com/xxgk/xxgk/schema"
)

// enum is a bounded depth-first enumeration of one row's readings.
type enum struct {
	f     *schema.Format
	slots []string
	toks  []string
	nodes int
	over  bool
	out   []reading
	seen  map[string]bool
}

func (e *enum) step() bool {
	e.nodes++
	if e.nodes > RowCap {
		e.over = true
	}
	return !e.over
}

func (e *enum) emit() {
	rd, ok := assign(e.f, e.slots, e.toks)
	if !ok {
		return
	}
	if e.seen == nil {
		e.seen = map[string]bool{}
	}
	if k := rd.key(); !e.seen[k] {
		e.seen[k] = true
		e.out = append(e.out, rd)
	}
}

// vanish: blank cells left no token; any slot may be the blank one.
func vanish(f *schema.Format, v View) ([]reading, bool) {
	e := &enum{f: f, slots: v.Slots, toks: make([]string, len(v.Slots))}
	var dfs func(i, j int)
	dfs = func(i, j int) {
		if !e.step() {
			return
		}
		if i == len(e.slots) {
			if j == len(v.Tokens) {
				e.emit()
			}
			return
		}
		if len(e.slots)-i-1 >= len(v.Tokens)-j {
			e.toks[i] = ""
			dfs(i+1, j)
		}
		if e.slots[i] != "" && j < len(v.Tokens) {
			e.toks[i] = v.Tokens[j]
			dfs(i+1, j+1)
		}
	}
	dfs(0, 0)
	return e.out, e.over
}

// collapsed: each token stands for a run of ≥ 1 consecutive cells;
// blank-by-design cells print nothing.
func collapsed(f *schema.Format, v View) ([]reading, bool) {
	e := &enum{f: f, slots: v.Slots, toks: make([]string, len(v.Slots))}
	var dfs func(i, j int)
	dfs = func(i, j int) {
		if !e.step() {
			return
		}
		if i == len(e.slots) {
			if j == len(v.Tokens)-1 {
				e.emit()
			}
			return
		}
		if e.slots[i] == "" {
			e.toks[i] = ""
			dfs(i+1, j)
			return
		}
		if j >= 0 {
			e.toks[i] = v.Tokens[j]
			dfs(i+1, j)
		}
		if j+1 < len(v.Tokens) {
			e.toks[i] = v.Tokens[j+1]
			dfs(i+1, j+1)
		}
	}
	dfs(0, -1)
	return e.out, e.over
}

// glued: the row's cells concatenated; a space is a blank cell or a stray
// separator, a mark one rune, a number any prefix that reads as one.
func glued(f *schema.Format, v View) ([]reading, bool) {
	s := []rune(v.Glued)
	e := &enum{f: f, slots: v.Slots, toks: make([]string, len(v.Slots))}
	var dfs func(i, p int)
	dfs = func(i, p int) {
		if !e.step() {
			return
		}
		if i == len(e.slots) {
			if p == len(s) {
				e.emit()
			}
			return
		}
		if p >= len(s) {
			return
		}
		if s[p] == ' ' && p > 0 {
			dfs(i, p+1) // a stray space between cells (&nbsp;, <p> boundaries)
		}
		if s[p] == ' ' || s[p] == '—' || s[p] == '/' || s[p] == '－' {
			e.toks[i] = string(s[p])
			dfs(i+1, p+1)
			return
		}
		if e.slots[i] == "" {
			return
		}
		for end := p + 1; end <= len(s); end++ {
			tok := string(s[p:end])
			if _, ok := parseToken(tok, kindOf(f, e.slots[i]), true); ok {
				e.toks[i] = tok
				dfs(i+1, end)
			}
		}
	}
	dfs(0, 0)
	return e.out, e.over
}
