package damage

import (
	"math"
	"strconv"
	"strings"

	"github.com/xxgk/xxgk/schema"
)

// The oracle shares no code with the recognizer: it reads the Views the
// renderer recorded, enumerates every reading the layout allows, and keeps
// those that satisfy the tables' arithmetic (schema Instances).

// RowCap bounds the readings enumerated for one row; past it the row is
// undecidable. JointCap bounds the combinations of ambiguous 表三 rows.
const (
	RowCap   = 50_000
	JointCap = 20_000
)

// oracleRules are the identities the oracle judges readings by.
var oracleRules = map[string]bool{"t3.row_total": true, "t3.result_total": true, "t3.balance": true, "t4.group_total": true}

// Decision is the oracle's verdict on one cell.
type Decision struct {
	Decided bool     // every surviving reading agrees
	Value   *float64 // the agreed value (nil: blank)
}

type reading []*float64

// parseToken reads one printed cell; ok is false when the text is not a
// number or blank mark of the cell's kind. strict refuses leading zeros
// (glued text, where "07" would be a split).
func parseToken(tok string, kind schema.Kind, strict bool) (*float64, bool) {
	s := strings.Map(func(c rune) rune {
		if c >= '０' && c <= '９' {
			return c - '０' + '0'
		}
		return c
	}, strings.TrimSpace(tok))
	switch s {
	case "", "—", "/", "－", "-", "／", "无":
		return nil, true
	}
	scale := 1.0
	if kind == schema.Amount {
		if t, ok := strings.CutSuffix(s, "万元"); ok {
			s = t
		} else if t, ok := strings.CutSuffix(s, "元"); ok {
			s, scale = t, 1e-4
		}
	}
	if !strict {
		s = ungroup(s)
	}
	if !numberShape(s, kind, strict) {
		return nil, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	v *= scale
	return &v, true
}

// numberShape checks digits, an optional sign (signed counts) and decimals
// (amounts).
func numberShape(s string, kind schema.Kind, strict bool) bool {
	if kind == schema.SignedCount && s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && (kind != schema.Amount || frac == "")) {
		return false
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return false
		}
	}
	return !strict || intPart == "0" || intPart[0] != '0'
}

func kindOf(f *schema.Format, id string) schema.Kind {
	if c := f.Cell(id); c != nil {
		return c.Kind
	}
	return schema.Count
}

// Readings enumerates the readings of a view; over is true past RowCap.
func Readings(f *schema.Format, v View) (rs []reading, over bool) {
	switch v.Model {
	case Positional:
		return positional(f, v), false
	case Vanish:
		return vanish(f, v)
	case Collapse:
		return collapsed(f, v)
	}
	return glued(f, v)
}

// assign parses tokens into slots; by-design slots must stay blank.
func assign(f *schema.Format, slots, toks []string) (reading, bool) {
	rd := make(reading, len(slots))
	for i, id := range slots {
		if id == "" {
			if strings.TrimSpace(toks[i]) != "" {
				return nil, false
			}
			continue
		}
		v, ok := parseToken(toks[i], kindOf(f, id), false)
		if !ok {
			return nil, false
		}
		rd[i] = v
	}
	return rd, true
}

// positional: empty cells left by merged cells may lead or trail the values.
func positional(f *schema.Format, v View) []reading {
	e := len(v.Tokens) - len(v.Slots)
	var out []reading
	for lead := 0; lead <= e; lead++ {
		rest := v.Tokens[lead : len(v.Tokens)-(e-lead)]
		if !allBlank(v.Tokens[:lead]) || !allBlank(v.Tokens[len(v.Tokens)-(e-lead):]) {
			continue
		}
		if rd, ok := assign(f, v.Slots, rest); ok {
			out = appendUnique(out, rd)
		}
	}
	return out
}

func allBlank(ss []string) bool {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-6*math.Max(1, math.Abs(*b))
}

func sameReading(a, b reading) bool {
	for i := range a {
		if !sameValue(a[i], b[i]) {
			return false
		}
	}
	return true
}

func appendUnique(rs []reading, rd reading) []reading {
	for _, o := range rs {
		if sameReading(o, rd) {
			return rs
		}
	}
	return append(rs, rd)
}

// key identifies a reading exactly (for deduplication of many readings).
func (rd reading) key() string {
	var b strings.Builder
	for _, v := range rd {
		if v == nil {
			b.WriteString("_|")
			continue
		}
		b.WriteString(strconv.FormatFloat(*v, 'g', -1, 64))
		b.WriteByte('|')
	}
	return b.String()
}

// ungroup removes thousands separators between groups of three digits
// ("1,302", "1，302"); anything else is left for numberShape to refuse.
func ungroup(s string) string {
	t := strings.ReplaceAll(s, "，", ",")
	parts := strings.Split(t, ",")
	if len(parts) == 1 {
		return s
	}
	for i, p := range parts {
		if (i > 0 && len(p) != 3) || p == "" || len(p) > 3 {
			return s
		}
	}
	return strings.Join(parts, "")
}
