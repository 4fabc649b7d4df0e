package convert

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

func kindsOf(ks ...schema.Kind) []schema.Kind { return ks }

func TestSplitRun(t *testing.T) {
	c, s, a := schema.Count, schema.SignedCount, schema.Amount
	cases := []struct {
		name   string
		groups []string
		kinds  []schema.Kind
		want   []string // candidates joined by "|", in enumeration order
	}{
		{"zeros split one way", []string{"007"}, kindsOf(c, c, c), []string{"0|0|7"}},
		{"no leading zeros", []string{"100"}, kindsOf(c, c), []string{"10|0"}},
		{"trap 396442278 has many splits", []string{"3964"}, kindsOf(c, c), []string{"3|964", "39|64", "396|4"}},
		{"sign only for a signed count", []string{"35-15"}, kindsOf(c, s), []string{"35|-15"}},
		{"sign never on a count", []string{"-15"}, kindsOf(c), nil},
		{"amount keeps decimals and unit", []string{"395.5元"}, kindsOf(c, a), []string{"3|95.5元", "39|5.5元"}},
		{"white space is a boundary", []string{"20", "0"}, kindsOf(c, c), []string{"20|0"}},
		{"white space groups need a cell each", []string{"1", "2", "3"}, kindsOf(c, c), nil},
		{"too few digits", []string{"12"}, kindsOf(c, c, c), nil},
		{"thousands separator keeps its group", []string{"1,30216"}, kindsOf(c, c), []string{"1,302|16"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, valid, capped := splitRun(tc.groups, tc.kinds, nil)
			assert.False(t, capped)
			var flat []string
			for _, g := range got {
				flat = append(flat, strings.Join(g, "|"))
			}
			assert.Equal(t, tc.want, flat)
			assert.Equal(t, len(tc.want), valid)
		})
	}
}

// t3Row builds a splitRow for a 表三 row of format f.
func t3Row(f *schema.Format, id, printed string) *splitRow {
	r := &splitRow{Label: id, Printed: printed, Pos: "r.txt:1", Groups: strings.Fields(printed)}
	for _, c := range f.T3Cols {
		r.IDs = append(r.IDs, "t3."+id+"."+c.ID)
		r.Kinds = append(r.Kinds, schema.Count)
	}
	return r
}

func TestResolveSplitsRowTotal(t *testing.T) {
	f := schema.Get(schema.F2021)
	cases := []struct {
		printed string
		want    string // "" → ambiguous
		why     bool   // decided by arithmetic among several valid splits
	}{
		{"310000031", "31|0|0|0|0|0|31", true},
		{"3100000031", "", false}, // no split balances
		{"713000074", "71|3|0|0|0|0|74", true},
		{"0200002", "0|2|0|0|0|0|2", false},
		{"200 000121", "20|0|0|0|0|1|21", true},
		{"20 0 00 0 121", "20|0|0|0|0|1|21", true},
		{"1111112", "", false}, // 1+1+1+1+1+1 ≠ 2 under the only split: broken, not repaired
	}
	for _, tc := range cases {
		t.Run(tc.printed, func(t *testing.T) {
			r := t3Row(f, "granted", tc.printed)
			resolveSplits(f, nil, []*splitRow{r})
			cells := r.cells()
			require.Len(t, cells, 7)
			if tc.want == "" {
				for _, c := range cells {
					require.NotNil(t, c.Note)
					assert.Equal(t, report.NoteAmbiguousSplit, c.Note.Kind)
				}
				return
			}
			var got []string
			for _, c := range cells {
				got = append(got, c.Text)
				if tc.why {
					require.NotNil(t, c.Note)
					assert.Equal(t, report.NoteSplitChosen, c.Note.Kind)
					assert.Contains(t, c.Note.Detail, tc.printed)
				} else {
					assert.Nil(t, c.Note)
				}
			}
			assert.Equal(t, tc.want, strings.Join(got, "|"))
		})
	}
}

// TestResolveSplitsColumnSums: "000011011" balances two ways (…|1|10|11 and
// …|11|0|11); only the 勾稽关系 and （七）总计 over all rows decide. A report
// whose own arithmetic is broken decides nothing.
func TestResolveSplitsColumnSums(t *testing.T) {
	f := schema.Get(schema.F2019)
	build := func(brokenTotal bool) (*splitRow, []*splitRow) {
		var rows []*splitRow
		var granted *splitRow
		for _, r := range f.T3DataRows(nil) {
			run := "0000000"
			switch r.ID {
			case "new_received", "result_total":
				run = "0 0 0 0 1 10 11"
				if brokenTotal && r.ID == "result_total" {
					run = "3 0 0 0 1 10 14" // 自然人 adds up to 0, not 3
				}
			case "granted":
				run = "000011011"
			}
			row := t3Row(f, r.ID, run)
			if r.ID == "granted" {
				granted = row
			}
			rows = append(rows, row)
		}
		return granted, rows
	}
	granted, rows := build(false)
	resolveSplits(f, nil, rows)
	require.Len(t, granted.Cands, 1)
	assert.Equal(t, "0|0|0|0|1|10|11", strings.Join(granted.Cands[0], "|"))
	assert.Contains(t, granted.Why, "勾稽关系")

	granted, rows = build(true)
	resolveSplits(f, nil, rows)
	assert.Len(t, granted.Cands, 2, "broken arithmetic breaks no tie")
	cells := granted.cells()
	assert.Equal(t, "0", cells[0].Text, "the candidates agree on 自然人")
	require.NotNil(t, cells[5].Note)
	assert.Equal(t, report.NoteAmbiguousSplit, cells[5].Note.Kind)
	assert.Contains(t, cells[5].Note.Detail, "0|0|0|0|1|10|11；0|0|0|0|11|0|11")
}

