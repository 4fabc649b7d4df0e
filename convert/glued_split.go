package convert

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// The split enumerator: crawler text glues the cells of a row together
// ("行政许可396442278"). splitRun lists every way a run of value characters
// splits into the row's cells under the value rules of formats.md, and
// resolveSplits keeps those the table's own arithmetic allows. It never
// chooses by plausibility: a row that still splits several ways leaves the
// cells the candidates disagree on missing, with an ambiguous_split note.

// maxSplits caps the candidates enumerated for one row; a row with more is
// left ambiguous (its cells missing) rather than searched further.
const maxSplits = 200000

// maxSteps caps the enumerator's work on one row (a run far too long for
// its cells ends as ambiguous, not as a long wait).
const maxSteps = 2000000

var (
	reSplitCount  = regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)$`)
	reSplitSigned = regexp.MustCompile(`^[+-]?(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)$`)
	reSplitAmount = regexp.MustCompile(`^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)(\.[0-9]+)?(万元|元)?$`)
)

// validToken reports whether tok is a value a cell of kind k may hold when
// read out of glued text: no leading zeros except "0" itself, a sign only
// for signed counts, decimals and a unit only for amounts. "-0" is refused.
func validToken(tok string, k schema.Kind) bool {
	switch k {
	case schema.SignedCount:
		return reSplitSigned.MatchString(tok) && tok != "-0" && tok != "+0"
	case schema.Amount:
		return reSplitAmount.MatchString(tok)
	}
	return reSplitCount.MatchString(tok)
}

// splitRun enumerates the splits of groups (runs separated in the source by
// white space, each holding one or more whole cells) into len(kinds) cells.
// keep, when not nil, filters complete candidates. It returns the kept
// candidates, the number of candidates valid by the value rules alone, and
// whether the enumeration stopped at maxSplits.
func splitRun(groups []string, kinds []schema.Kind, keep func([]string) bool) (out [][]string, valid int, capped bool) {
	n := len(kinds)
	if n == 0 {
		return nil, 0, false
	}
	cur := make([]string, 0, n)
	// maxLen[c] bounds the characters cells c… can hold together.
	maxLen := make([]int, n+1)
	for c := n - 1; c >= 0; c-- {
		w := 13 // 1,000,000,000
		if kinds[c] == schema.Amount {
			w = 24
		}
		maxLen[c] = maxLen[c+1] + w
	}
	steps := 0
	var rec func(g, off, c int)
	rec = func(g, off, c int) {
		if steps++; steps > maxSteps {
			capped = true
		}
		if capped {
			return
		}
		if g == len(groups) {
			if c == n {
				valid++
				if valid > maxSplits {
					capped = true
					return
				}
				if keep == nil || keep(cur) {
					out = append(out, append([]string(nil), cur...))
				}
			}
			return
		}
		if c == n {
			return
		}
		s := groups[g]
		// Cells still to place must fit: each needs at least one character.
		rest := 0
		for _, gg := range groups[g+1:] {
			rest += len(gg)
		}
		if n-c > len(s)-off+rest || len(s)-off+rest > maxLen[c] {
			return
		}
		for end := off + 1; end <= len(s); end++ {
			tok := s[off:end]
			if !validToken(tok, kinds[c]) {
				// A longer token may become valid again only for an amount
				// (decimals, a unit to come) or after a lone sign.
				if kinds[c] == schema.Amount || tok == "-" || tok == "+" || strings.Contains(tok, ",") {
					continue
				}
				break
			}
			cur = append(cur, tok)
			if end == len(s) {
				rec(g+1, 0, c+1)
			} else {
				rec(g, end, c+1)
			}
			cur = cur[:len(cur)-1]
		}
	}
	rec(0, 0, 0)
	return out, valid, capped
}

// splitRow is one row of glued text waiting to be split.
type splitRow struct {
	Label   string   // the row label as printed
	Printed string   // the value run as printed (for notes)
	Pos     string   // file:line
	Col     int      // the row's character column in its line (glued text is often one line)
	IDs     []string // the row's cell ids in order
	Kinds   []schema.Kind
	Groups  []string
	// Cands are the candidates left after the row's own arithmetic; Valid
	// counts those the value rules alone allowed; Capped: enumeration
	// stopped at maxSplits.
	Cands  [][]string
	Valid  int
	Capped bool
	// Why says what decided the row when several candidates were valid.
	Why string
}

// rowInstances returns the instances whose every cell lies in ids.
func rowInstances(inst []schema.Instance, ids []string) []schema.Instance {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var out []schema.Instance
	for _, x := range inst {
		all := true
		for _, c := range x.Cells() {
			if !in[c] {
				all = false
				break
			}
		}
		if all && x.Op == schema.Eq {
			out = append(out, x)
		}
	}
	return out
}

// tokenNum reads a split token as a number (万元 for amounts; 元 converted),
// for arithmetic only.
func tokenNum(tok string, k schema.Kind) (float64, bool) {
	v := ReadValue(tok, k, "")
	return v.Num, v.OK
}

// enumerate fills r.Cands with the splits that satisfy the row's own
// arithmetic (a 表三 row: the six parts sum to its total; 表四: each
// group's total).
func (r *splitRow) enumerate(inst []schema.Instance) {
	own := rowInstances(inst, r.IDs)
	idx := map[string]int{}
	for i, id := range r.IDs {
		idx[id] = i
	}
	keep := func(c []string) bool {
		get := func(id string) (float64, bool) { return tokenNum(c[idx[id]], r.Kinds[idx[id]]) }
		for _, x := range own {
			if _, _, st := x.Eval(get); st == schema.Unbalanced {
				return false
			}
		}
		return true
	}
	r.Cands, r.Valid, r.Capped = splitRun(r.Groups, r.Kinds, keep)
	if r.Capped {
		r.Cands = nil
	}
	if r.Valid > 1 && len(r.Cands) == 1 && len(own) > 0 {
		r.Why = fmt.Sprintf("按值规则有 %d 种拆法，仅此一种满足本行合计（%s）", r.Valid, own[0].Rule)
	}
}

// maxCombos caps the assignments tried when the column sums break ties
// between rows that still split several ways.
const maxCombos = 100000

// resolveSplits runs the enumerator on every row, then lets the column sums
// and 勾稽关系 over all rows (t3.balance, t3.result_total) break ties among
// the row-valid candidates: an assignment of the ambiguous rows counts only
// if every instance it makes evaluable balances. A report whose own
// arithmetic is broken therefore decides nothing this way.
func resolveSplits(f *schema.Format, layout []string, rows []*splitRow) {
	inst := f.Instances(layout)
	for _, r := range rows {
		r.enumerate(inst)
	}
	var amb []*splitRow
	combos := 1
	for _, r := range rows {
		if len(r.Cands) > 1 {
			amb = append(amb, r)
			combos *= len(r.Cands)
			if combos > maxCombos {
				return
			}
		}
	}
	if len(amb) == 0 {
		return
	}
	fixed := map[string]float64{}
	kindOf := map[string]schema.Kind{}
	for _, r := range rows {
		for i, id := range r.IDs {
			kindOf[id] = r.Kinds[i]
		}
		if len(r.Cands) == 1 {
			for i, id := range r.IDs {
				if v, ok := tokenNum(r.Cands[0][i], r.Kinds[i]); ok {
					fixed[id] = v
				}
			}
		}
	}
	var cross []schema.Instance
	for _, x := range inst {
		if x.Rule == "t3.balance" || x.Rule == "t3.result_total" {
			cross = append(cross, x)
		}
	}
	choice := make([]int, len(amb))
	surviving := make([]map[int]bool, len(amb))
	for i := range surviving {
		surviving[i] = map[int]bool{}
	}
	anyOK := false
	var walk func(i int, cur map[string]float64)
	walk = func(i int, cur map[string]float64) {
		if i == len(amb) {
			get := func(id string) (float64, bool) {
				if v, ok := cur[id]; ok {
					return v, true
				}
				v, ok := fixed[id]
				return v, ok
			}
			for _, x := range cross {
				if _, _, st := x.Eval(get); st == schema.Unbalanced {
					return
				}
			}
			anyOK = true
			for j := range amb {
				surviving[j][choice[j]] = true
			}
			return
		}
		r := amb[i]
		for ci, c := range r.Cands {
			choice[i] = ci
			for k, id := range r.IDs {
				if v, ok := tokenNum(c[k], r.Kinds[k]); ok {
					cur[id] = v
				} else {
					delete(cur, id)
				}
			}
			walk(i+1, cur)
		}
		for _, id := range r.IDs {
			delete(cur, id)
		}
	}
	walk(0, map[string]float64{})
	if !anyOK {
		return
	}
	for j, r := range amb {
		if len(surviving[j]) == 1 {
			for ci := range surviving[j] {
				r.Cands = [][]string{r.Cands[ci]}
			}
			r.Why = fmt.Sprintf("按值规则有 %d 种拆法，本行合计后仍有多种，仅此一种使表三各列勾稽关系与（七）总计成立", r.Valid)
		}
	}
}

// narrativeFigure is a figure the narrative states for a cell.
type narrativeFigure struct {
	Value float64
	Quote string // the sentence, shortened
}

// applyNarrative lets figures the narrative states break the ties left among
// row-valid candidates: a figure keeps the candidates that agree with it; a
// figure no candidate agrees with (the narrative counting something else)
// is ignored.
func applyNarrative(rows []*splitRow, figs map[string]narrativeFigure) {
	for _, r := range rows {
		if len(r.Cands) < 2 {
			continue
		}
		var used []string
		for i, id := range r.IDs {
			fig, ok := figs[id]
			if !ok {
				continue
			}
			var keep [][]string
			for _, c := range r.Cands {
				if v, ok := tokenNum(c[i], r.Kinds[i]); ok && v == fig.Value {
					keep = append(keep, c)
				}
			}
			if len(keep) > 0 && len(keep) < len(r.Cands) {
				r.Cands = keep
				used = append(used, "正文“"+fig.Quote+"”")
			}
		}
		if len(used) > 0 && len(r.Cands) == 1 {
			r.Why = fmt.Sprintf("按值规则有 %d 种拆法，仅此一种与%s相符", r.Valid, strings.Join(used, "、"))
		} else if len(used) > 0 {
			r.Why = "正文所述数字缩小了可能的拆分：" + strings.Join(used, "、")
		}
	}
}

// cells turns a resolved row into grid cells: a value where every
// remaining candidate agrees, else a missing cell with an ambiguous_split
// note listing the candidates.
func (r *splitRow) cells() []Cell {
	out := make([]Cell, len(r.IDs))
	for i := range out {
		out[i].Pos = r.Pos
	}
	src := "“" + r.Label + r.Printed + "”"
	if r.Col > 0 {
		src += fmt.Sprintf("（第 %d 字起）", r.Col)
	}
	if len(r.Cands) == 0 {
		detail := src + "按值规则与本行合计无法拆分为 " + fmt.Sprint(len(r.IDs)) + " 个数（ambiguous_split），记为缺失"
		if r.Capped {
			detail = src + "可能的拆分超过 " + fmt.Sprint(maxSplits) + " 种，无法确定（ambiguous_split），记为缺失"
		}
		for i := range out {
			out[i].Text = r.Printed
			out[i].Note = &CellNote{Kind: report.NoteAmbiguousSplit, Detail: detail}
		}
		return out
	}
	if len(r.Cands) == 1 {
		for i := range out {
			out[i].Text = r.Cands[0][i]
			if r.Why != "" {
				out[i].Note = &CellNote{Kind: report.NoteSplitChosen, Detail: src + "拆分为 " + strings.Join(r.Cands[0], "|") + "：" + r.Why}
			}
		}
		return out
	}
	var list []string
	for i, c := range r.Cands {
		if i == 12 {
			list = append(list, fmt.Sprintf("…共 %d 种", len(r.Cands)))
			break
		}
		list = append(list, strings.Join(c, "|"))
	}
	for i := range out {
		agree := true
		for _, c := range r.Cands[1:] {
			if c[i] != r.Cands[0][i] {
				agree = false
				break
			}
		}
		if agree {
			out[i].Text = r.Cands[0][i]
			detail := fmt.Sprintf("%s有 %d 种可能的拆分，各种拆分在此格一致：%s", src, len(r.Cands), r.Cands[0][i])
			if r.Why != "" {
				detail += "（" + r.Why + "）"
			}
			out[i].Note = &CellNote{Kind: report.NoteSplitChosen, Detail: detail}
			continue
		}
		// The cell keeps the run as printed: it is missing (the note says
		// so) and a reader of the grid still sees a value cell there.
		out[i].Text = r.Printed
		out[i].Note = &CellNote{Kind: report.NoteAmbiguousSplit,
			Detail: fmt.Sprintf("%s可拆分为 %s（ambiguous_split），本表无算术关系可判定，记为缺失", src, strings.Join(list, "；"))}
	}
	return out
}
