package compare

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// balanced builds a synthetic report whose tables balance: random inputs,
// carry_forward chosen so that t3.balance holds, every total the sum of its
// parts.
func balanced(t *testing.T, seed int64, format string, year int, agency string, layout ...string) *report.Report {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	r := report.New()
	r.Format, r.Year, r.Agency, r.Layout = format, year, agency, layout
	if r.Layout == nil {
		r.Layout = []string{}
	}
	f := schema.Get(format)
	cells := f.Cells(layout)
	byID := map[string]*schema.Cell{}
	for _, c := range cells {
		byID[c.ID] = c
	}
	for _, c := range cells {
		if c.IsTotal() || strings.HasPrefix(c.ID, "t3.carry_forward.") {
			continue
		}
		switch {
		case strings.HasPrefix(c.ID, "t3.new_received."), strings.HasSuffix(c.ID, ".published_total"):
			r.Cells[c.ID] = float64(100 + rng.Intn(100))
		case c.Kind == schema.Amount:
			r.Cells[c.ID] = float64(rng.Intn(100000)) / 100
		case c.Kind == schema.SignedCount:
			r.Cells[c.ID] = float64(rng.Intn(20) - 10)
		default:
			r.Cells[c.ID] = float64(rng.Intn(10))
		}
	}
	var eval func(c *schema.Cell) float64
	eval = func(c *schema.Cell) float64 {
		if v, ok := r.Cells[c.ID]; ok {
			return v
		}
		var s float64
		for _, p := range c.Parts {
			s += eval(byID[p])
		}
		r.Cells[c.ID] = s
		return s
	}
	for _, col := range f.T3Cols[:6] {
		res := eval(byID["t3.result_total."+col.ID])
		r.Cells["t3.carry_forward."+col.ID] = r.Cells["t3.new_received."+col.ID] + r.Cells["t3.carried_over."+col.ID] - res
	}
	for _, c := range cells {
		eval(c)
	}
	r.Sections = []report.Section{{ID: "s1", Heading: "一、总体情况", Paragraphs: []string{agency + "坚持以公开为常态。", "本年度共收到申请。"}}}
	return r
}

func statuses(r *report.Report) map[schema.Status]int {
	m := map[schema.Status]int{}
	for _, in := range r.Schema().Instances(r.Layout) {
		_, _, st := in.Eval(r.Value)
		m[st]++
	}
	return m
}

func TestMergeSums(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		year   int
		layout []string
	}{
		{"2019", "2019", 2020, nil},
		{"2021", "2021", 2023, nil},
		{"2021 single-row other", "2021", 2023, []string{schema.LayoutOtherSingleRow}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var units []Unit
			for i := 0; i < 3; i++ {
				r := balanced(t, int64(i+1), tc.format, tc.year, fmt.Sprintf("第%d局", i+1), tc.layout...)
				require.Equal(t, 0, statuses(r)[schema.Unbalanced], "the synthetic unit balances")
				units = append(units, Unit{Name: r.Agency, File: fmt.Sprintf("u%d.json", i), Report: r})
			}
			m, err := Merge(units, "")
			require.NoError(t, err)
			assert.Equal(t, tc.format, m.Format)
			assert.Equal(t, tc.year, m.Year)
			assert.Equal(t, "汇总", m.Agency)
			require.Len(t, m.Sections, 7, "s0 and the six sections")
			assert.Contains(t, m.Sections[0].Paragraphs[0], "第1局、第2局、第3局")
			assert.Equal(t, m.Schema().Sections[1].Heading, m.Sections[2].Heading)
			ids := m.Schema().IDs(m.Layout)
			assert.Len(t, m.Cells, len(ids))
			for _, id := range ids {
				var want float64
				for _, u := range units {
					want += u.Report.Cells[id]
				}
				assert.InDelta(t, want, m.Cells[id], 1e-9, id)
			}
			st := statuses(m)
			assert.Zero(t, st[schema.Unbalanced], "merged 校验 balances when the units do")
			assert.Zero(t, st[schema.MissingOperand])
			assert.Empty(t, m.Notes)
		})
	}
}