func TestSuspectSplitCells(t *testing.T) {
	f := schema.Get(schema.F2019)
	ids := []string{}
	for _, c := range f.T3Cols {
		ids = append(ids, "t3.granted."+c.ID)
	}
	mk := func(s string) []Cell {
		var out []Cell
		for _, x := range strings.Split(s, "|") {
			out = append(out, Cell{Text: strings.TrimSpace(x), Pos: "r.txt:9"})
		}
		return out
	}
	t.Run("2 | 0 meant 20", func(t *testing.T) {
		out, ok := SuspectSplitCells(f, nil, ids, mk("2|0|0|0|0|0|1|21"))
		require.True(t, ok)
		require.Len(t, out, 7)
		assert.Equal(t, "", out[0].Text)
		require.NotNil(t, out[0].Note)
		assert.Equal(t, report.NoteSplitSuspected, out[0].Note.Kind)
		assert.Contains(t, out[0].Note.Detail, "“2 | 0”→“20”")
		for _, c := range out {
			assert.Equal(t, "", c.Text, "no value kept from the split on")
		}
	})
	t.Run("balanced row unchanged", func(t *testing.T) {
		in := mk("20|0|0|0|0|1|21")
		out, ok := SuspectSplitCells(f, nil, ids, in)
		assert.False(t, ok)
		assert.Equal(t, in, out)
	})
	t.Run("broken with no repair unchanged", func(t *testing.T) {
		in := mk("5|0|0|0|0|1|21")
		out, ok := SuspectSplitCells(f, nil, ids, in)
		assert.False(t, ok)
		assert.Equal(t, in, out)
	})
	t.Run("split later in the row keeps the cells before it", func(t *testing.T) {
		out, ok := SuspectSplitCells(f, nil, ids, mk("3|0|1|2|0|0|0|15"))
		require.True(t, ok)
		assert.Equal(t, "3", out[0].Text)
		assert.Equal(t, "0", out[1].Text)
		assert.Equal(t, "", out[2].Text)
		require.NotNil(t, out[2].Note)
		assert.Contains(t, out[2].Note.Detail, "“1 | 2”→“12”")
	})
}

// TestNarrativeBreaksTies: figures the narrative states decide among the
// candidates of a 表二 row (which has no arithmetic); a figure no candidate
// agrees with is ignored, never forced.
func TestNarrativeBreaksTies(t *testing.T) {
	f := schema.Get(schema.F2021)
	row := func(run string) *splitRow {
		r := &splitRow{Label: "行政规范性文件", Printed: run, Groups: []string{run}, Pos: "r.txt:1"}
		r.IDs, r.Kinds = rowCells(f, "t2", "行政规范性文件")
		return r
	}
	cases := []struct {
		name, text, run string
		want            []string // per cell: value, or "" for missing
	}{
		{"both figures decide", "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。", "8855698", []string{"88", "55", "698"}},
		{"a figure that matches nothing is ignored", "清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。", "77132470", []string{"77", "", ""}},
		{"figures about 规章 do not touch 规范性文件", "本年度制发规章88件。", "8855698", []string{"", "", ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := row(tc.run)
			resolveSplits(f, nil, []*splitRow{r})
			applyNarrative([]*splitRow{r}, t2NarrativeFigures(f, tc.text))
			cells := r.cells()
			for i, w := range tc.want {
				if w == "" {
					require.NotNil(t, cells[i].Note)
					assert.Equal(t, report.NoteAmbiguousSplit, cells[i].Note.Kind, r.IDs[i])
					continue
				}
				assert.Equal(t, w, cells[i].Text, r.IDs[i])
				require.NotNil(t, cells[i].Note)
				assert.Equal(t, report.NoteSplitChosen, cells[i].Note.Kind)
				assert.Contains(t, cells[i].Note.Detail, "正文")
			}
		})
	}
}

