package convert

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// formulaBook is a small workbook: A1 2, B1 3, C1 "—", D1 "5" stored as
// text, a sheet whose name holds a quote with F1 4, and names t3_x → B1,
// loop_a ↔ loop_b.
func formulaBook(t testing.TB) *excelize.File {
	f := excelize.NewFile()
	s := "Sheet1"
	require.NoError(t, f.SetCellValue(s, "A1", 2))
	require.NoError(t, f.SetCellValue(s, "B1", 3))
	require.NoError(t, f.SetCellStr(s, "C1", "—"))
	require.NoError(t, f.SetCellStr(s, "D1", "5"))
	_, err := f.NewSheet("It's")
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("It's", "F1", 4))
	for name, to := range map[string]string{"t3_x": "Sheet1!$B$1", "loop_a": "loop_b", "loop_b": "loop_a"} {
		require.NoError(t, f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: to}))
	}
	return f
}

// TestEvaluator: each formula in E1, recomputed in both modes; nil is "not
// evaluated" (bad), "none" a SumOnly formula none of whose operands is a
// number.
func TestEvaluator(t *testing.T) {
	tests := []struct {
		formula        string
		arith, sumOnly any
	}{
		{"SUM(A1:C1)", 5.0, 5.0},
		{"sum (a1:b1)", 5.0, 5.0},
		{"A1+B1", 5.0, 5.0},
		{"A1 + B1", 5.0, 5.0},
		{"B1", 3.0, 3.0},
		{"SUM(A1,B1)-A1", 3.0, nil},
		{"$A$1+t3_x", 5.0, 5.0},
		{"$A$1+T3_X", 5.0, 5.0}, // names are case-insensitive
		{"Sheet1!A1+(B1)", 5.0, nil},
		{"Sheet1!A1+'It''s'!F1", 6.0, 6.0},
		{"A1+C1", nil, 2.0},      // text in +: #VALUE! in a spreadsheet; the reader skips it as SUM does
		{"SUM(D1)", 0.0, "none"}, // a number stored as text is skipped by SUM
		{"C1+D1", nil, "none"},
		{"SUM(G1:H1)", 0.0, "none"},
		{"G1+1", 1.0, nil}, // a blank is 0; constants are arithmetic
		{"3*4", nil, nil},
		{"AVERAGE(A1:B1)", nil, nil},
		{"SUM(A1:B1)*2", nil, nil},
		{"SUM(A1)+B1", 5.0, nil},
		{"SUM()", 0.0, nil},
		{"A1+", nil, nil},
		{"[1]Sheet1!A1", nil, nil},
		{"'C:\\x\\[b.xlsx]Sheet1'!A1", nil, nil},
		{"loop_a", nil, nil},
		{"SUM(A1:XFD1048576)", nil, nil},
		{"E1+1", nil, nil}, // circular
	}
	for _, tt := range tests {
		t.Run(tt.formula, func(t *testing.T) {
			f := formulaBook(t)
			defer f.Close()
			require.NoError(t, f.SetCellFormula("Sheet1", "E1", tt.formula))
			for _, m := range []struct {
				mode FormulaMode
				want any
			}{{Arithmetic, tt.arith}, {SumOnly, tt.sumOnly}} {
				ev := NewEvaluator(f, m.mode)
				res := ev.eval("Sheet1", "E1")
				v, ok := ev.Formula("Sheet1", "E1")
				switch m.want {
				case nil:
					assert.True(t, res.bad, "mode %d: %+v", m.mode, res)
					assert.False(t, ok)
				case "none":
					assert.False(t, res.bad || res.ok, "mode %d: %+v", m.mode, res)
					assert.False(t, ok)
				default:
					if assert.True(t, ok, "mode %d: %+v", m.mode, res) {
						assert.Equal(t, m.want, v, "mode %d", m.mode)
					}
				}
			}
		})
	}
}

// TestEvaluatorCells: a cell without a formula shows its value or text, and
// Formula reports it as no formula.
func TestEvaluatorCells(t *testing.T) {
	f := formulaBook(t)
	defer f.Close()
	ev := NewEvaluator(f, SumOnly)
	assert.Equal(t, evalResult{v: 2, ok: true, text: "2"}, ev.eval("Sheet1", "$a$1"))
	assert.Equal(t, evalResult{text: "5", isText: true}, ev.eval("Sheet1", "D1"))
	assert.Equal(t, evalResult{text: "—", isText: true}, ev.eval("Sheet1", "C1"))
	assert.True(t, ev.eval("Sheet1", "Z9").blank())
	_, ok := ev.Formula("Sheet1", "A1")
	assert.False(t, ok, "no formula")
}

func TestEvaluatorLocation(t *testing.T) {
	f := formulaBook(t)
	defer f.Close()
	ev := NewEvaluator(f, SumOnly)
	for target, want := range map[string][2]string{
		"'三、依申请公开'!$D$8": {"三、依申请公开", "D8"},
		"'It''s'!F1":     {"It's", "F1"},
		"Sheet1!$B$1":    {"Sheet1", "B1"},
		"=Sheet1!B1":     {"Sheet1", "B1"},
		"$B$1":           {}, // no sheet
		"Sheet1!A1:B1":   {}, // not one cell
		"[1]Sheet1!A1":   {}, // external
		"t3_x":           {}, // a name is not a location
	} {
		s, ref, ok := ev.location(target)
		assert.Equal(t, want != [2]string{}, ok, target)
		assert.Equal(t, want, [2]string{s, ref}, target)
	}
}

// FuzzEvaluator: any formula either evaluates or is not evaluated, in both
// modes; it never panics or loops.
func FuzzEvaluator(f *testing.F) {
	f.Add("SUM(A1:B1)")
	f.Add("A1+t3_x-(B1)")
	f.Add("'Sheet1'!A1+SUM(A1,B1,)")
	f.Add("loop_a+'It''s'!F1")
	f.Fuzz(func(t *testing.T, formula string) {
		x := formulaBook(t)
		defer x.Close()
		if err := x.SetCellFormula("Sheet1", "E1", formula); err != nil {
			return
		}
		for _, m := range []FormulaMode{SumOnly, Arithmetic} {
			res := NewEvaluator(x, m).eval("Sheet1", "E1")
			if res.ok && res.bad {
				t.Fatalf("%q: both a number and not evaluated", formula)
			}
		}
	})
}