func TestMergeMissingStaysMissing(t *testing.T) {
	a := balanced(t, 1, "2021", 2022, "甲局")
	b := balanced(t, 2, "2021", 2022, "乙局")
	c := balanced(t, 3, "2021", 2022, "丙局")
	delete(b.Cells, "t3.granted.natural")
	b.Missing["t3.granted.natural"] = "—"
	delete(c.Cells, "t3.granted.natural")
	c.Missing["t3.granted.natural"] = ""
	m, err := Merge([]Unit{{"甲局", "a", a}, {"乙局", "b", b}, {"丙局", "c", c}}, "某市")
	require.NoError(t, err)
	_, ok := m.Cells["t3.granted.natural"]
	assert.False(t, ok, "never summed over a hole")
	txt, ok := m.Missing["t3.granted.natural"]
	assert.True(t, ok)
	assert.Equal(t, "", txt, "texts differ: blank")
	require.Len(t, m.Notes, 1)
	assert.Equal(t, report.NoteCellMissing, m.Notes[0].Kind)
	assert.Equal(t, []string{"t3.granted.natural"}, m.Notes[0].Cells)
	assert.Contains(t, m.Notes[0].Detail, "乙局（“—”）")
	assert.Contains(t, m.Notes[0].Detail, "丙局（空白）")
	assert.NotContains(t, m.Notes[0].Detail, "甲局")
	assert.Equal(t, a.Cells["t3.granted.total"]+b.Cells["t3.granted.total"]+c.Cells["t3.granted.total"], m.Cells["t3.granted.total"],
		"the printed totals still sum")
	_, _, st := schema.Get("2021").Instances(nil)[7].Eval(m.Value) // t3.result_total·自然人
	assert.Equal(t, schema.MissingOperand, st)
}

func TestMergeUnbalancedUnitNamed(t *testing.T) {
	a := balanced(t, 1, "2019", 2020, "甲局")
	b := balanced(t, 2, "2019", 2020, "乙局")
	b.Cells["t4.rev.total"] += 5
	m, err := Merge([]Unit{{"甲局", "a", a}, {"乙局", "b", b}}, "")
	require.NoError(t, err)
	require.Len(t, m.Notes, 1)
	assert.Equal(t, report.NotePublishedTotal, m.Notes[0].Kind)
	assert.Contains(t, m.Notes[0].Detail, "乙局")
	assert.NotContains(t, m.Notes[0].Detail, "甲局")
}

func TestMergeRefusesMix(t *testing.T) {
	a := balanced(t, 1, "2021", 2022, "甲局")
	b := balanced(t, 2, "2021", 2023, "乙局")
	c := balanced(t, 3, "2019", 2020, "丙局")
	_, err := Merge([]Unit{{"甲局", "a.json", a}, {"乙局", "b.json", b}, {"丙局", "c.json", c}}, "")
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrMixed))
	var me *MixedError
	require.True(t, errors.As(err, &me))
	assert.Len(t, me.Others, 2)
	assert.Contains(t, err.Error(), "c.json is format 2019 year 2020")
}

func TestMergeMixedLayouts(t *testing.T) {
	a := balanced(t, 1, "2021", 2022, "甲局")
	b := balanced(t, 2, "2021", 2022, "乙局", schema.LayoutOtherSingleRow)
	m, err := Merge([]Unit{{"甲局", "a", a}, {"乙局", "b", b}}, "")
	require.NoError(t, err)
	assert.Equal(t, []string{schema.LayoutOtherSingleRow}, m.Layout)
	want := a.Cells["t3.other.no_correction.natural"] + a.Cells["t3.other.fee_unpaid.natural"] + a.Cells["t3.other.other.natural"] + b.Cells["t3.other.natural"]
	assert.Equal(t, want, m.Cells["t3.other.natural"])
	assert.Zero(t, statuses(m)[schema.Unbalanced])
}

func TestParent(t *testing.T) {
	a := balanced(t, 1, "2021", 2022, "甲局")
	b := balanced(t, 2, "2021", 2022, "乙局")
	m, err := Merge([]Unit{{"甲局", "a", a}, {"乙局", "b", b}}, "")
	require.NoError(t, err)
	p := m.Clone()
	p.Cells["t3.granted.natural"] += 2
	p.Pos = map[string]string{"t3.granted.natural": "parent.txt:57"}
	delete(p.Cells, "t4.rev.upheld")
	p.Missing["t4.rev.upheld"] = "—"
	fs, err := Parent(p, m)
	require.NoError(t, err)
	require.Len(t, fs, 1, "a missing cell is not compared")
	assert.Equal(t, "merge.parent", fs[0].Rule)
	assert.Equal(t, schema.Error, fs[0].Severity)
	assert.Equal(t, "parent.txt:57", fs[0].Pos)
	assert.Equal(t, m.Cells["t3.granted.natural"], fs[0].Want)
	assert.Equal(t, m.Cells["t3.granted.natural"]+2, fs[0].Got)
	assert.Contains(t, fs[0].Message, "予以公开")
	_, ok := schema.RuleByID("merge.parent")
	assert.True(t, ok)

	p.Year = 2021
	_, err = Parent(p, m)
	assert.ErrorIs(t, err, ErrMixed)
}

