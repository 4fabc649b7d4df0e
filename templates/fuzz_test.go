package templates

import "testing"

// FuzzSplitRef: references parse without panicking, and what parses prints
// back the same.
func FuzzSplitRef(f *testing.F) {
	for _, s := range []string{"A1", "J12", "AB100", "", "12", "A0", "$A$1", "ZZZZ99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		col, row, err := SplitRef(s)
		if err != nil {
			return
		}
		if col < 1 || row < 1 {
			t.Fatalf("%q parsed to %d,%d", s, col, row)
		}
		if col < 1<<20 && Ref(col, row) != s && s[0] != '0' {
			// Leading zeros in the row ("A01") are the only other spelling.
			if c2, r2, _ := SplitRef(Ref(col, row)); c2 != col || r2 != row {
				t.Fatalf("%q → %d,%d → %q", s, col, row, Ref(col, row))
			}
		}
	})
}
