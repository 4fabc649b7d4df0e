package convert

import (
	"testing"
	"unicode/utf8"

	"github.com/xxgk/xxgk/schema"
)

// FuzzDecode: the decoding front never panics and always yields valid UTF-8.
func FuzzDecode(f *testing.F) {
	for _, s := range [][]byte{
		[]byte("一、总体情况"),
		{0xEF, 0xBB, 0xBF, 'a'},
		{0xFF, 0xFE, 'a', 0},
		{0xFE, 0xFF, 0, 'a'},
		{0xD2, 0xBB, 0xA1, 0xA2}, // 一、 in GBK
		{0x80, 0x81, 0xFF},
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, enc, err := Decode(b)
		if err != nil {
			return
		}
		if enc == "" || !utf8.ValidString(s) {
			t.Fatalf("Decode(%q) = %q (%s): not valid UTF-8", b, s, enc)
		}
	})
}

// FuzzReadValue: value reading never panics, never reads a missing marker as
// a number, and a value it reads is finite.
func FuzzReadValue(f *testing.F) {
	for _, s := range []string{"23", "1,302", "+3", "-8", "--253", "7004.69万元", "251000元", "—", "/", "约30", "１２", "1e309", "99999999999999999999"} {
		f.Add(s, 0)
		f.Add(s, 1)
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, k int) {
		kind := schema.Kind(((k % 3) + 3) % 3)
		v := ReadValue(s, kind, "")
		if IsMissingMarker(s) && v.OK {
			t.Fatalf("marker %q read as %v", s, v.Num)
		}
		if v.OK && (v.Num != v.Num || v.Num > 1e16 || v.Num < -1e16) {
			t.Fatalf("%q read as %v", s, v.Num)
		}
	})
}
