package cli

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/internal/testenv"
)

// TestCSVCorpusLibreOffice converts the corpus reports into one CSV table and
// has LibreOffice open it (converting to xlsx): the Chinese agency names must
// come back intact and the BOM must not show in the first header. Headless
// LibreOffice shows no import dialog and, whatever the locale, assumes the
// Windows-1252 code page unless told otherwise (measured: "甲局" became
// "ç”²å±€", BOM and all), so the test names UTF-8 (character set 76) as a
// user picks it in the dialog; Excel reads the BOM by itself.
func TestCSVCorpusLibreOffice(t *testing.T) {
	testenv.NeedCalc(t)
	ins, _ := filepath.Glob("../../../shared/corpus/*.*")
	var reports []string
	for _, p := range ins {
		switch filepath.Ext(p) {
		case ".txt", ".html", ".md", ".docx":
			if filepath.Base(p) != "INDEX.md" {
				reports = append(reports, p)
			}
		}
	}
	if len(reports) == 0 {
		t.Skip("corpus absent")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "corpus.csv")
	code, _, stderr := runCLI(append([]string{"convert"}, append(reports, "-o", out, "-q")...)...)
	csvBytes, err := os.ReadFile(out)
	require.NoError(t, err, "no CSV written (exit %d): %s", code, stderr)
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(csvBytes), "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(recs), 2, "no corpus report read: %s", stderr)
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo"),
		"--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", dir, out)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	f, err := excelize.OpenFile(filepath.Join(dir, "corpus.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	require.NoError(t, err)
	require.Len(t, rows, len(recs))
	assert.Equal(t, "file", rows[0][0], "the BOM is not read as text")
	for i, rec := range recs[1:] {
		row := rows[i+1]
		require.GreaterOrEqual(t, len(row), 2)
		assert.Equal(t, rec[1], row[1], "row %d: agency without mojibake", i+1)
		assert.True(t, strings.HasSuffix(row[0], filepath.Base(rec[0])), "row %d: file", i+1)
	}
}
