package convert

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Value is a cell's text read as formats.md's "Reading values" says.
type Value struct {
	Num     float64
	OK      bool   // Num holds the value
	Printed string // the text as printed (trimmed); kept for missing cells
	// NoteKind and NoteDetail explain an interpretation (unit_converted) or
	// why the value is missing (unit_unknown, unreadable_value). Empty for a
	// plain number, a blank or a missing marker.
	NoteKind, NoteDetail string
}

var (
	reCount    = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$`)
	reUnitTail = regexp.MustCompile(`^(.*?)(万元|亿元|元)$`)
)

// countUnits are the unit words a count may carry ("12件"); valueUnits
// are every unit word a value cell may carry, longest first where one ends
// another ("万元" before "元").
var (
	countUnits = []string{"件", "个", "项", "条", "次", "批"}
	valueUnits = append([]string{"万元", "亿元", "元"}, countUnits...)
)

// isUnitWord reports whether t is a unit word alone ("件", "万元"): a unit
// printed apart from its number, not a value nor a marker.
func isUnitWord(t string) bool { return slices.Contains(valueUnits, t) }

// IsMissingMarker reports whether a trimmed cell text is a missing marker:
// blank, "—", "－", "-", "/", "／", "无" (or a run of dashes).
func IsMissingMarker(s string) bool {
	s = strings.TrimSpace(s)
	switch s {
	case "", "—", "－", "-", "/", "／", "无", "——", "–", "―", "─", "－－", "\\":
		return true
	}
	return false
}

// CleanCellText trims a cell's text of white space, non-breaking spaces and
// zero-width characters.
func CleanCellText(s string) string {
	if s == "" || (!trimLead[s[0]] && !trimTail[s[len(s)-1]]) {
		// Neither end can start or end a trimmed character: most cells.
		return s
	}
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff' || r == '\f'
	})
}

// trimLead marks the first bytes of the characters CleanCellText trims,
// trimTail their last bytes (U+00A0 C2 A0, U+3000 E3 80 80, U+200B E2 80
// 8B, U+FEFF EF BB BF).
var trimLead, trimTail = func() (lead, tail [256]bool) {
	for _, r := range []rune{' ', '\t', '\n', '\r', '\f', '\u00a0', '\u3000', '\u200b', '\ufeff'} {
		b := []byte(string(r))
		lead[b[0]], tail[b[len(b)-1]] = true, true
	}
	return
}()

// ReadValue reads a cell's text. headerUnit is the unit the column header
// states ("万元", "元", or "" when the header states none); it matters only
// for amounts.
func ReadValue(text string, kind schema.Kind, headerUnit string) Value {
	if kind != schema.Amount {
		// Most cells are plain ASCII digits: what the general path gives
		// them (TestPrefiltersSameAsRegexps), without its transformer and
		// regexps.
		printed := CleanCellText(text)
		if n, ok := plainCount(printed); ok {
			return Value{Printed: printed, Num: n, OK: true}
		}
	}
	return readValueGeneral(text, kind, headerUnit)
}

func readValueGeneral(text string, kind schema.Kind, headerUnit string) Value {
	printed := CleanCellText(text)
	v := Value{Printed: printed}
	if IsMissingMarker(printed) {
		return v
	}
	s := width.Narrow.String(printed)
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "\u00a0", "")
	s = strings.ReplaceAll(s, "，", ",")
	if kind == schema.Amount {
		unit := headerUnit
		if m := reUnitTail.FindStringSubmatch(s); m != nil {
			s, unit = m[1], m[2]
		}
		if !reCount.MatchString(s) || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
			return unreadable(v)
		}
		digits := strings.ReplaceAll(s, ",", "")
		n, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return unreadable(v)
		}
		// The decimal point moves in the text, so 481714587.29元 is exactly
		// 48171.458729万元 (dividing the float by 10000 is not).
		switch unit {
		case "万元":
			v.Num, v.OK = n, true
		case "元":
			n, _ = strconv.ParseFloat(digits+"e-4", 64)
			v.Num, v.OK = n, true
			v.NoteKind, v.NoteDetail = report.NoteUnitConverted, printed+" → "+report.FormatNumber(n)+"万元"
		case "亿元":
			n, _ = strconv.ParseFloat(digits+"e4", 64)
			v.Num, v.OK = n, true
			v.NoteKind, v.NoteDetail = report.NoteUnitConverted, printed+" → "+report.FormatNumber(n)+"万元"
		default:
			v.NoteKind, v.NoteDetail = report.NoteUnitUnknown, "金额“"+printed+"”未注明单位（元或万元），相差一万倍，无法确定"
		}
		return v
	}
	// Counts may carry a unit word: "12件" is 12.
	for _, u := range countUnits {
		if strings.HasSuffix(s, u) && len(s) > len(u) {
			s = strings.TrimSuffix(s, u)
			break
		}
	}
	if !reCount.MatchString(s) {
		return unreadable(v)
	}
	if strings.HasPrefix(s, "+") && kind != schema.SignedCount {
		return unreadable(v)
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || n > 1e15 || n < -1e15 {
		return unreadable(v)
	}
	v.Num, v.OK = n, true
	return v
}

// plainCount reads 1 to 15 ASCII digits (below 1e15, as the general path
// requires).
func plainCount(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return float64(n), true
}

func unreadable(v Value) Value {
	v.NoteKind, v.NoteDetail = report.NoteUnreadableValue, "“"+v.Printed+"”不是可确定的数值，记为缺失"
	return v
}

// HeaderUnit finds the unit a header states: "采购总金额（单位：万元）" → "万元".
func HeaderUnit(header string) string {
	h := schema.Normalize(header)
	switch {
	case strings.Contains(h, "万元"):
		return "万元"
	case strings.Contains(h, "亿元"):
		return "亿元"
	case strings.Contains(h, "(元)") || strings.Contains(h, "单位:元") || strings.HasSuffix(h, "元"):
		return "元"
	}
	return ""
}