func TestGluedTokenize(t *testing.T) {
	cases := []struct {
		text string
		want []string // labels as "L:label", runs as "R:group group"
	}{
		{"行政处罚1,302162142行政强制１２", []string{"L:行政处罚", "R:1,302162142", "L:行政强制", "R:12"}},
		{"1.本机关不掌握相关政府信息3100000312.没有现成信息需要另行制作0000000", []string{"L:1.本机关不掌握相关政府信息", "R:310000031", "L:2.没有现成信息需要另行制作", "R:0000000"}},
		{"（七）总计20 0 00 0 121四、结转下年度继续办理 0 0 00 00 0 ", []string{"L:（七）总计", "R:20 0 00 0 121", "L:四、结转下年度继续办理", "R:0 0 00 00 0"}},
		{"政府集中采购39573802895.90元三、", []string{"L:政府集中采购", "R:39573802895.90元"}},
		{"4.无正当理由大量反复 申请0000000", []string{"L:4.无正当理由大量反复 申请", "R:0000000"}},
		{"4.保护第三方合法权益10000015.属于三类内部的事务信息0000000", []string{"L:4.保护第三方合法权益", "R:1000001", "L:5.属于三类内部的事务信息", "R:0000000"}},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			ft := newFoldText(tc.text)
			table := "t3"
			if strings.Contains(tc.text, "行政") && !strings.Contains(tc.text, "（") && !strings.Contains(tc.text, "4.") || strings.Contains(tc.text, "采购") {
				table = "t2"
			}
			var got []string
			for _, tok := range ft.tokenize(0, len(ft.raw), labelSet(table)) {
				if tok.text {
					continue
				}
				if tok.run {
					got = append(got, "R:"+strings.Join(tok.groups, " "))
				} else {
					got = append(got, "L:"+tok.label)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestSuspectSplitCellsHooked: the recognizer asks SuspectSplitCells about a
// 表三 row with one value too many.
func TestSuspectSplitCellsHooked(t *testing.T) {
	text := readSample(t, "sample-2019")
	var out []string
	hit := false
	for _, ln := range strings.Split(text, "\n") {
		if strings.Contains(ln, "（一）予以公开") && strings.Contains(ln, "|") && !hit {
			cells, _ := pipeCells(ln)
			// Find the first value ≥ 10 and split it in two cells.
			for i, c := range cells {
				if len(c) == 2 && c[0] != '0' && i > 0 {
					cells = append(cells[:i], append([]string{c[:1], c[1:]}, cells[i+1:]...)...)
					hit = true
					break
				}
			}
			ln = strings.Join(cells, " | ") + " |"
		}
		out = append(out, ln)
	}
	require.True(t, hit, "the sample has a two-digit value in （一）予以公开")
	r := recognizeText(t, strings.Join(out, "\n"))
	found := false
	for _, n := range r.Notes {
		if n.Kind == report.NoteSplitSuspected {
			found = true
			assert.Contains(t, n.Detail, "建议修正")
		}
	}
	assert.True(t, found, "a split_cell_suspected note")
	for id := range r.Cells {
		assert.False(t, strings.HasPrefix(id, "t3.granted.total"), "no total read from a shifted row")
	}
}

// TestGluedRowRun: a row's run may follow text that continues its label,
// and ends at text after its values (a note under the table).
func TestGluedRowRun(t *testing.T) {
	text := "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" +
		"（二）部分公开（区分处理的，只计这一情形）6000006" +
		"四、结转下年度继续办理0000000注：本表数据截至2023年12月31日。四、政府信息公开行政复议、行政诉讼情况"
	doc, err := parseGlued("g.txt", []string{text})
	require.NoError(t, err)
	vals, notes := gridCells(t, doc, schema.F2021)
	assert.Equal(t, "6", vals["t3.partial.natural"])
	assert.Equal(t, "6", vals["t3.partial.total"])
	assert.Equal(t, "0", vals["t3.carry_forward.total"])
	for id, n := range notes {
		assert.NotEqual(t, report.NoteAmbiguousSplit, n.Kind, id)
	}
}

// TestSplitRunBounded: a run far too long for its cells ends quickly, capped
// or with no candidate, never a long wait.
func TestSplitRunBounded(t *testing.T) {
	kinds := make([]schema.Kind, 7)
	long := strings.Repeat("1203", 25)
	start := time.Now()
	cands, _, capped := splitRun([]string{long}, kinds, nil)
	assert.True(t, capped || len(cands) == 0)
	mid := strings.Repeat("12", 20)
	cands, _, capped = splitRun([]string{mid}, kinds, func([]string) bool { return false })
	assert.Empty(t, cands)
	_ = capped
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestGluedUnknownLabel: an item label the schema does not know ends the
// run before it at its ordinal, and takes the row its ordinal and place
// name.
func TestGluedUnknownLabel(t *testing.T) {
	s := newSynth(5, schema.F2021)
	for i, r := range s.t3 {
		if r.ids != nil && strings.HasPrefix(r.ids[0], "t3.denied.internal_affairs.") {
			s.t3[i].label = "5.属于三类内部的事务信息" // 的: not a known variant
		}
	}
	text := s.renderGlued(rand.New(rand.NewSource(1)), false)
	r := recognizeText(t, text)
	for id, v := range s.vals {
		if got, ok := r.Cells[id]; ok {
			assert.Equal(t, v, got, "wrong value at %s", id)
		}
	}
	_, ok := r.Cells["t3.denied.internal_affairs.total"]
	assert.True(t, ok, "the row with the unknown label is read")
	_, ok = r.Cells["t3.denied.third_party.total"]
	assert.True(t, ok, "the row before it keeps its run")
}
