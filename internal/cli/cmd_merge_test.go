package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
)

func TestMergeCLI(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "units", "a.json")
	b := filepath.Join(dir, "units", "b.json")
	writeReportJSON(t, a, "甲局", 2022, map[string]float64{"t3.granted.natural": 3, "t4.rev.upheld": 1})
	writeReportJSON(t, b, "乙局", 2022, map[string]float64{"t3.granted.natural": 4, "t4.rev.upheld": 2})
	out := filepath.Join(dir, "sum.json")
	code, stdout, stderr := runCLI("merge", filepath.Join(dir, "units"), "-o", out, "--agency", "某市")
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "已汇总 2 个单位")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	m, err := report.ReadJSON(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, "某市", m.Agency)
	assert.Equal(t, 7.0, m.Cells["t3.granted.natural"])
	assert.Equal(t, 3.0, m.Cells["t4.rev.upheld"])
	_, ok := m.Cells["t3.new_received.total"]
	assert.False(t, ok, "both units printed —: missing stays missing")
	assert.Equal(t, "—", m.Missing["t3.new_received.total"])

	// --parent with a disagreeing cell: finding, exit 1.
	parent := filepath.Join(dir, "parent.json")
	writeReportJSON(t, parent, "某市", 2022, map[string]float64{"t3.granted.natural": 8, "t4.rev.upheld": 3})
	code, stdout, _ = runCLI("merge", a, b, "-o", filepath.Join(dir, "sum2.json"), "--parent", parent, "-q")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, stdout, "merge.parent")
	assert.Contains(t, stdout, "各单位之和为7，上级报告为8")
	assert.NotContains(t, stdout, "表四")

	// Mixed years: refused, exit 2, nothing written.
	c := filepath.Join(dir, "c.json")
	writeReportJSON(t, c, "丙局", 2023, nil)
	out3 := filepath.Join(dir, "sum3.json")
	code, _, stderr = runCLI("merge", a, c, "-o", out3)
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "mixed_reports")
	assert.Contains(t, stderr, "c.json")
	assert.NoFileExists(t, out3)

	// Two units of the same name are told apart by their files.
	a2 := filepath.Join(dir, "a2.json")
	writeReportJSON(t, a2, "甲局", 2022, map[string]float64{"t3.granted.natural": 1})
	out4 := filepath.Join(dir, "sum4.json")
	code, _, stderr = runCLI("merge", a, a2, "-o", out4)
	require.Equal(t, exitOK, code, stderr)
	data, err = os.ReadFile(out4)
	require.NoError(t, err)
	m4, err := report.ReadJSON(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Contains(t, m4.Sections[0].Paragraphs[0], "甲局（a.json）、甲局（a2.json）")

	code, _, stderr = runCLI("merge", a, "-o", a)
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "output_is_input")
}

func TestDiffCLI(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "2022.json")
	b := filepath.Join(dir, "2023.json")
	writeReportJSON(t, a, "甲局", 2022, map[string]float64{"t3.granted.natural": 3})
	writeReportJSON(t, b, "甲局", 2023, map[string]float64{"t3.granted.natural": 6})
	code, stdout, stderr := runCLI("diff", a, b)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "t3.granted.natural | 3 | 6 | +3 | +100.0%")
	assert.Contains(t, stdout, "比较 200 个单元格，1 个有变化")
	for _, ext := range []string{".md", ".html", ".xlsx"} {
		out := filepath.Join(dir, "d"+ext)
		code, _, stderr := runCLI("diff", a, b, "-o", out)
		require.Equal(t, exitOK, code, stderr)
		fi, err := os.Stat(out)
		require.NoError(t, err)
		assert.Greater(t, fi.Size(), int64(500), ext)
	}
	code, _, _ = runCLI("diff", a)
	assert.Equal(t, exitBad, code)
}
