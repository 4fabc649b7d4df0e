package convert

import (
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCountRowsCells(t *testing.T) {
	for _, c := range []struct {
		xml         string
		rows, cells int
	}{
		{`<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row><row r="2"></row></sheetData>`, 2, 2},
		{`<x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData>`, 1, 1},
		{`<rowBreaks><brk/></rowBreaks><cols><col min="1"/></cols>`, 0, 0},
		{strings.Repeat(`<row><c/><c/></row>`, 100), 100, 200},
	} {
		// Read in tiny pieces so that tags straddle reads.
		rows, cells, err := countRowsCells(&slowReader{s: c.xml})
		assert.NoError(t, err)
		assert.Equal(t, c.rows, rows, c.xml)
		assert.Equal(t, c.cells, cells, c.xml)
	}
	_, _, err := countRowsCells(strings.NewReader(strings.Repeat(`<row/>`, WorkbookMaxRows+1)))
	assert.ErrorIs(t, err, errTooManyRows)
}

type slowReader struct{ s string }

func (r *slowReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 3)], r.s)
	r.s = r.s[n:]
	return n, nil
}

// A helper printing without end (a PDF bomb through pdftotext) is stopped at
// the cap, not read into memory.
func TestHelperOutputCapped(t *testing.T) {
	yes, err := exec.LookPath("yes")
	if err != nil {
		t.Skip("no yes(1)")
	}
	start := time.Now()
	_, err = runHelper(t.TempDir(), yes)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Less(t, time.Since(start), 10*time.Second)
}
