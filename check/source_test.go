package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRowTagsMatchesRegexp: the byte scan of row start tags finds what the
// regular expressions of hiddenRowsXML find.
func TestRowTagsMatchesRegexp(t *testing.T) {
	for _, x := range []string{
		`<sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c></row><row r="3" hidden="1"/><row hidden="true" r="7"></row></sheetData>`,
		`<x:sheetData><x:row r="2" hidden="1" s="4" customFormat="1"><x:c r="A2"/></x:row><x:row></x:row></x:sheetData>`,
		`<rowBreaks count="1"/><row	r="5"	hidden="1">` + "\n" + `<row/><row r="+9" hidden="0"><row r="12" hidden='1'>`,
		`<c><is><t>a row &lt;row r="4"</t></is></c><row` + "\n" + `hidden="1">`,
		`row r="1"><row`,
		``,
	} {
		var want [][2]string
		for _, tag := range rowTag.FindAllString(x, -1) {
			r := ""
			if m := rowNum.FindStringSubmatch(tag); m != nil {
				r = m[1]
			}
			h := ""
			if rowHidden.MatchString(tag) {
				h = "h"
			}
			want = append(want, [2]string{r, h})
		}
		var got [][2]string
		for _, tag := range rowTags([]byte(x)) {
			r := string(attrBytes(tag, "r"))
			if strings.Trim(r, "0123456789") != "" {
				r = ""
			}
			h := string(attrBytes(tag, "hidden"))
			if h == "1" || h == "true" {
				h = "h"
			} else {
				h = ""
			}
			got = append(got, [2]string{r, h})
		}
		assert.Equal(t, want, got, x)
	}
}

func TestReadSheetMeta(t *testing.T) {
	m, ok := readSheetMeta([]byte(`<worksheet><dimension ref="A1:O9"/><cols><col min="1" max="2" width="9" style="3"/><col min="4" max="4" hidden="1"/></cols>` +
		`<sheetData><row r="2" s="5" customFormat="1"/><row r="6" hidden="1"></row><row hidden="1"/></sheetData></worksheet>`))
	assert.True(t, ok)
	assert.Equal(t, "A1:O9", m.dim)
	assert.Equal(t, []colRange{{min: 1, max: 2, style: 3}, {min: 4, max: 4, hidden: true}}, m.cols)
	assert.Equal(t, map[int]int{2: 5}, m.rowStyle)
	assert.Equal(t, []int{6, 7}, m.hidden)
	_, ok = readSheetMeta([]byte(`<cols><col min="x" max="2"/></cols><sheetData/>`))
	assert.False(t, ok)
	_, ok = readSheetMeta([]byte(`<x:worksheet><x:sheetData><x:row r="1" hidden="1"/></x:sheetData></x:worksheet>`))
	assert.False(t, ok, "prefixed elements are excelize's to read")
}

// FuzzRowTags: the byte scan of row start tags finds what the regular
// expressions find, on any input.
func FuzzRowTags(f *testing.F) {
	f.Add(`<sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c></row><row r="3" hidden="1"/></sheetData>`)
	f.Add(`<x:row r="2" hidden="true"><x:c/></x:row><rowBreaks/>`)
	f.Fuzz(func(t *testing.T, x string) {
		want := rowTag.FindAllString(x, -1)
		got := rowTags([]byte(x))
		if len(want) != len(got) {
			t.Fatalf("%d tags, regexp %d", len(got), len(want))
		}
		for i, tag := range want {
			hidden := string(attrBytes(got[i], "hidden"))
			if rowHidden.MatchString(tag) != (hidden == "1" || hidden == "true") {
				t.Fatalf("hidden of %q differs", tag)
			}
		}
	})
}
