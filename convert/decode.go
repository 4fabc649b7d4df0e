package convert

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrNotText is returned for input that decodes as no known text encoding.
var ErrNotText = errors.New("not text in UTF-8, UTF-16 or GB18030")

// Decode turns bytes into UTF-8 text: UTF-8 with or without BOM, UTF-16 with
// a BOM, else GB18030 (a superset of GBK and GB2312). It returns the name of
// the encoding it used ("utf-8", "utf-16le", "utf-16be", "gb18030").
func Decode(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", "", ErrNotText
		}
		return string(b), "utf-8", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), b)
		return s, "utf-16le", err
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), b)
		return s, "utf-16be", err
	}
	if bytes.IndexByte(b, 0) >= 0 {
		// NUL bytes never occur in UTF-8 or GB18030 text: binary input.
		return "", "", ErrNotText
	}
	if utf8.Valid(b) {
		return string(b), "utf-8", nil
	}
	s, err := decodeWith(simplifiedchinese.GB18030.NewDecoder(), b)
	if err != nil {
		return "", "", ErrNotText
	}
	return s, "gb18030", nil
}

func decodeWith(t transform.Transformer, b []byte) (string, error) {
	out, _, err := transform.Bytes(t, b)
	if err != nil {
		return "", ErrNotText
	}
	return string(out), nil
}
