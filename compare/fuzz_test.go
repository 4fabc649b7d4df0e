package compare

import (
	"strings"
	"testing"
)

// FuzzParagraphDiff: removed + unchanged paragraphs account for the old
// text, added + unchanged for the new; similarity stays in [0, 1] and is 1
// for equal texts.
func FuzzParagraphDiff(f *testing.F) {
	f.Add("甲\n乙\n丙", "甲\n丁\n丙")
	f.Add("", "一段")
	f.Add("a\na\na", "a")
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, pb := strings.Split(a, "\n"), strings.Split(b, "\n")
		if len(pa) > 200 || len(pb) > 200 {
			t.Skip()
		}
		rem, add, same := paragraphDiff(pa, pb)
		if len(rem)+same != len(pa) || len(add)+same != len(pb) {
			t.Fatalf("counts: %d removed + %d same ≠ %d, or %d added + %d same ≠ %d", len(rem), same, len(pa), len(add), same, len(pb))
		}
		s := similarity(a, b)
		if s < 0 || s > 1 {
			t.Fatalf("similarity %v", s)
		}
		if a == b && s != 1 {
			t.Fatalf("similarity of equal texts %v", s)
		}
	})
}
