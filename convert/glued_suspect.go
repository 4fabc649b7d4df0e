package convert

import (
	"fmt"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// SuspectSplitCells looks at one row of a grid whose value cells (cells,
// after the row label) fill the cell ids ids of format f in order, and
// catches a number split across two cells ("2 | 0" where the source meant
// 20, a word processor or a web page having cut a cell in two): when the row
// as printed breaks its own arithmetic (a 表三 row's total, a 表四 group's
// total) and joining two neighbouring cells makes it hold, the cells from
// the split on are returned missing, each with a split_cell_suspected note
// carrying the suggested repair. The repair is never applied: a suggestion
// is not what the report printed. A row that balances, or that no single
// join repairs, is returned unchanged (ok false).
//
// The recognizer calls it for every 表三 data row and the 表四 row before
// reading the values.
func SuspectSplitCells(f *schema.Format, layout []string, ids []string, cells []Cell) ([]Cell, bool) {
	n := len(ids)
	if n == 0 || len(cells) < n {
		return cells, false
	}
	kinds := make([]schema.Kind, n)
	for i, id := range ids {
		if c := f.Cell(id); c != nil {
			kinds[i] = c.Kind
		}
	}
	own := rowInstances(f.Instances(layout), ids)
	if len(own) == 0 {
		return cells, false
	}
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = CleanCellText(c.Text)
	}
	balanced := func(vals []string) (ok, known bool) {
		get := func(id string) (float64, bool) {
			for i, x := range ids {
				if x == id {
					return tokenNum(vals[i], kinds[i])
				}
			}
			return 0, false
		}
		known = true
		for _, x := range own {
			switch _, _, st := x.Eval(get); st {
			case schema.Unbalanced:
				return false, true
			case schema.MissingOperand:
				known = false
			}
		}
		return true, known
	}
	if ok, known := balanced(texts[:n]); ok || !known {
		return cells, false
	}
	type fix struct {
		k      int
		joined string
	}
	var fixes []fix
	for k := 0; k+1 < len(texts) && k < n; k++ {
		if texts[k] == "" || texts[k+1] == "" {
			continue
		}
		joined := texts[k] + texts[k+1]
		merged := append(append(append([]string{}, texts[:k]...), joined), texts[k+2:]...)
		if len(merged) < n {
			continue
		}
		valid := true
		for i := 0; i < n; i++ {
			if !validToken(merged[i], kinds[i]) {
				valid = false
				break
			}
		}
		if !valid {
			continue
		}
		if ok, known := balanced(merged[:n]); ok && known {
			fixes = append(fixes, fix{k, joined})
		}
	}
	if len(fixes) == 0 {
		return cells, false
	}
	var sugg []string
	first := n
	for _, x := range fixes {
		sugg = append(sugg, fmt.Sprintf("“%s | %s”→“%s”", texts[x.k], texts[x.k+1], x.joined))
		if x.k < first {
			first = x.k
		}
	}
	detail := fmt.Sprintf("本行按原样合计不成立；疑为一个数被拆成两格（split_cell_suspected），建议修正：%s，修正后本行合计成立；原文各格为“%s”，自此格起记为缺失",
		strings.Join(sugg, "；或"), strings.Join(texts, " | "))
	out := make([]Cell, n)
	copy(out, cells[:n])
	for i := first; i < n; i++ {
		out[i].Text = ""
		out[i].Note = &CellNote{Kind: report.NoteSplitSuspected, Detail: detail}
	}
	return out, true
}
