package align

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func toks(texts ...string) []Token {
	out := make([]Token, len(texts))
	for i, t := range texts {
		out[i] = Token{Text: t, Src: i}
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			out[i].Num, out[i].IsNum = n, true
		}
	}
	return out
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + "." + strconv.Itoa(i)
	}
	return out
}

// rowTotal is the identity "the last cell sums the others".
func rowTotal(ids []string) Identity {
	return Identity{Left: ids[len(ids)-1:], Right: ids[:len(ids)-1]}
}

func TestReadings(t *testing.T) {
	tests := []struct {
		name string
		row  Row
		want []string // the readings, as String prints them
	}{
		{"positional", Row{IDs: ids("r", 3), Tokens: toks("1", "2", "3")}, []string{"1|2|3"}},
		{"one value repeated", Row{IDs: ids("r", 3), Tokens: toks("0"), Collapsed: true}, []string{"0|0|0"}},
		{"two runs", Row{IDs: ids("r", 3), Tokens: toks("4", "16"), Collapsed: true}, []string{"4|4|16", "4|16|16"}},
		{"equal neighbours cannot collapse", Row{IDs: ids("r", 3), Tokens: toks("0", "0"), Collapsed: true}, nil},
		{"merged blank, side known", Row{IDs: ids("r", 3), Tokens: toks("", "5", "", "5"), Blanks: true, Side: Leading}, []string{"5|（空）|5"}},
		{"merged blank, trailing side", Row{IDs: ids("r", 3), Tokens: toks("5", "", "5", ""), Blanks: true, Side: Trailing}, []string{"5|（空）|5"}},
		{"merged blank, side open", Row{IDs: ids("r", 3), Tokens: toks("", "5", "", "5"), Blanks: true}, []string{"5|（空）|5", "（空）|5|5", "5|5|（空）"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, capped := Readings(tc.row)
			require.False(t, capped)
			var s []string
			for _, rd := range got {
				s = append(s, rd.String())
			}
			assert.ElementsMatch(t, tc.want, s)
		})
	}
}

func TestReadingsCount(t *testing.T) {
	// Three printed values over seven cells: C(6,2) compositions.
	got, capped := Readings(Row{IDs: ids("r", 7), Tokens: toks("4", "0", "4"), Collapsed: true})
	require.False(t, capped)
	assert.Len(t, got, 15)
	for _, rd := range got {
		assert.Len(t, rd.Tokens, 7)
		assert.Equal(t, Collapsed, rd.Model)
	}
}

func TestSolve(t *testing.T) {
	a, b := ids("a", 7), ids("b", 7)
	// Column identities between a and b: each column of b equals a's.
	var cols []Identity
	for k := range a {
		cols = append(cols, Identity{Left: a[k : k+1], Right: b[k : k+1]})
	}
	tests := []struct {
		name    string
		rows    []Row
		ids     []Identity
		verdict []Verdict
		want    []string
	}{
		{
			name:    "row total and columns confirm a collapsed row",
			rows:    []Row{{IDs: a, Tokens: toks("4", "0", "4"), Collapsed: true}, {IDs: b, Tokens: toks("4", "0", "4"), Collapsed: true}},
			ids:     append([]Identity{rowTotal(a), rowTotal(b)}, cols...),
			verdict: []Verdict{Decided, Decided},
			want:    []string{"4|0|0|0|0|0|4", "4|0|0|0|0|0|4"},
		},
		{
			name:    "one identity alone does not confirm",
			rows:    []Row{{IDs: a, Tokens: toks("4", "0", "4"), Collapsed: true}},
			ids:     []Identity{rowTotal(a)},
			verdict: []Verdict{Unconfirmed},
		},
		{
			name:    "no identity: several readings stay ambiguous",
			rows:    []Row{{IDs: ids("t2", 3), Tokens: toks("4", "16"), Collapsed: true}},
			verdict: []Verdict{Ambiguous},
		},
		{
			name:    "the layout's only reading needs no arithmetic",
			rows:    []Row{{IDs: ids("t2", 3), Tokens: toks("0"), Collapsed: true}},
			verdict: []Verdict{Decided},
			want:    []string{"0|0|0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Solve(Problem{Rows: tc.rows, Identities: tc.ids})
			require.Len(t, out, len(tc.rows))
			for i, o := range out {
				assert.Equal(t, tc.verdict[i], o.Verdict, "row %d", i)
				if o.Verdict == Decided && tc.want != nil {
					assert.Equal(t, tc.want[i], o.Reading.String())
				}
			}
		})
	}
}

// A published error in one identity blocks only the rows it touches: the
// other rows are still decided, and a row never takes a reading that
// breaks an identity it is part of.
func TestSolveRelaxesOneBrokenIdentity(t *testing.T) {
	a, b, c := ids("a", 7), ids("b", 3), ids("c", 7)
	known := map[string]float64{"x.0": 4, "x.6": 4, "y": 999}
	ids := []Identity{
		rowTotal(a),
		{Left: a[:1], Right: []string{"x.0"}},
		{Left: a[6:], Right: []string{"x.6"}},
		{Left: []string{b[2], c[6]}, Right: []string{"y"}}, // broken by the source
		rowTotal(c),
	}
	out := Solve(Problem{
		Rows: []Row{
			{IDs: a, Tokens: toks("4", "0", "4"), Collapsed: true},
			{IDs: b, Tokens: toks("1", "2", "3")},
			{IDs: c, Tokens: toks("5", "0", "5"), Collapsed: true},
		},
		Known:      func(id string) (float64, bool) { v, ok := known[id]; return v, ok },
		Identities: ids,
	})
	require.Equal(t, Decided, out[0].Verdict)
	assert.Equal(t, "4|0|0|0|0|0|4", out[0].Reading.String())
	require.Equal(t, Decided, out[1].Verdict, "the layout alone places b")
	assert.Equal(t, Unconfirmed, out[2].Verdict)
}

func TestSolveCapped(t *testing.T) {
	// Fifteen cells from eight alternating values: C(14,7) readings.
	row := Row{IDs: ids("t4", 15), Tokens: toks("1", "0", "1", "0", "1", "0", "1", "0"), Collapsed: true}
	got, capped := Readings(row)
	require.False(t, capped)
	assert.Len(t, got, 3432)
	// Nothing to tell them apart: the search stops at its cap.
	out := Solve(Problem{Rows: []Row{row}})
	assert.Equal(t, TooMany, out[0].Verdict)
}
