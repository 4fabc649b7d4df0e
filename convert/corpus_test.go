package convert

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusDir is the shared corpus of real reports with hand-checked truth.
const corpusDir = "../../shared/corpus"

type expected struct {
	Year        int                 `json:"year"`
	Format      string              `json:"format"`
	Cells       map[string]*float64 `json:"cells"`
	Undecidable []string            `json:"undecidable"`
}

// TestCorpus reads every corpus report and asserts every expected cell, the
// format and the year. What xxgk cannot read must be missing, never wrong,
// so wrong values always fail.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.expected.json"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	sort.Strings(files)
	for _, ef := range files {
		base := strings.TrimSuffix(filepath.Base(ef), ".expected.json")
		t.Run(base, func(t *testing.T) {
			var exp expected
			b, err := os.ReadFile(ef)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(b, &exp))
			src := ""
			for _, ext := range []string{".txt", ".md", ".html", ".htm", ".docx", ".xlsx"} {
				p := filepath.Join(corpusDir, base+ext)
				if _, err := os.Stat(p); err == nil {
					src = p
					break
				}
			}
			if src == "" {
				t.Skip("no source file")
			}
			r, err := ReadFile(src, Options{})
			require.NoError(t, err)
			undecidable := map[string]bool{}
			for _, id := range exp.Undecidable {
				undecidable[id] = true
			}
			right, wrong, missing := 0, 0, 0
			ids := make([]string, 0, len(exp.Cells))
			for id := range exp.Cells {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				want := exp.Cells[id]
				got, ok := r.Cells[id]
				switch {
				case undecidable[id] && !ok:
					// Right when missing with a note naming the cell.
					noted := false
					for _, n := range r.Notes {
						for _, c := range n.Cells {
							noted = noted || c == id
						}
					}
					if noted {
						right++
					} else {
						missing++
						t.Logf("undecidable %s missing without a note", id)
					}
				case want == nil && !ok:
					right++
				case want != nil && ok && math.Abs(got-*want) < 1e-6:
					right++
				case !ok:
					missing++
					t.Logf("missing %s (want %v, printed %q)", id, *want, r.Missing[id])
				default:
					wrong++
					if want == nil {
						t.Errorf("WRONG %s = %v, want missing", id, got)
					} else {
						t.Errorf("WRONG %s = %v, want %v", id, got, *want)
					}
				}
			}
			for id, v := range r.Cells {
				if _, ok := exp.Cells[id]; !ok {
					wrong++
					t.Errorf("WRONG %s = %v: the truth has no such cell", id, v)
				}
			}
			t.Logf("%s: %d/%d right, %d missing, %d wrong", base, right, len(exp.Cells), missing, wrong)
			assert.Equal(t, exp.Format, r.Format, "format")
			assert.Equal(t, exp.Year, r.Year, "year")
			if base == "seed-sujiatun-2020" {
				assert.Equal(t, len(exp.Cells), right, "the seed must be read completely")
			}
		})
	}
}
