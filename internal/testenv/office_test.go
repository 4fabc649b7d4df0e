package testenv

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeSoffice puts a shell script named soffice alone on PATH.
func fakeSoffice(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if script != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "soffice"), []byte("#!/bin/sh\n"+script), 0o755))
	}
	t.Setenv("PATH", dir)
}

// writesCSV is a soffice that converts only to CSV: Calc without Writer.
const writesCSV = `while [ $# -gt 0 ]; do
  case "$1" in
    --convert-to) filter=$2; shift;;
    --outdir) out=$2; shift;;
  esac
  shift
done
[ "$filter" = csv ] || { echo "Error: source file could not be loaded"; exit 0; }
/bin/mkdir -p "$out" && echo xxgkprobe > "$out/probe.csv"
`

func TestProbe(t *testing.T) {
	calcProbe := func() error { return probe("LibreOffice Calc", "probe.xlsx", xlsxParts, "csv", "probe.csv") }
	writerProbe := func() error { return probe("LibreOffice Writer", "probe.docx", docxParts, "txt:Text", "probe.txt") }

	fakeSoffice(t, "")
	err := calcProbe()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "LibreOffice Calc unavailable: soffice not installed")

	fakeSoffice(t, writesCSV)
	assert.NoError(t, calcProbe(), "Calc is there")
	err = writerProbe()
	require.Error(t, err, "Writer is not")
	assert.Contains(t, err.Error(), "LibreOffice Writer unavailable")
	assert.Contains(t, err.Error(), "produced nothing")

	fakeSoffice(t, "echo broken >&2; exit 3\n")
	err = calcProbe()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exit status 3")
	assert.Contains(t, err.Error(), "broken")
}

// TestProbeDocuments: the probe documents are zips holding the mark.
func TestProbeDocuments(t *testing.T) {
	for name, parts := range map[string]map[string]string{"xlsx": xlsxParts, "docx": docxParts} {
		data := zipParts(parts)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		require.NoError(t, err, name)
		assert.Equal(t, "[Content_Types].xml", zr.File[0].Name, name)
		found := false
		for _, f := range zr.File {
			rc, err := f.Open()
			require.NoError(t, err)
			b, _ := io.ReadAll(rc)
			rc.Close()
			found = found || bytes.Contains(b, []byte(probeMark))
		}
		assert.True(t, found, name)
	}
}
