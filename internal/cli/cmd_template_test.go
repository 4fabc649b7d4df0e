package cli

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		format string
		year   int
	}{
		{"2019 by year", []string{"--year", "2020", "--agency", "示例县测试局"}, "2019", 2020},
		{"2021 by year", []string{"--year", "2024"}, "2021", 2024},
		{"forced format", []string{"--year", "2021", "--format", "2019"}, "2019", 2021},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, string(rune('a'+i))+".xlsx")
			code, _, stderr := runCLI(append([]string{"template", out}, tt.args...)...)
			require.Equal(t, exitOK, code, stderr)
			r, err := convert.ReadFile(out, convert.Options{})
			require.NoError(t, err)
			assert.Equal(t, tt.format, r.Format)
			assert.Equal(t, tt.year, r.Year)
			assert.Empty(t, r.Cells, "an empty template holds no numbers")
			assert.Len(t, r.Missing, len(schema.Get(tt.format).IDs(nil)))
			require.Len(t, r.Sections, 7)
			assert.Equal(t, "六、其他需要报告的事项", r.Sections[6].Heading)
		})
	}
	code, _, _ := runCLI("template", filepath.Join(dir, "x.txt"))
	assert.Equal(t, exitBad, code)
	code, _, _ = runCLI("template")
	assert.Equal(t, exitBad, code)
	code, _, _ = runCLI("template", "--help")
	assert.Equal(t, exitOK, code)
}

func TestTemplatePrev(t *testing.T) {
	dir := t.TempDir()
	// Last year's report as a workbook (2019 → 2019: items pre-filled).
	last := report.New()
	last.Format, last.Year, last.Agency = "2019", 2019, "示例县测试局"
	for _, id := range schema.Get("2019").IDs(nil) {
		last.Missing[id] = ""
	}
	cols := []string{"natural", "commercial", "research", "public_welfare", "legal_service", "other_org"}
	for i, c := range cols {
		last.SetCell("t3.carry_forward."+c, float64(i+1), "")
	}
	last.SetCell("t2.license.items_prev", 312, "")
	last.SetCell("t2.license.items_change", -2, "")
	prevXLSX := filepath.Join(dir, "2019.xlsx")
	require.NoError(t, convert.WriteFile(prevXLSX, last, convert.Options{}))

	out := filepath.Join(dir, "2020.xlsx")
	code, _, stderr := runCLI("template", out, "--year", "2020", "--prev", prevXLSX)
	require.Equal(t, exitOK, code, stderr)
	r, err := convert.ReadFile(out, convert.Options{})
	require.NoError(t, err)
	assert.Equal(t, "示例县测试局", r.Agency, "agency taken from last year")
	for i, c := range cols {
		assert.Equal(t, float64(i+1), r.Cells["t3.carried_over."+c], c)
	}
	assert.Equal(t, 21.0, r.Cells["t3.carried_over.total"])
	assert.Equal(t, 310.0, r.Cells["t2.license.items_prev"])
	_, ok := r.Cells["t2.penalty.items_prev"]
	assert.False(t, ok, "no pre-fill without last year's numbers")
	var prefilled []report.Note
	for _, n := range r.Notes {
		if n.Kind == report.NotePrefilled {
			prefilled = append(prefilled, n)
		}
	}
	require.Len(t, prefilled, 2)
	assert.Equal(t, "2019.xlsx", prefilled[0].Pos)

	// Last year's report as published text (2020, format 2019) → a 2021 template.
	sample := filepath.Join("..", "..", "testdata", "sample-2019.txt")
	txtLast, err := convert.ReadFile(sample, convert.Options{})
	require.NoError(t, err)
	out = filepath.Join(dir, "2021.xlsx")
	code, _, stderr = runCLI("template", out, "--year", "2021", "--prev", sample)
	require.Equal(t, exitOK, code, stderr)
	r, err = convert.ReadFile(out, convert.Options{})
	require.NoError(t, err)
	assert.Equal(t, "2021", r.Format)
	for _, c := range cols {
		assert.Equal(t, txtLast.Cells["t3.carry_forward."+c], r.Cells["t3.carried_over."+c], c)
	}
	_, ok = r.Cells["t2.rules.in_force"]
	assert.False(t, ok, "2019 → 2021 pre-fills no 表二")

	code, _, _ = runCLI("template", prevXLSX, "--prev", prevXLSX)
	assert.Equal(t, exitBad, code)
}