func TestDiffSameFormat(t *testing.T) {
	old := balanced(t, 1, "2021", 2022, "甲局")
	new := old.Clone()
	new.Year = 2023
	new.Cells["t3.granted.natural"] = old.Cells["t3.granted.natural"] + 4
	delete(new.Cells, "t4.rev.upheld")
	new.Missing["t4.rev.upheld"] = "/"
	new.Sections = []report.Section{{ID: "s1", Heading: "一、总体情况", Paragraphs: []string{"甲局坚持以公开为常态。", "本年度共收到申请12件。"}}}
	d := Compare(old, new)
	assert.Len(t, d.Cells, 200, "every 2021 cell")
	byID := map[string]CellDiff{}
	for _, c := range d.Cells {
		byID[c.ID] = c
	}
	g := byID["t3.granted.natural"]
	assert.Equal(t, 4.0, g.Change)
	assert.True(t, g.Changed())
	assert.Equal(t, "+4", g.ChangeText())
	if old.Cells["t3.granted.natural"] != 0 {
		assert.InDelta(t, 400/old.Cells["t3.granted.natural"], g.Pct, 1e-9)
	}
	u := byID["t4.rev.upheld"]
	assert.False(t, u.NewOK)
	assert.Equal(t, "/", u.Show(true))
	assert.Equal(t, "", u.ChangeText(), "no change over a missing value")
	assert.Empty(t, d.NotComparable)
	_, changed := d.Summary()
	assert.Equal(t, 2, changed)
	require.Len(t, d.Sections, 1)
	s := d.Sections[0]
	assert.Equal(t, []string{"本年度共收到申请。"}, s.Removed)
	assert.Equal(t, []string{"本年度共收到申请12件。"}, s.Added)
	assert.Equal(t, 1, s.Unchanged)
	assert.Greater(t, s.Similarity, 0.8)
	assert.Less(t, s.Similarity, 1.0)

	for name, w := range map[string]func(*bytes.Buffer) error{
		"text": func(b *bytes.Buffer) error { return d.WriteText(b) },
		"md":   func(b *bytes.Buffer) error { return d.WriteMarkdown(b) },
		"html": func(b *bytes.Buffer) error { return d.WriteHTML(b) },
	} {
		var b bytes.Buffer
		require.NoError(t, w(&b), name)
		assert.Contains(t, b.String(), "t3.granted.natural", name)
		assert.Contains(t, b.String(), "本年度共收到申请12件。", name)
	}
}

func TestDiffAcrossFormats(t *testing.T) {
	old := balanced(t, 1, "2019", 2020, "甲局")
	new := balanced(t, 2, "2021", 2022, "甲局")
	d := Compare(old, new)
	byID := map[string]CellDiff{}
	for _, c := range d.Cells {
		byID[c.ID] = c
	}
	o := byID["t3.other.natural"]
	require.True(t, o.OldOK && o.NewOK)
	assert.Equal(t, old.Cells["t3.other.natural"], o.Old)
	assert.Equal(t, new.Cells["t3.other.no_correction.natural"]+new.Cells["t3.other.fee_unpaid.natural"]+new.Cells["t3.other.other.natural"], o.New,
		"2019 （六） against the sum of 2021's three rows")
	assert.NotEmpty(t, o.Note)
	_, sub := byID["t3.other.fee_unpaid.natural"]
	assert.False(t, sub, "2021 sub-rows are not compared with 2019")
	for _, id := range []string{"t2.rules.made_new", "t2.rules.issued", "t2.license.decisions", "t2.fees.fee_amount", "t2.procurement.amount"} {
		_, ok := byID[id]
		assert.False(t, ok, id+" not comparable")
	}
	assert.True(t, byID["t2.penalty.decisions"].OldOK && byID["t2.penalty.decisions"].NewOK)
	assert.Equal(t, 2+23*7+15, len(d.Cells))
	assert.NotEmpty(t, d.NotComparable)
	var b bytes.Buffer
	require.NoError(t, d.WriteText(&b))
	assert.Contains(t, b.String(), "（一）（五）（八）")
}

// TestUnits: units are named by agency, by file when the agency is empty
// or shared.
func TestUnits(t *testing.T) {
	mk := func(agency string) *report.Report {
		r := report.New()
		r.Agency = agency
		return r
	}
	units := Units([]string{"a/甲.txt", "b/乙.txt", "c/乙.xlsx", "d/无名.json"},
		[]*report.Report{mk("甲局"), mk("乙局"), mk("乙局"), mk("")})
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	assert.Equal(t, []string{"甲局", "乙局（乙.txt）", "乙局（乙.xlsx）", "无名.json"}, names)
	assert.Equal(t, "c/乙.xlsx", units[2].File)
}
