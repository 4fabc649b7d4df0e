package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

// TestOfficeText: a report saved as text by an office suite (LibreOffice
// here, from xxgk's docx of the blanked sample) prints one cell per line
// and a blank cell as an empty line. Every cell comes back in its place and
// the blanked ones are missing; reading empty lines as spacing had lost the
// four rows around them (13 cells).
func TestOfficeText(t *testing.T) {
	text, blanked, err := blankedSample()
	require.NoError(t, err)
	want, err := ReadBytes("blanked.txt", ".txt", []byte(text), Options{})
	require.NoError(t, err)
	got, err := ReadFile(filepath.Join("testdata", "office-text-2021.txt"), Options{})
	require.NoError(t, err)
	assert.Equal(t, want.Cells, got.Cells)
	for id := range blanked {
		_, ok := got.Missing[id]
		assert.True(t, ok, "%s is blank in the source", id)
	}
	assert.Len(t, got.Missing, len(blanked))
}

// TestBlankLinesAreCells tells an office suite's text (blank line = blank
// cell) from a copied web page's (blank lines between cells).
func TestBlankLinesAreCells(t *testing.T) {
	f := schema.Get(schema.F2021)
	office, err := os.ReadFile(filepath.Join("testdata", "office-text-2021.txt"))
	require.NoError(t, err)
	assert.True(t, blankLinesAreCells(f, splitLines(string(office))))

	var web []string
	for _, ln := range splitLines(string(office)) {
		if strings.TrimSpace(ln) != "" {
			web = append(web, "  "+ln, "")
		}
	}
	assert.False(t, blankLinesAreCells(f, web))
	// Too few cells to tell: spacing, as before.
	assert.False(t, blankLinesAreCells(f, []string{"二、主动公开政府信息情况", "规章", "1", "", "2"}))
}
