package convert

import (
	"fmt"
	"strings"

	"github.com/xxgk/xxgk/align"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// deferred is a row whose values the layout does not place plainly; the
// aligner decides it once every row of the tables has been read.
type deferred struct {
	ids  []string
	vals []Cell
	pos  string
	text string // the row label as printed ("" for 表四)
	unit string
	row  align.Row
}

// deferRow hands a row to the aligner when a layout model may explain its
// values: fewer values than cells in a text whose repeated lines were
// dropped, or more, blanks among them, in a text grid that lost its merged
// cells.
func (rc *recognizer) deferRow(p *pending, ids []string, vals []Cell, want int) bool {
	h := p.hit
	if len(ids) != want || len(vals) == 0 || nonEmpty(vals) == 0 {
		return false
	}
	if h.table == "t2" && rc.otherFormatHeader(h.t2block, p.t2head) {
		return false
	}
	collapsed := rc.doc.RepeatsDropped && p.rowCells == 1 && len(vals) < want
	if p.spanless && p.rowCells > 1 {
		rc.noteBlankSide(vals, want)
	}
	blanks := p.spanless && p.rowCells > 1 && len(vals) > want && innerBlank(vals)
	if !collapsed && !blanks {
		return false
	}
	row := align.Row{IDs: ids, Tokens: alignTokens(vals), Collapsed: collapsed, Blanks: blanks}
	rc.deferred = append(rc.deferred, deferred{ids: ids, vals: vals, pos: p.pos, text: p.text, unit: p.unit, row: row})
	return true
}

// innerBlank reports a blank cell with a value after it.
func innerBlank(vals []Cell) bool {
	blank := false
	for _, v := range vals {
		switch {
		case v.Text == "" && v.Note == nil:
			blank = true
		case blank:
			return true
		}
	}
	return false
}

func alignTokens(vals []Cell) []align.Token {
	out := make([]align.Token, len(vals))
	for i, v := range vals {
		t := align.Token{Text: v.Text, Src: i}
		if v.Note == nil {
			if rv := ReadValue(v.Text, schema.Count, ""); rv.OK {
				t.Num, t.IsNum = rv.Num, true
			}
		}
		out[i] = t
	}
	return out
}

// deferT4 hands 表四's value runs to the aligner when repeated lines were
// dropped and the runs fall short of its 15 cells.
func (rc *recognizer) deferT4(all []string, total int) bool {
	if !rc.doc.RepeatsDropped || total == 0 || total >= len(all) {
		return false
	}
	var vals []Cell
	for _, run := range rc.t4runs {
		vals = append(vals, run.vals...)
	}
	row := align.Row{IDs: all, Tokens: alignTokens(vals), Collapsed: true}
	rc.deferred = append(rc.deferred, deferred{ids: all, vals: vals, pos: rc.t4runs[0].pos, row: row})
	return true
}

// alignDeferred decides the deferred rows together, by the layout models
// and the tables' arithmetic.
func (rc *recognizer) alignDeferred() {
	if len(rc.deferred) == 0 {
		return
	}
	p := align.Problem{Known: rc.known}
	side := rc.blankSide()
	for _, d := range rc.deferred {
		if d.row.Blanks {
			d.row.Side = side
		}
		d.row.BlanksDropped = d.row.Collapsed && rc.emptyRows > 0
		d.row.Signed = rc.signed(d.ids)
		p.Rows = append(p.Rows, d.row)
	}
	for _, in := range rc.f.Instances(rc.r.Layout) {
		p.Identities = append(p.Identities, align.Identity{Left: in.Left, Right: in.Right, LessEq: in.Op == schema.Le})
	}
	for i, out := range align.Solve(p) {
		rc.settleDeferred(rc.deferred[i], out)
	}
	rc.deferred = nil
}

// blankSide is where the text grid leaves merged-cell remains, as the rows
// that show it plainly agree (see noteBlankSide); open when they disagree.
func (rc *recognizer) blankSide() align.Side {
	switch {
	case rc.sides[align.Leading] > 0 && rc.sides[align.Trailing] == 0:
		return align.Leading
	case rc.sides[align.Trailing] > 0 && rc.sides[align.Leading] == 0:
		return align.Trailing
	}
	return align.AnySide
}

// noteBlankSide counts a text-grid row with more cells than the format's
// whose blanks are all excess and stand on one side of its values.
func (rc *recognizer) noteBlankSide(vals []Cell, want int) {
	excess := len(vals) - want
	if excess <= 0 || len(vals)-nonEmpty(vals) != excess {
		return
	}
	l, t := align.EdgeBlanks(alignTokens(vals))
	switch {
	case l == excess:
		rc.sides[align.Leading]++
	case t == excess:
		rc.sides[align.Trailing]++
	}
}

// signed marks the cells that may hold a negative number.
func (rc *recognizer) signed(ids []string) []bool {
	out := make([]bool, len(ids))
	for i, id := range ids {
		if c := rc.f.Cell(id); c != nil && c.Kind == schema.SignedCount {
			out[i] = true
		}
	}
	return out
}

func (rc *recognizer) known(id string) (float64, bool) {
	v, ok := rc.r.Cells[id]
	return v, ok
}

// settleDeferred writes a deferred row's cells, or leaves them missing
// with a note that lists what was printed and why.
func (rc *recognizer) settleDeferred(d deferred, out align.Outcome) {
	if out.Verdict == align.Decided {
		for k, id := range d.ids {
			tok := out.Reading.Tokens[k]
			c := Cell{Pos: d.pos}
			if tok.Src >= 0 {
				c = d.vals[tok.Src]
			}
			rc.setValue(id, c, d.unit)
		}
		if out.Reading.Model != align.Positional {
			because := "只有这一种读法与统计表的勾稽关系一致"
			if out.ByLayout {
				because = "版式只容许这一种读法"
			}
			rc.r.AddNote(report.NoteAligned, d.pos, fmt.Sprintf("%s印出的数值“%s”按%s读为 %s：%s", d.label(), joinCells(d.vals), modelName(out.Reading.Model), out.Reading, because), d.ids...)
		}
		return
	}
	for _, id := range d.ids {
		rc.r.SetMissing(id, "", d.pos)
	}
	kind := report.NoteUnreadableValue
	if len(d.vals) > len(d.ids) {
		kind = report.NoteExtraColumn
	}
	rc.r.AddNote(kind, d.pos, fmt.Sprintf("%s印出%d个数值（%s），格式有%d列；%s，记为缺失", d.label(), len(d.vals), joinCells(d.vals), len(d.ids), why(out)), d.ids...)
}

func (d deferred) label() string {
	if d.text == "" {
		return "表四"
	}
	return "“" + d.text + "”一行"
}

func modelName(m align.Model) string {
	switch m {
	case align.Collapsed:
		return "“相同的相邻数值只印一次”"
	case align.MergedBlank:
		return "“空白为合并单元格所留”"
	}
	return "原位置"
}

// why says in a phrase why a row was not placed.
func why(out align.Outcome) string {
	switch out.Verdict {
	case align.Ambiguous:
		var alts []string
		for _, c := range out.Candidates {
			alts = append(alts, c.String())
		}
		if len(alts) > 6 {
			alts = append(alts[:6], fmt.Sprintf("等%d种", len(out.Candidates)))
		}
		return "可能的读法有 " + strings.Join(alts, "；") + "，统计表的勾稽关系无法判定"
	case align.TooMany:
		return "可能的读法过多，未逐一判定"
	}
	if len(out.Candidates) == 1 {
		return "唯一符合勾稽关系的读法 " + out.Candidates[0].String() + " 未得到两条勾稽关系的印证"
	}
	return "无法确定各列对应关系"
}
