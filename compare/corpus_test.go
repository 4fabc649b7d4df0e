package compare

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

const corpus = "../../shared/corpus"

// readCorpus reads a corpus report and its expected cells, skipping when the
// corpus is absent.
func readCorpus(t *testing.T, name string) (*report.Report, map[string]float64) {
	t.Helper()
	path := filepath.Join(corpus, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	r, err := convert.ReadFile(path, convert.Options{})
	require.NoError(t, err, name)
	var exp struct {
		Cells map[string]float64 `json:"cells"`
	}
	b, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".expected.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &exp))
	return r, exp.Cells
}

// expectedValue is a cell of the expected report, with 2021's （六） rows
// summed for t3.other.<col> as Value does.
func expectedValue(cells map[string]float64, id string) (float64, bool) {
	if v, ok := cells[id]; ok {
		return v, true
	}
	if col, ok := strings.CutPrefix(id, "t3.other."); ok && !strings.Contains(col, ".") {
		var s float64
		for _, sub := range []string{"no_correction", "fee_unpaid", "other"} {
			v, ok := cells["t3.other."+sub+"."+col]
			if !ok {
				return 0, false
			}
			s += v
		}
		return s, true
	}
	return 0, false
}

func TestDiffCorpus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		cells    int
		cross    bool
	}{
		{"平潭 2022→2023", "08-pingtan-2022.txt", "11-pingtan-2023.txt", 200, false},
		{"平潭 2020→2022 across formats", "07-pingtan-2020.txt", "08-pingtan-2022.txt", 2 + 23*7 + 15, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, oldExp := readCorpus(t, tc.old)
			new, newExp := readCorpus(t, tc.new)
			d := Compare(old, new)
			assert.Len(t, d.Cells, tc.cells)
			assert.Equal(t, tc.cross, len(d.NotComparable) > 0)
			checked := 0
			for _, c := range d.Cells {
				ov, ook := expectedValue(oldExp, c.ID)
				nv, nok := expectedValue(newExp, c.ID)
				if ook && c.OldOK {
					assert.Equal(t, ov, c.Old, "old %s", c.ID)
				}
				if nok && c.NewOK {
					assert.Equal(t, nv, c.New, "new %s", c.ID)
				}
				if ook && nok && c.OldOK && c.NewOK {
					assert.InDelta(t, nv-ov, c.Change, 1e-6, c.ID)
					checked++
				}
			}
			assert.Greater(t, checked, tc.cells*9/10, "most cells compared against the expected values")
			require.NotEmpty(t, d.Sections)
			for _, s := range d.Sections {
				assert.GreaterOrEqual(t, s.Similarity, 0.0)
				assert.LessOrEqual(t, s.Similarity, 1.0)
			}
		})
	}
}
