package check

import (
	"encoding/json"
	"io"
	"path/filepath"
)

// Baseline is a set of accepted findings, read from an earlier
// `xxgk check --json`: a finding it holds is hidden from a new run.
type Baseline map[string]bool

// ReadBaseline reads the findings of a check JSON report.
func ReadBaseline(r io.Reader) (Baseline, error) {
	var rep struct {
		Tasks []struct {
			File   string    `json:"file"`
			Errors []Finding `json:"errors"`
		} `json:"tasks"`
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, err
	}
	b := Baseline{}
	for _, t := range rep.Tasks {
		for _, f := range t.Errors {
			b[baselineKey(t.File, f)] = true
		}
	}
	return b, nil
}

// baselineKey identifies a finding across runs: the file's base name, rule,
// cells and position.
func baselineKey(file string, f Finding) string {
	return filepath.Base(file) + "|" + f.Key()
}

// Filter removes the accepted findings from t, recomputes its validity and
// returns how many it hid.
func (b Baseline) Filter(t *Task) int {
	kept := t.Errors[:0:0]
	hidden := 0
	for _, f := range t.Errors {
		if b[baselineKey(t.File, f)] {
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	t.Errors = kept
	t.Valid = Count(t.Errors).Errors == 0
	return hidden
}
