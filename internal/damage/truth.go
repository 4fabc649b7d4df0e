package damage

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xxgk/xxgk/schema"
)

// Truth is the ground truth of one report: every cell id of its format (both
// layouts of 表三（六）), nil where the source prints no number.
type Truth struct {
	Name   string
	Format string
	Year   int
	// Single: a 2021 report printing （六）其他处理 as one row (t3.other.*).
	Single bool
	Cells  map[string]*float64
	// Marker is what a nil cell prints ("", "—", "/", "－").
	Marker map[string]string
}

// Layout is the schema layout of the truth.
func (t *Truth) Layout() []string {
	if t.Single {
		return []string{schema.LayoutOtherSingleRow}
	}
	return nil
}

// Schema returns the truth's format declaration.
func (t *Truth) Schema() *schema.Format { return schema.Get(t.Format) }

// IDs lists every id the truth is scored on: the union of both layouts of
// its format, so that a number read into an id the source does not print
// counts as wrong.
func (t *Truth) IDs() []string {
	ids := append([]string(nil), t.Schema().IDs(nil)...)
	if t.Format == schema.F2021 {
		seen := map[string]bool{}
		for _, id := range ids {
			seen[id] = true
		}
		for _, id := range t.Schema().IDs([]string{schema.LayoutOtherSingleRow}) {
			if !seen[id] {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func fptr(v float64) *float64 { return &v }

// LoadCorpus reads every *.expected.json under dir as a Truth.
func LoadCorpus(dir string) ([]*Truth, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []*Truth
	for _, f := range files {
		t, err := loadTruth(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func loadTruth(path string) (*Truth, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Year   int                 `json:"year"`
		Format string              `json:"format"`
		Cells  map[string]*float64 `json:"cells"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	if schema.Get(raw.Format) == nil {
		return nil, fmt.Errorf("unknown format %q", raw.Format)
	}
	t := &Truth{Name: strings.TrimSuffix(filepath.Base(path), ".expected.json"), Format: raw.Format, Year: raw.Year,
		Cells: map[string]*float64{}, Marker: map[string]string{}}
	// A 2021 truth holding t3.other.* prints （六） as one row.
	t.Single = raw.Format == schema.F2021 && raw.Cells["t3.other.natural"] != nil
	for _, id := range t.IDs() {
		t.Cells[id] = raw.Cells[id]
	}
	return t, nil
}

// count draws a realistic count: mostly small, many zeros, some large.
func count(r *rand.Rand) float64 {
	switch p := r.Float64(); {
	case p < 0.5:
		return 0
	case p < 0.85:
		return float64(1 + r.Intn(20))
	case p < 0.96:
		return float64(21 + r.Intn(480))
	default:
		return float64(500 + r.Intn(5_000_000))
	}
}

// Synth makes a synthetic truth of the format from the seed: consistent
// arithmetic, then blanks, markers, published totals that disagree and
// negative 本年增/减 as the seed decides.
func Synth(seed int64, format string) *Truth {
	r := rand.New(rand.NewSource(seed))
	t := &Truth{Name: fmt.Sprintf("synth-%s-%d", format, seed), Format: format, Cells: map[string]*float64{}, Marker: map[string]string{}}
	t.Year = 2019 + r.Intn(2)
	if format == schema.F2021 {
		t.Year = 2021 + r.Intn(5)
		t.Single = r.Intn(8) == 0
	}
	for _, id := range t.IDs() {
		t.Cells[id] = nil
	}
	synthT2(r, t)
	synthT3(r, t)
	synthT4(r, t)
	synthDamageValues(r, t)
	return t
}

func synthT2(r *rand.Rand, t *Truth) {
	for _, c := range t.Schema().Cells(t.Layout()) {
		if c.Table != "t2" {
			continue
		}
		v := count(r)
		switch {
		case c.Kind == schema.SignedCount && r.Intn(3) == 0:
			v = -float64(1 + r.Intn(40))
		case c.Kind == schema.Amount && v != 0:
			v = math.Round(r.Float64()*1e6) / 100
		}
		t.Cells[c.ID] = fptr(v)
	}
}

// synthT3 fills 表三 so that every identity holds.
func synthT3(r *rand.Rand, t *Truth) {
	f := t.Schema()
	rows := f.T3DataRows(t.Layout())
	cols := f.T3Cols[:6]
	sum := map[string]float64{}
	for _, row := range rows {
		if !row.Result {
			continue
		}
		for _, c := range cols {
			v := 0.0
			if r.Intn(3) == 0 {
				v = count(r)
			}
			t.Cells["t3."+row.ID+"."+c.ID] = fptr(v)
			sum[c.ID] += v
		}
	}
	for _, c := range cols {
		res := sum[c.ID]
		carried := float64(r.Intn(3)) * float64(r.Intn(2))
		forward := float64(r.Intn(4)) * float64(r.Intn(2))
		if carried > res+forward {
			carried = res + forward
		}
		t.Cells["t3.result_total."+c.ID] = fptr(res)
		t.Cells["t3.carried_over."+c.ID] = fptr(carried)
		t.Cells["t3.carry_forward."+c.ID] = fptr(forward)
		t.Cells["t3.new_received."+c.ID] = fptr(res + forward - carried)
	}
	for _, row := range rows {
		total := 0.0
		for _, c := range cols {
			total += *t.Cells["t3."+row.ID+"."+c.ID]
		}
		t.Cells["t3."+row.ID+".total"] = fptr(total)
	}
}

func synthT4(r *rand.Rand, t *Truth) {
	for _, g := range []string{"rev", "lit_direct", "lit_after"} {
		total := 0.0
		for _, c := range []string{"upheld", "corrected", "other", "pending"} {
			v := 0.0
			if r.Intn(3) == 0 {
				v = float64(r.Intn(12))
			}
			t.Cells["t4."+g+"."+c] = fptr(v)
			total += v
		}
		t.Cells["t4."+g+".total"] = fptr(total)
	}
}

var markers = []string{"", "", "—", "/", "－"}

// synthDamageValues blanks cells and breaks published totals, as real
// sources do.
func synthDamageValues(r *rand.Rand, t *Truth) {
	ids := t.Schema().IDs(t.Layout())
	if r.Intn(3) == 0 {
		for n := 1 + r.Intn(6); n > 0; n-- {
			id := ids[r.Intn(len(ids))]
			t.Cells[id] = nil
			t.Marker[id] = markers[r.Intn(len(markers))]
		}
	}
	if r.Intn(6) == 0 {
		for _, c := range t.Schema().Totals(t.Layout()) {
			if v := t.Cells[c.ID]; v != nil && r.Intn(12) == 0 {
				t.Cells[c.ID] = fptr(*v + float64(1+r.Intn(5)))
			}
		}
	}
}
