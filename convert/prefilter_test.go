package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

// prefilterInputs: every line and every '|' cell of the corpus and the
// testdata samples, plus short strings built from the characters the
// prefiltered regexps care about.
func prefilterInputs(t *testing.T) []string {
	var in []string
	for _, glob := range []string{"../../shared/corpus/*.txt", "../testdata/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			for _, ln := range strings.Split(string(b), "\n") {
				in = append(in, ln, strings.TrimSpace(ln))
				in = append(in, strings.Split(ln, "|")...)
			}
		}
	}
	alphabet := []string{"", "|", "｜", "\t", "\u00a0", "\u200b", "\ufeff", "\xa0", "\xe3\x80", "\n", "0", "7", "１", "９", "-", "－", "—", "–", "+", ":", "第", "页", "共", " ", "/", ".", ",", "，", "万元", "元", "件", "a", "1e5", "\u3000"}
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				in = append(in, a+b+c, a+b+c+b+a)
			}
		}
	}
	return in
}

// TestPrefiltersSameAsRegexps: the cheap first tests in front of regexps
// never turn away what the regexp accepts, and ReadValue's digit fast path
// gives what the general path gives.
func TestPrefiltersSameAsRegexps(t *testing.T) {
	for _, s := range prefilterInputs(t) {
		assert.Equal(t, rePageNumber.MatchString(strings.TrimSpace(s)), isPageNumber(s), "isPageNumber %q", s)
		assert.Equal(t, strings.ContainsAny(s, "|｜\t"), hasSepText(s), "hasSepText %q", s)
		tt := strings.TrimSpace(s)
		assert.Equal(t, reBareNumber.MatchString(tt), startsNumber(tt) && reBareNumber.MatchString(tt), "bare number %q", tt)
		assert.Equal(t, strings.TrimFunc(s, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff' || r == '\f'
		}), CleanCellText(s), "CleanCellText %q", s)
		cell := CleanCellText(s)
		if plainDigits(cell) {
			n := schema.Normalize(cell)
			for _, c := range schema.Get(schema.F2021).T4Cols {
				assert.NotEqual(t, schema.Normalize(c.Label), n)
			}
			assert.Empty(t, t4Group(cell))
		}
		assert.Equal(t, reRuleCell.MatchString(cell), isRuleRow([]string{cell}), "rule %q", cell)
		for _, k := range []schema.Kind{schema.Count, schema.SignedCount, schema.Amount} {
			assert.Equal(t, readValueGeneral(s, k, "万元"), ReadValue(s, k, "万元"), "ReadValue %q", s)
		}
		if n, ok := plainCount(cell); ok {
			for _, k := range []schema.Kind{schema.Count, schema.SignedCount} {
				v := readValueGeneral(cell, k, "")
				assert.True(t, v.OK, "%q", cell)
				assert.Equal(t, v.Num, n, "%q", cell)
				assert.Empty(t, v.NoteKind, "%q", cell)
			}
		}
	}
}

// TestIsHanFastPath: the CJK block shortcut agrees with the Unicode table.
func TestIsHanFastPath(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if unicode.Is(unicode.Han, r) != isHan(r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}

// TestCountValueToksSameAsLineTokens: the allocation-free count agrees with
// lineTokens over every corpus line and the generated alphabet.
func TestCountValueToksSameAsLineTokens(t *testing.T) {
	for _, s := range prefilterInputs(t) {
		want := 0
		for _, tok := range lineTokens(s) {
			if tok.value {
				want++
			}
		}
		require.Equal(t, want, countValueToks(s, 1<<30), "%q", s)
	}
}
