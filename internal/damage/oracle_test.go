package damage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

func t3Slots(row string) []string {
	var out []string
	for _, c := range []string{"natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"} {
		out = append(out, "t3."+row+"."+c)
	}
	return out
}

func t4Slots() []string {
	var out []string
	for _, g := range []string{"rev", "lit_direct", "lit_after"} {
		for _, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
			out = append(out, "t4."+g+"."+c)
		}
	}
	return out
}

// TestOracleRows pins the readings of the layouts of INDEX.md.
func TestOracleRows(t *testing.T) {
	f := schema.Get(schema.F2019)
	license := []string{"t2.license.items_prev", "t2.license.items_change", "t2.license.decisions"}
	tests := []struct {
		name     string
		view     View
		readings int    // layout readings
		decided  string // the row as decided ("" when undecidable somewhere)
	}{
		{"collapsed 4 0 4", View{Table: "t3", Slots: t3Slots("granted"), Model: Collapse, Tokens: []string{"4", "0", "4"}}, 15, "4 0 0 0 0 0 4"},
		{"collapsed zero row", View{Table: "t3", Slots: t3Slots("granted"), Model: Collapse, Tokens: []string{"0"}}, 1, "0 0 0 0 0 0 0"},
		{"glued 230000023", View{Table: "t3", Slots: t3Slots("new_received"), Model: Glued, Glued: "230000023"}, 4, "23 0 0 0 0 0 23"},
		{"glued 行政许可11315", View{Table: "t2", Slots: license, Model: Glued, Glued: "11315"}, 6, ""},
		{"glued space: blank or separator", View{Table: "t2", Slots: []string{"t2.rules.made_new", "t2.rules.published_new", "t2.rules.published_total"}, Model: Glued, Glued: "18 0"}, 2, ""},
		{"glued signed 2648-18538", View{Table: "t2", Slots: license, Model: Glued, Glued: "2648-18538"}, 5, ""},
		{"glued 表四", View{Table: "t4", Slots: t4Slots(), Model: Glued, Glued: "110024001510102"}, 1, "1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"},
		{"merged blank leads", View{Table: "t3", Slots: t3Slots("partial"), Model: Positional, Tokens: []string{"", "0", "0", "0", "0", "0", "0", ""}}, 2, ""},
		{"vanish one blank", View{Table: "t3", Slots: t3Slots("granted"), Model: Vanish, Tokens: []string{"3", "0", "0", "0", "0", "3"}}, 7, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, over := Readings(f, tc.view)
			require.False(t, over)
			assert.Equal(t, tc.readings, len(rs))
			st := rowReadings(f, tc.view, identities(f, nil))
			got := ""
			for k := range tc.view.Slots {
				d := decideSlot(st.rs, k)
				if !d.Decided {
					got = ""
					break
				}
				got += " " + fmtVal(d.Value)
			}
			if got != "" {
				got = got[1:]
			}
			assert.Equal(t, tc.decided, got)
		})
	}
}

// TestOracleKeepsTruth: for every generated document, the truth is one of
// the readings the oracle enumerates (the renderer and the oracle agree on
// every layout), and a cell the oracle decides is the truth unless the
// source's arithmetic is broken.
func TestOracleKeepsTruth(t *testing.T) {
	corpus := loadCorpus(t)
	for i := 0; i < 3*len(Classes()); i++ {
		c := Generate(runSeed, i, corpus)
		f := c.Truth.Schema()
		for _, v := range c.Views {
			rs, over := Readings(f, v)
			if over {
				continue
			}
			truth := make(reading, len(v.Slots))
			for k, id := range v.Slots {
				if id != "" {
					truth[k] = c.Truth.Cells[id]
				}
			}
			found := false
			for _, rd := range rs {
				found = found || sameReading(rd, truth)
			}
			require.True(t, found, "%s doc %d: truth %v not among %d readings of %+v", c.Class, i, truth.key(), len(rs), v)
		}
	}
}
