package schema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCellCounts(t *testing.T) {
	tests := []struct {
		format string
		layout []string
		want   int
		t2     int
	}{
		{F2019, nil, 198, 22},
		{F2021, nil, 200, 10},
		{F2021, []string{LayoutOtherSingleRow}, 200 - 21 + 7, 10},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+LayoutKeyString(tt.layout), func(t *testing.T) {
			f := Get(tt.format)
			require.NotNil(t, f)
			cells := f.Cells(tt.layout)
			assert.Len(t, cells, tt.want)
			seen := map[string]bool{}
			n2 := 0
			for _, c := range cells {
				assert.False(t, seen[c.ID], "duplicate id %s", c.ID)
				seen[c.ID] = true
				if c.Table == "t2" {
					n2++
				}
				for _, p := range c.Parts {
					assert.True(t, f.HasCell(p, tt.layout), "%s sums unknown %s", c.ID, p)
				}
			}
			assert.Equal(t, tt.t2, n2)
			for _, in := range f.Instances(tt.layout) {
				_, ok := RuleByID(in.Rule)
				assert.True(t, ok, in.Rule)
				for _, id := range in.Cells() {
					assert.True(t, seen[id], "%s names unknown cell %s", in.Rule, id)
				}
			}
		})
	}
}

func TestInstanceCounts(t *testing.T) {
	count := func(f *Format, layout []string) map[string]int {
		m := map[string]int{}
		for _, in := range f.Instances(layout) {
			m[in.Rule]++
		}
		return m
	}
	assert.Equal(t, map[string]int{"t3.balance": 7, "t3.result_total": 7, "t3.row_total": 23, "t4.group_total": 3, "t2.published": 2},
		count(Get(F2019), nil))
	assert.Equal(t, map[string]int{"t3.balance": 7, "t3.result_total": 7, "t3.row_total": 25, "t4.group_total": 3},
		count(Get(F2021), nil))
	assert.Equal(t, map[string]int{"t3.balance": 7, "t3.result_total": 7, "t3.row_total": 23, "t4.group_total": 3},
		count(Get(F2021), []string{LayoutOtherSingleRow}))
}

func TestTotalsFormulaParts(t *testing.T) {
	f := Get(F2021)
	c := f.Cell("t3.result_total.total")
	require.NotNil(t, c)
	assert.Equal(t, []string{"t3.result_total.natural", "t3.result_total.commercial", "t3.result_total.research",
		"t3.result_total.public_welfare", "t3.result_total.legal_service", "t3.result_total.other_org"}, c.Parts)
	c = f.Cell("t3.result_total.natural")
	assert.Len(t, c.Parts, 21)
	assert.Equal(t, "t3.other.other.natural", c.Parts[20])
	single := f.Cells([]string{LayoutOtherSingleRow})
	for _, c := range single {
		if c.ID == "t3.result_total.natural" {
			assert.Len(t, c.Parts, 19)
			assert.Equal(t, "t3.other.natural", c.Parts[18])
		}
	}
	assert.Len(t, Get(F2019).Cell("t3.result_total.natural").Parts, 19)
	assert.Equal(t, "t4_lit_after_total", NameOf("t4.lit_after.total"))
}

func TestEval(t *testing.T) {
	in := Instance{Rule: "t4.group_total", Left: []string{"a"}, Right: []string{"b", "c"}}
	vals := map[string]float64{"a": 3, "b": 1, "c": 2}
	get := func(id string) (float64, bool) { v, ok := vals[id]; return v, ok }
	_, _, st := in.Eval(get)
	assert.Equal(t, OK, st)
	vals["a"] = 0
	l, r, st := in.Eval(get)
	assert.Equal(t, Unbalanced, st)
	assert.Equal(t, 0.0, l)
	assert.Equal(t, 3.0, r)
	delete(vals, "c")
	_, _, st = in.Eval(get)
	assert.Equal(t, MissingOperand, st)
	le := Instance{Left: []string{"b"}, Right: []string{"a"}, Op: Le}
	vals["a"] = 5
	_, _, st = le.Eval(get)
	assert.Equal(t, OK, st)
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"（四）无法提 供", "(四)无法提供"},
		{"(四)无法提供", "(四)无法提供"},
		{"3.危及“三安全一稳定”", "3.危及三安全一稳定"},
		{"3.危及\"三安全一稳定\"", "3.危及三安全一稳定"},
		{"1、申请人", "1.申请人"},
		{"1．属于国家秘密", "1.属于国家秘密"},
		{"1. 属于国家秘密", "1.属于国家秘密"},
		{"本年新 制作数量", "本年新制作数量"},
		{"規範性文件", "规范性文件"},
		{"本年新製作數量", "本年新制作数量"},
		{"對外公開總數量", "对外公开总数量"},
		{"處理決定數量", "处理决定数量"},
		{"採購總金額", "采购总金额"},
		{"商业\u00a0企业", "商业企业"},
		{"２３", "23"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Normalize(tt.in), tt.in)
	}
}

func TestMatch(t *testing.T) {
	f := Get(F2019)
	r, m, ok := f.MatchT3Row("3.危机“三安全一稳定”")
	require.True(t, ok)
	assert.Equal(t, "denied.security_stability", r.ID)
	assert.True(t, m.Variant)
	r, m, ok = f.MatchT3Row("(四)无法提 供")
	require.True(t, ok)
	assert.True(t, r.IsGroup)
	assert.False(t, m.Variant)
	r, _, ok = f.MatchT3Row("7.属于行政法案卷")
	require.True(t, ok)
	assert.Equal(t, "denied.enforcement_file", r.ID)
	r, _, ok = f.MatchT3Row("2.没有现成信息需另行制作")
	require.True(t, ok)
	assert.Equal(t, "unable.need_creation", r.ID)
	_, row, _, ok := Get(F2021).MatchT2Row("規範性檔案")
	require.True(t, ok)
	assert.Equal(t, "normative", row.ID)
	s, m, ok := f.MatchSection("四、政府信息公开行政法复议、行政诉讼情况")
	require.True(t, ok)
	assert.Equal(t, "s4", s.ID)
	assert.True(t, m.Variant)
}

func TestSum(t *testing.T) {
	cells := map[string]float64{"a": 1, "b": 2.5, "z": 0}
	get := func(id string) (float64, bool) { v, ok := cells[id]; return v, ok }
	for _, tt := range []struct {
		ids  []string
		want float64
		ok   bool
	}{
		{[]string{"a", "b"}, 3.5, true},
		{[]string{"a", "z"}, 1, true},
		{nil, 0, true},
		{[]string{"a", "missing"}, 0, false}, // never read as 0
	} {
		got, ok := Sum(tt.ids, get)
		assert.Equal(t, tt.ok, ok, tt.ids)
		assert.Equal(t, tt.want, got, tt.ids)
	}
}

func TestCellIDJoins(t *testing.T) {
	for _, f := range Formats {
		for _, lk := range [][]string{nil, {LayoutOtherSingleRow}} {
			for _, c := range f.Cells(lk) {
				assert.Equal(t, c.ID, f.CellID(c.Table, c.Row, c.Col))
			}
		}
		assert.Equal(t, "t3.nope.natural", f.CellID("t3", "nope", "natural"))
	}
}
