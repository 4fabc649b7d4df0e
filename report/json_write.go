package report

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/xxgk/xxgk/schema"
)

// appendJSON appends the Report's JSON form byte for byte as
// encoding/json.Encoder would write it (SetEscapeHTML(false),
// SetIndent("", "  "), trailing newline) for a Report already normalized.
// It exists for speed (encoding/json's reflection, key sorting and indenter
// dominated a JSON batch); the equality with encoding/json is a test over
// random and real reports.
func appendJSON(b []byte, r *Report) ([]byte, error) {
	b = append(b, "{\n  \"format\": "...)
	b = appendJSONString(b, r.Format)
	b = append(b, ",\n  \"year\": "...)
	b = strconv.AppendInt(b, int64(r.Year), 10)
	b = append(b, ",\n  \"agency\": "...)
	b = appendJSONString(b, r.Agency)
	b = append(b, ",\n  \"title\": "...)
	b = appendJSONString(b, r.Title)
	b = append(b, ",\n  \"layout\": "...)
	b = appendStringArray(b, r.Layout, "  ")
	b = append(b, ",\n  \"sections\": "...)
	b = appendObjects(b, len(r.Sections), func(b []byte, i int) []byte {
		s := r.Sections[i]
		b = append(b, "\n      \"id\": "...)
		b = appendJSONString(b, s.ID)
		b = append(b, ",\n      \"heading\": "...)
		b = appendJSONString(b, s.Heading)
		b = append(b, ",\n      \"paragraphs\": "...)
		return appendStringArray(b, s.Paragraphs, "      ")
	})
	b = append(b, ",\n  \"cells\": "...)
	var err error
	if b, err = appendFloatMap(b, r.Cells); err != nil {
		return nil, err
	}
	b = append(b, ",\n  \"missing\": "...)
	b = appendStringMap(b, r.Missing)
	b = append(b, ",\n  \"notes\": "...)
	b = appendObjects(b, len(r.Notes), func(b []byte, i int) []byte {
		n := r.Notes[i]
		b = append(b, "\n      \"kind\": "...)
		b = appendJSONString(b, n.Kind)
		b = append(b, ",\n      \"pos\": "...)
		b = appendJSONString(b, n.Pos)
		b = append(b, ",\n      \"cells\": "...)
		b = appendStringArray(b, n.Cells, "      ")
		b = append(b, ",\n      \"detail\": "...)
		return appendJSONString(b, n.Detail)
	})
	b = append(b, ",\n  \"source\": {\n    \"name\": "...)
	b = appendJSONString(b, r.Source.Name)
	b = append(b, ",\n    \"sha256\": "...)
	b = appendJSONString(b, r.Source.SHA256)
	b = append(b, "\n  },\n  \"generator\": "...)
	b = appendJSONString(b, r.Generator)
	b = append(b, "\n}\n"...)
	return b, nil
}

// appendObjects writes a top-level array of n objects, each member written
// by member (its fields, each on a line of its own).
func appendObjects(b []byte, n int, member func(b []byte, i int) []byte) []byte {
	if n == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {"...)
		b = member(b, i)
		b = append(b, "\n    }"...)
	}
	return append(b, "\n  ]"...)
}

// appendStringArray writes a []string value whose opening bracket sits at
// indentation ind ([] when empty, as the indenter writes it).
func appendStringArray(b []byte, ss []string, ind string) []byte {
	if len(ss) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, ind...)
		b = append(b, "  "...)
		b = appendJSONString(b, s)
	}
	b = append(b, '\n')
	b = append(b, ind...)
	return append(b, ']')
}

var keysPool = sync.Pool{New: func() any { s := make([]string, 0, 256); return &s }}

// sortedKeys returns m's keys in encoding/json's order (byte order). The
// keys are cell ids: they are picked from the declared ids, sorted once,
// and sorted here only when the map holds an id no format declares.
func sortedKeys[V any](m map[string]V) *[]string {
	p := keysPool.Get().(*[]string)
	ks := (*p)[:0]
	for _, id := range sortedCellIDs() {
		if _, ok := m[id]; ok {
			ks = append(ks, id)
		}
	}
	if len(ks) != len(m) {
		ks = ks[:0]
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
	}
	*p = ks
	return p
}

// sortedCellIDs is every cell id of both formats in byte order.
var sortedCellIDs = sync.OnceValue(func() []string {
	ids := slices.Clone(schema.AllIDs())
	slices.Sort(ids)
	return slices.Compact(ids)
})

// appendMap writes a top-level object, its keys in order, each value
// written by value.
func appendMap[V any](b []byte, m map[string]V, value func(b []byte, k string, v V) ([]byte, error)) ([]byte, error) {
	if len(m) == 0 {
		return append(b, "{}"...), nil
	}
	p := sortedKeys(m)
	defer keysPool.Put(p)
	b = append(b, '{')
	for i, k := range *p {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendJSONString(b, k)
		b = append(b, ": "...)
		var err error
		if b, err = value(b, k, m[k]); err != nil {
			return nil, err
		}
	}
	return append(b, "\n  }"...), nil
}

func appendFloatMap(b []byte, m map[string]float64) ([]byte, error) {
	return appendMap(b, m, func(b []byte, k string, v float64) ([]byte, error) {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, errors.New("json: unsupported value: " + strconv.FormatFloat(v, 'g', -1, 64) + " in cell " + k)
		}
		return appendJSONFloat(b, v), nil
	})
}

func appendStringMap(b []byte, m map[string]string) []byte {
	b, _ = appendMap(b, m, func(b []byte, _ string, v string) ([]byte, error) { return appendJSONString(b, v), nil })
	return b
}

// appendJSONFloat formats a finite float64 as encoding/json does (ES6
// number-to-string: 'f' unless the magnitude is below 1e-6 or from 1e21 on).
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// '"' and '\\' escaped, control characters as \b \f \n \r \t or \u00XX,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
