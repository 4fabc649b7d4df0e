package convert

import (
	"bytes"
	"errors"
	"fmt"
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
	if err := damagedUTF8(b); err != nil {
		return "", "", err
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

// damagedUTF8 tells UTF-8 text with bytes that are not UTF-8 (a damaged
// file, or text in two encodings pasted together) from GB18030 text: in
// GB18030 text few byte pairs happen to form valid multi-byte UTF-8
// sequences, in UTF-8 text nearly all do. Decoding such a file as GB18030
// would garble every character, so it is refused, naming the line and byte
// of the first bytes that are not UTF-8.
func damagedUTF8(b []byte) error {
	valid, invalid, first := 0, 0, -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			if first < 0 {
				first = i
			}
			invalid++
		} else {
			valid++
		}
		i += n
	}
	if first < 0 || valid < invalid {
		return nil
	}
	line := 1 + bytes.Count(b[:first], []byte{'\n'})
	return &InputError{Pos: fmt.Sprintf("line %d, byte %d", line, first+1),
		Err: fmt.Errorf("%w: UTF-8 text with %d bytes that are not UTF-8 (damaged, or mixed encodings)", ErrNotText, invalid)}
}
