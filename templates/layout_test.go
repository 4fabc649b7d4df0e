package templates

import (
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

func TestLayoutPlaces(t *testing.T) {
	tests := []struct {
		format  string
		layout  []string
		id      string
		sheet   string
		ref     string
		merge   string
		formula string
	}{
		{"2019", nil, "t3.new_received.natural", SheetT3, "D8", "", ""},
		{"2019", nil, "t3.new_received.total", SheetT3, "J8", "", "SUM(D8:I8)"},
		{"2019", nil, "t3.result_total.natural", SheetT3, "D29", "", "SUM(D10:D28)"},
		{"2019", nil, "t3.result_total.total", SheetT3, "J29", "", "SUM(D29:I29)"},
		{"2019", nil, "t3.carry_forward.other_org", SheetT3, "I30", "", ""},
		{"2019", nil, "t2.rules.made_new", SheetT2, "B7", "", ""},
		{"2019", nil, "t2.procurement.amount", SheetT2, "C22", "", ""},
		{"2019", nil, "t4.rev.total", SheetT4, "E8", "", "SUM(A8:D8)"},
		{"2019", nil, "t4.lit_direct.total", SheetT4, "J8", "", "SUM(F8:I8)"},
		{"2019", nil, "t4.lit_after.total", SheetT4, "O8", "", "SUM(K8:N8)"},
		{"2021", nil, "t3.other.other.natural", SheetT3, "D30", "", ""},
		{"2021", nil, "t3.result_total.natural", SheetT3, "D31", "", "SUM(D10:D30)"},
		{"2021", nil, "t3.carry_forward.total", SheetT3, "J32", "", "SUM(D32:I32)"},
		{"2021", nil, "t2.license.decisions", SheetT2, "B11", "B11:D11", ""},
		{"2021", nil, "t2.fees.fee_amount", SheetT2, "B18", "B18:D18", ""},
		{"2021", []string{schema.LayoutOtherSingleRow}, "t3.other.natural", SheetT3, "D28", "", ""},
		{"2021", []string{schema.LayoutOtherSingleRow}, "t3.result_total.natural", SheetT3, "D29", "", "SUM(D10:D28)"},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+tt.id, func(t *testing.T) {
			b := Layout(tt.format, tt.layout)
			require.NotNil(t, b)
			c := b.Cell(tt.id)
			require.NotNil(t, c)
			assert.Equal(t, tt.sheet, c.Sheet)
			assert.Equal(t, tt.ref, c.Ref)
			assert.Equal(t, tt.merge, c.Merge)
			assert.Equal(t, tt.formula, c.Formula)
			assert.Equal(t, schema.NameOf(tt.id), c.Name)
			assert.Same(t, c, b.CellAt(c.Sheet, c.Ref))
		})
	}
}

func TestLayoutComplete(t *testing.T) {
	for _, tc := range []struct {
		format string
		layout []string
		labels int
	}{{"2019", nil, 0}, {"2021", nil, 0}, {"2021", []string{schema.LayoutOtherSingleRow}, 0}} {
		b := Layout(tc.format, tc.layout)
		f := schema.Get(tc.format)
		assert.Len(t, b.Cells, len(f.Cells(tc.layout)))
		assert.Len(t, b.Checks, len(f.Instances(tc.layout)))
		refs := map[string]bool{}
		for _, c := range b.Cells {
			k := c.Sheet + "!" + c.Ref
			assert.False(t, refs[k], "two cells at %s", k)
			refs[k] = true
		}
		for _, l := range b.Labels {
			assert.False(t, refs[l.Sheet+"!"+l.Ref], "label %q on a value cell", l.Text)
			assert.NotEmpty(t, l.Text)
		}
		// Every data row of 表三 has its row label.
		rows := map[string]bool{}
		for _, l := range b.Labels {
			if l.Kind == LabelRow && l.Sheet == SheetT3 {
				rows[l.Row] = true
			}
		}
		assert.Len(t, rows, len(f.T3DataRows(tc.layout)))
	}
	// The group label 三、本年度办理结果 spans the result rows (official rowspan).
	for format, want := range map[string]string{"2019": "A10:A29", "2021": "A10:A31"} {
		found := false
		for _, l := range Layout(format, nil).Labels {
			if l.Text == schema.T3ResultsGroup {
				assert.Equal(t, want, l.Merge, format)
				found = true
			}
		}
		assert.True(t, found)
	}
}

func TestSheetNamesFit(t *testing.T) {
	for _, n := range TemplateSheetNames {
		assert.LessOrEqual(t, len(utf16.Encode([]rune(n))), 31, n)
	}
}

func TestCheckFormulas(t *testing.T) {
	b := Layout("2019", nil)
	c := b.Checks[0]
	assert.Equal(t, "t3.balance", c.Instance.Rule)
	assert.Equal(t, CheckFirstRow, c.Row)
	assert.Equal(t, "SUM(t3_new_received_natural,t3_carried_over_natural)", c.Left)
	assert.Equal(t, `IF(COUNT(t3_new_received_natural,t3_carried_over_natural,t3_result_total_natural,t3_carry_forward_natural,'三、依申请公开'!D10:D28)<23,"缺数",IF(ABS(E5)<0.000001,"OK","不平"))`, c.Status)
	// The 总计 column's balance counts every input cell behind its totals.
	assert.Contains(t, b.Checks[6].Status, `'三、依申请公开'!D8:I28,'三、依申请公开'!D30:I30)<136,`)
	assert.Len(t, b.Checks[6].Counted, 136)
	last := b.Checks[len(b.Checks)-1]
	assert.Equal(t, "t2.published", last.Instance.Rule)
	assert.Contains(t, last.Status, "C46<=D46")
	assert.Equal(t, `COUNTIF(F5:F46,"OK")=42`, b.CheckOKFormula())
}

func TestRefs(t *testing.T) {
	assert.Equal(t, "AA3", Ref(27, 3))
	c, r, err := SplitRef("AB12")
	require.NoError(t, err)
	assert.Equal(t, 28, c)
	assert.Equal(t, 12, r)
	_, _, err = SplitRef("12")
	assert.Error(t, err)
	assert.Equal(t, "'三、依申请公开'!$J$12", AbsRef(SheetT3, 10, 12))
}

func TestFormulaWanted(t *testing.T) {
	b := Layout("2019", nil)
	c := b.Cell("t4.rev.total")
	vals := map[string]float64{"t4.rev.upheld": 1, "t4.rev.corrected": 2, "t4.rev.other": 0, "t4.rev.pending": 0, "t4.rev.total": 3}
	get := func(id string) (float64, bool) { v, ok := vals[id]; return v, ok }
	assert.True(t, FormulaWanted(c, get))
	vals["t4.rev.total"] = 4
	assert.False(t, FormulaWanted(c, get))
	vals["t4.rev.total"] = 3
	delete(vals, "t4.rev.other")
	assert.False(t, FormulaWanted(c, get))
	assert.False(t, FormulaWanted(b.Cell("t4.rev.upheld"), get))
}
