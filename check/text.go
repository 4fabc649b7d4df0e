package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Narrative evaluates the narrative rules: text.numbers (exactly the phrase
// table of formats.md, nothing wider), text.section5_empty, text.fee and
// text.year.
func Narrative(r *report.Report) []Finding {
	var out []Finding
	out = append(out, textNumbers(r)...)
	if s := r.Section("s5"); s != nil && (s.Heading != "" || len(s.Paragraphs) > 0) {
		body := strings.TrimSpace(strings.Join(s.Paragraphs, ""))
		if body == "" || body == "无" || body == "无。" || utf8.RuneCountInString(body) < 10 {
			out = append(out, newFinding("text.section5_empty", []string{}, sectionPos(r, s), nil, body,
				fmt.Sprintf("第五部分（存在的主要问题及改进情况）%s", map[bool]string{true: "为空", false: "过短：" + quote(body)}[body == ""])))
		}
	}
	if r.Format == "2021" {
		if v, ok := r.Cells["t3.other.fee_unpaid.total"]; ok && v > 0 {
			s := r.Section("s6")
			text := ""
			if s != nil {
				text = strings.Join(s.Paragraphs, "")
			}
			if !strings.Contains(text, "信息处理费") && !strings.Contains(text, "处理费") {
				pos := r.Source.Name
				if s != nil {
					pos = sectionPos(r, s)
				}
				out = append(out, newFinding("text.fee", []string{"t3.other.fee_unpaid.total"}, pos, nil, v,
					fmt.Sprintf("表三（六）2.逾期未缴纳费用为%s件（发出过收费通知），第六部分未说明信息处理费", num(v))))
			}
		}
	}
	out = append(out, textYear(r)...)
	return out
}

func sectionPos(r *report.Report, s *report.Section) string {
	if s.Pos != "" {
		return s.Pos
	}
	return r.Source.Name
}

// quantity is one table quantity the narrative may state.
type quantity struct {
	id    string   // key, also used in messages
	label string   // Chinese
	cells []string // summed
	alt   []string // an alternative reading (受理/收到/办理: new + carried)
}

var (
	qNew      = quantity{id: "new", label: "本年新收申请数", cells: []string{"t3.new_received.total"}}
	qReceived = quantity{id: "received", label: "受理（收到、办理）申请数", cells: []string{"t3.new_received.total"},
		alt: []string{"t3.new_received.total", "t3.carried_over.total"}}
	qCarried = quantity{id: "carried", label: "上年结转申请数", cells: []string{"t3.carried_over.total"}}
	qAnswer  = quantity{id: "answered", label: "答复（办结）数", cells: []string{"t3.result_total.total"}}
	qForward = quantity{id: "forward", label: "结转下年度数", cells: []string{"t3.carry_forward.total"}}
	qRev     = quantity{id: "rev", label: "行政复议数", cells: []string{"t4.rev.total"}}
	qLit     = quantity{id: "lit", label: "行政诉讼数", cells: []string{"t4.lit_direct.total", "t4.lit_after.total"}}
)

// numRe finds a count followed by 件 (after width folding).
var numRe = regexp.MustCompile(`(\d[\d,]*)\s*件`)

// clauseBreak ends the stretch a phrase and its number must share.
const clauseBreak = "，,；;：:。！？!?\n"

// classify decides which quantity a clause ending in "N件" states, by the
// phrase table of formats.md; ok false when it states none of them.
func classify(clause, sentenceAfter string) (quantity, bool) {
	switch {
	case strings.Contains(clause, "其中"):
		return quantity{}, false
	case strings.Contains(clause, "行政复议"):
		if containsAny(sentenceAfter, "维持", "纠正", "审结") {
			return quantity{}, false
		}
		return qRev, true
	case strings.Contains(clause, "行政诉讼"):
		if containsAny(sentenceAfter, "维持", "纠正", "审结") {
			return quantity{}, false
		}
		return qLit, true
	case containsAny(clause, "结转下年度", "转下一年度", "顺延至下一年度"):
		return qForward, true
	case containsAny(clause, "上年结转", "上年度结转"):
		return qCarried, true
	case containsAny(clause, "新收", "本年收到") && strings.Contains(clause, "申请"):
		return qNew, true
	case containsAny(clause, "受理", "收到", "办理") && strings.Contains(clause, "申请"):
		return qReceived, true
	case containsAny(clause, "答复", "办结"):
		return qAnswer, true
	}
	return quantity{}, false
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

type textMatch struct {
	n    float64
	text string
}

// textNumbers compares the figures the narrative states with the tables:
// the first match per quantity per section decides, all are listed.
func textNumbers(r *report.Report) []Finding {
	var out []Finding
	for si := range r.Sections {
		s := &r.Sections[si]
		matches := map[string][]textMatch{}
		var order []quantity
		for _, p := range s.Paragraphs {
			for _, sent := range sentences(p) {
				folded := width.Narrow.String(sent)
				for _, m := range numRe.FindAllStringSubmatchIndex(folded, -1) {
					start := strings.LastIndexAny(folded[:m[0]], clauseBreak) + 1
					clause := folded[start:m[0]]
					q, ok := classify(clause, folded[m[1]:])
					if !ok {
						continue
					}
					n, err := strconv.ParseFloat(strings.ReplaceAll(folded[m[2]:m[3]], ",", ""), 64)
					if err != nil {
						continue
					}
					if _, seen := matches[q.id]; !seen {
						order = append(order, q)
					}
					matches[q.id] = append(matches[q.id], textMatch{n: n, text: strings.TrimSpace(folded[start:m[1]])})
				}
			}
		}
		for _, q := range order {
			ms := matches[q.id]
			first := ms[0]
			want, ok := schema.Sum(q.cells, r.Value)
			if !ok {
				continue // a missing operand: not evaluated
			}
			if first.n == want {
				continue
			}
			if q.alt != nil {
				// The other reading needs its operands too: unknown means
				// not evaluated.
				if alt, ok := schema.Sum(q.alt, r.Value); !ok || first.n == alt {
					continue
				}
			}
			var quoted []string
			for _, m := range ms {
				quoted = append(quoted, "“"+m.text+"”")
			}
			msg := fmt.Sprintf("正文称%s为%s件（%s），表中为%s", q.label, num(first.n), strings.Join(quoted, "、"), num(want))
			if q.alt != nil {
				if alt, ok := schema.Sum(q.alt, r.Value); ok {
					msg += fmt.Sprintf("（本年新收与上年结转之和为%s）", num(alt))
				}
			}
			out = append(out, newFinding("text.numbers", append([]string(nil), q.cells...), sectionPos(r, s), want, first.n, msg))
		}
	}
	return out
}

// sentences splits a paragraph at 。！？ and line breaks.
func sentences(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool {
		return r == '。' || r == '！' || r == '？' || r == '\n' || r == '!' || r == '?'
	})
}

// yearLead: a sentence that opens with a year ("2019年，本机关共收到…",
// "2019年度全年…"), not a date (2019年4月).
var yearLead = regexp.MustCompile(`^\s*(\d{4})\s*年(度)?\s*([，,]|全年|共|本)`)

// textYear finds sentences stating a quantity of the report period under
// another year. Document numbers (〔2019〕60号), 上年, and dates of
// regulations never open a sentence this way and are left alone.
func textYear(r *report.Report) []Finding {
	if r.Year == 0 {
		return nil
	}
	var out []Finding
	for si := range r.Sections {
		s := &r.Sections[si]
		for _, p := range s.Paragraphs {
			for _, sent := range sentences(p) {
				folded := width.Narrow.String(sent)
				m := yearLead.FindStringSubmatch(folded)
				if m == nil {
					continue
				}
				y, _ := strconv.Atoi(m[1])
				if y == r.Year || y < 1990 || y > 2100 {
					continue
				}
				if !numRe.MatchString(folded) || strings.Contains(folded, "上年") {
					continue
				}
				out = append(out, newFinding("text.year", []string{}, sectionPos(r, s), r.Year, y,
					fmt.Sprintf("正文以%d年表述本报告期（%d年）的数量：“%s”", y, r.Year, strings.TrimSpace(sent))))
			}
		}
	}
	return out
}
