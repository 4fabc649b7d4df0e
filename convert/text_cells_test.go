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

// TestOfficeTextT4Blank: in an office suite's text a blank 表四 cell is an
// empty line among the values: it stands in its cell's place and the
// others keep theirs. A blank before the first value stays unread (the
// header's merged cells leave such lines too): 表四 is then missing, with
// a note.
func TestOfficeTextT4Blank(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "office-text-2021.txt"))
	require.NoError(t, err)
	lines := splitLines(string(src))
	first := -1
	for i, ln := range lines {
		if strings.TrimSpace(ln) == "复议后起诉" {
			first = i + 16 // five blanks, ten header words
		}
	}
	require.Equal(t, "1", lines[first], "表四's first value")
	want, err := ReadBytes("o.txt", ".txt", src, Options{})
	require.NoError(t, err)
	ids := []string{"t4.rev.upheld", "t4.rev.corrected", "t4.rev.other", "t4.rev.pending", "t4.rev.total",
		"t4.lit_direct.upheld", "t4.lit_direct.corrected", "t4.lit_direct.other", "t4.lit_direct.pending", "t4.lit_direct.total",
		"t4.lit_after.upheld", "t4.lit_after.corrected", "t4.lit_after.other", "t4.lit_after.pending", "t4.lit_after.total"}
	for _, k := range []int{0, 1, 7, 13} {
		t.Run(ids[k], func(t *testing.T) {
			blanked := append([]string(nil), lines...)
			blanked[first+k] = ""
			got, err := ReadBytes("o.txt", ".txt", []byte(strings.Join(blanked, "\n")), Options{})
			require.NoError(t, err)
			_, read := got.Cells[ids[k]]
			assert.False(t, read, "%s is blank", ids[k])
			for _, id := range ids {
				if id == ids[k] {
					continue
				}
				if k == 0 {
					assert.NotContains(t, got.Cells, id, "a blank first: 表四 unread")
					continue
				}
				assert.Equal(t, want.Cells[id], got.Cells[id], id)
			}
			if k == 0 {
				assert.NotEmpty(t, got.Notes)
			}
		})
	}
}
