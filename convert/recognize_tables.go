package convert

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// The table pass: a walk over the items with the current table as context.

// rowHit is a printed row label recognized as a row of a table.
type rowHit struct {
	table   string // t2, t3
	t2block schema.T2Block
	t2row   schema.Column
	t3row   schema.T3Row
	canon   string // the official label
	variant bool   // matched through a variant or by similarity: worth a note
	partial bool   // the printed text is only the start of the label (wrapped)
	printed string
	pos     string
}

// pending is a row label waiting for its values.
type pending struct {
	hit      *rowHit // nil: a label no row of the format has
	text     string  // label text as printed (joined when wrapped)
	pos      string
	vals     []Cell
	rowCells int  // cells of the label's own grid row (1: one cell per line)
	spanless bool // the label's grid shows no merged cell
	t3map    []string
	t2head   []Cell // the 表二 header row above, if any
	prevT3   int    // the last 表三 row before this one (for wrapped labels)
	unit     string
	// lead holds text cells printed after the row label that name no row
	// ("不适用" in the first value position): values when the numbers
	// alone fall one short of the row, so the row never shifts.
	lead []Cell
}

type t4run struct {
	vals  []Cell
	group string // t4 group named just before the run, or ""
	pos   string
}

var (
	rePageNumber = regexp.MustCompile(`^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$`)
	reHeaderWord = regexp.MustCompile(`^(数据\d+|项目|类别|\(?数据项目\)?|数量|指标|内容|序号)$`)
)

// isValueText tells a value cell (a number, a marker, a blank, or a short
// text with digits such as "约30" or "7004.69万元") from a label.
func isValueText(s string) bool {
	if plainDigits(s) {
		return true // most cells: what the rest decides for them, sooner
	}
	s = CleanCellText(s)
	if s == "" || IsMissingMarker(s) || isLatinMarker(s) {
		return true
	}
	if isOrdinal(s) {
		return false // "2." on its own line: the start of the next label
	}
	// Removing the units (all Han) only lowers han and never changes
	// digits, so most cells are decided without it (the ReplaceAll calls
	// were 13 % of reading a report): no digit → not a value; at most one
	// Han character → a value.
	digits, han := digitsAndHan(s)
	if digits == 0 || han <= 1 {
		return digits > 0
	}
	for _, u := range valueUnits {
		s = strings.ReplaceAll(s, u, "")
	}
	digits, han = digitsAndHan(s)
	return digits > 0 && han <= 1
}

// maxLabelRunes bounds a label gathered from pieces: the longest official
// row label has 38 characters.
const maxLabelRunes = 60

// labelPiece reports whether a label cell, one per line, continues the
// unmatched label before it: it names no row itself and the joined text
// stays within a label's length.
func (rc *recognizer) labelPiece(ctx string, pend *pending, t string, lastT3 int) bool {
	if pend.rowCells != 1 || ctx == "" || ctx == "t4" {
		return false
	}
	if utf8.RuneCountInString(pend.text+t) > maxLabelRunes {
		return false
	}
	return rc.matchRow(ctx, t, lastT3) == nil && !isHeaderText(t)
}

// isHeaderText: a column header word of 表二 or 表三 standing alone.
func isHeaderText(t string) bool {
	return reHeaderWord.MatchString(t) || strings.Contains(t, "信息内容") || strings.Contains(t, "申请人情况")
}

// onlyPunct reports text made only of punctuation (quotes, brackets).
func onlyPunct(t string) bool {
	for _, r := range t {
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return t != ""
}

// isOrdinal: an item number alone ("2.", "3、", "（三）"): a label broken
// after its number, never a value (values do not end in a stop).
func isOrdinal(s string) bool {
	if t := strings.TrimRight(s, ".．、"); t != s && t != "" && plainDigits(t) && len(t) <= 2 {
		return true
	}
	return false
}

// digitsAndHan counts the digits (ASCII and full-width) and the Han
// characters of s.
func digitsAndHan(s string) (digits, han int) {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			digits++
		case isHan(r):
			han++
		}
	}
	return digits, han
}

// plainDigits reports whether s is one or more ASCII digits and nothing else.
func plainDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isLatinMarker: a short run of Latin letters ("A", "x", "N/A", "n.a.") in
// a value position is a marker, never a row label (labels are Chinese).
// Found by FuzzRoundTrip: a report printing "A" in a cell lost its row.
func isLatinMarker(s string) bool {
	letters := 0
	for i, r := range s {
		switch {
		case i >= 5:
			return false
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		case r == '/' || r == '.':
		default:
			return false
		}
	}
	return letters > 0
}

// A browser printing a web page to PDF adds its own margins to every page:
// Chrome and Edge "11/25/26, 9:44 AM  <title>" above and "<URL>  2/6"
// below, Chinese locales "2026/11/25 09:44", Firefox "第 1 页，共 6 页" or
// "Page 1 of 6" beside the date. pdftotext prints them as lines between a
// table's rows.
var (
	reStamp      = `(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}),?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?`
	reStampFirst = regexp.MustCompile(`^` + reStamp + `(?:\s|$)`)
	reMarginPart = regexp.MustCompile(`(?:^|\s)(?:` + reStamp + `|(?:https?|file)://\S+|\d{1,3}\s*/\s*\d{1,3}|第\s*\d{1,3}\s*页[，,\s]*共\s*\d{1,3}\s*页|(?:[Pp]age\s+)?\d{1,3}\s+of\s+\d{1,3}|[Pp]age\s+\d{1,3})(?:\s|$)`)
	reStampAny   = regexp.MustCompile(reStamp)
	reURL        = regexp.MustCompile(`(?:https?|file)://`)
)

// isPrintMargin reports whether a line of PDF text is a browser's page
// margin: it starts with a date and time (the header; the page title follows
// it), or it is made only of URLs, page counters and dates, with a URL or a
// date among them. A URL inside a sentence ("网址：https://…") is no margin.
func isPrintMargin(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == 'P' || s[0] == 'p' || strings.HasPrefix(s, "第") || strings.Contains(s, "://")) {
		return false
	}
	if reStampFirst.MatchString(s) {
		return true
	}
	if !reURL.MatchString(s) && !reStampAny.MatchString(s) {
		return false
	}
	// Parts separated by one space share it: cut until nothing changes.
	for {
		r := reMarginPart.ReplaceAllString(s, " ")
		if r == s {
			return strings.TrimSpace(s) == ""
		}
		s = r
	}
}

func isPageNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	// Every alternative of rePageNumber starts with a dash, 第 or a digit.
	if c := s[0]; !(c >= '0' && c <= '9' || c == '-' || strings.HasPrefix(s, "－") || strings.HasPrefix(s, "—") ||
		strings.HasPrefix(s, "–") || strings.HasPrefix(s, "第")) {
		return false
	}
	return rePageNumber.MatchString(s)
}

// pageNumberRow reports whether a row's only printed cell is a page number.
func pageNumberRow(cells []Cell) bool {
	page := false
	for _, c := range cells {
		switch t := CleanCellText(c.Text); {
		case t == "":
		case !page && isPageNumber(t):
			page = true
		default:
			return false
		}
	}
	return page
}

// t4Group returns the 表四 group a text names ("行政诉讼（复议后起诉）" →
// lit_after), or "".
func t4Group(text string) string {
	n := normText(text)
	switch {
	case strings.Contains(n, "未经复议直接起诉") || strings.Contains(n, "直接起诉"):
		return "lit_direct"
	case strings.Contains(n, "复议后起诉"):
		return "lit_after"
	case n == "行政复议" || strings.HasSuffix(n, "行政复议") && len([]rune(n)) <= 8:
		return "rev"
	}
	return ""
}

// isT4Header reports whether a label belongs to the 表四 header.
func isT4Header(text string) bool {
	if plainDigits(text) {
		return false // a number names no 表四 column
	}
	n := normText(text)
	if t4Group(text) != "" || n == schema.T4Litigation {
		return true
	}
	for _, c := range schema.Get(schema.F2021).T4Cols {
		if c.ID != "total" && n == normText(c.Label) {
			return true
		}
	}
	return false
}

func (rc *recognizer) readTables() {
	rc.found = map[string]bool{}
	r, f := rc.r, rc.f
	ctx := ""
	var pend *pending
	var lastT3 = -1 // index in f.T3Rows of the last matched 表三 row
	var t3map []string
	t2unit := map[string]string{} // column id → unit its header states
	var t2head []Cell             // the last 表二 header row
	t4group := ""
	t4tail := false // the last row segment read was a run of 表四's values
	// t4gap holds, one cell per line, the rows after a run of 表四's values
	// that stand in a value's place if values follow: blank cells, and a
	// marker right after a run ("2" / "暂无" / "0").
	var t4gap []Cell
	t4mark := false // t4gap holds a marker
	sectionTable := map[int]string{2: "t2", 3: "t3", 4: "t4"}
	cur := 0
	narrativeTables := false // the document heads its tables' sections
	for _, it := range rc.items {
		if it.section >= 2 && it.section <= 4 {
			narrativeTables = true
		}
	}

	flush := func() {
		if pend != nil {
			rc.assign(pend)
			pend = nil
		}
	}
	for i := range rc.items {
		it := &rc.items[i]
		if it.section > 0 {
			flush()
			ctx = sectionTable[it.section]
			cur = it.section
			t4group, t3map, t4tail, t4gap, t4mark = "", nil, false, nil, false
			continue
		}
		if !it.para && !it.stat && narrativeTables && (cur == 1 || cur == 5 || cur == 6) {
			// A table inside 一、五、六 is part of the narrative, not one of
			// the three statistical tables (which have their sections).
			it.narrative = true
			continue
		}
		if it.para {
			t := strings.TrimSpace(it.text)
			if t == "" || it.body || isPageNumber(t) {
				continue
			}
			t4tail, t4gap, t4mark = false, nil, false
			// A paragraph inside a table names a 表二 block, a 表三 group or
			// a 表四 group (Markdown headings, pdftotext label lines).
			if ctx == "t4" || ctx == "" && rc.found["t4"] {
				if g := t4Group(t); g != "" {
					flush()
					t4group = g
					it.table = true
				}
				continue
			}
			if ctx == "t2" {
				if _, ok := f.MatchT2Block(t); ok {
					flush()
					it.table = true
					t2head = nil
				}
				continue
			}
			if ctx == "t3" {
				n := normText(t)
				if row, _, ok := f.MatchT3Row(t); ok && row.IsGroup {
					flush()
					it.table = true
				} else if rc.matchRow("t3", t, -1) != nil || strings.HasPrefix(n, normText(schema.T3Applicant)) ||
					strings.HasPrefix(n, "(本列数据") {
					// A row label printed as a heading over its own small
					// table, or the header's note: part of the table.
					it.table = true
				}
			}
			continue
		}
		// A grid row, its cells trimmed; a row that holds nothing but a page
		// number ("- 3 -", "3/12") left out. A page-number-like cell among
		// other cells stays: "0/0" between two values is a cell printed
		// that way, and leaving it out shifted the values after it into
		// the wrong columns (FuzzRoundTrip). The row is only read from here
		// on: when nothing is to trim (most rows) it is used as it is, not
		// copied.
		cells := it.cells
		for j, c := range it.cells {
			if CleanCellText(c.Text) != c.Text {
				cells = make([]Cell, j, len(it.cells))
				copy(cells, it.cells[:j])
				for _, c := range it.cells[j:] {
					c.Text = CleanCellText(c.Text)
					cells = append(cells, c)
				}
				break
			}
		}
		if pageNumberRow(cells) {
			kept := make([]Cell, 0, len(cells)-1)
			for _, c := range cells {
				if !isPageNumber(c.Text) {
					kept = append(kept, c)
				}
			}
			cells = kept
		}
		nLabels, nValues := 0, 0
		for _, c := range cells {
			switch {
			case c.Text == "":
			case isValueText(c.Text):
				nValues++
			default:
				nLabels++
			}
		}
		if nLabels == 0 && nValues == 0 {
			// Blank cells: a blank value in one-cell-per-line text.
			if len(cells) == 1 && pend != nil && pend.rowCells == 1 && len(pend.vals) < rc.expected(pend) {
				pend.vals = append(pend.vals, cells[0])
			} else if len(cells) == 1 && ctx == "t4" && t4tail && (pend == nil || pend.hit == nil) {
				// 表四's, after one of its values: it counts if values
				// follow (blanks after the last value are spacing).
				t4gap = append(t4gap, cells[0])
			}
			continue
		}
		// Which table? Labels switch the context when they belong to
		// another table unmistakably.
		for _, c := range cells {
			if c.Text == "" || isValueText(c.Text) {
				continue
			}
			if nt := rc.tableOfLabel(c.Text); nt != "" && nt != ctx {
				flush()
				ctx, t4group, t3map = nt, "", nil
			}
			break
		}
		if nValues == 0 {
			// Label-only row: a header, a block title, a group label or a
			// wrapped label waiting for its values.
			if ctx == "t4" && len(cells) == 1 && t4tail && !t4mark && rc.t4MarkerCell(cells[0].Text) {
				// Perhaps a marker in a value's place, one cell per line
				// ("2" / "暂无" / "0"): it counts if values follow.
				t4gap, t4mark = append(t4gap, cells[0]), true
				continue
			}
			t4tail, t4gap, t4mark = false, nil, false
			if ctx == "t4" || isT4HeaderRow(cells) {
				for _, c := range cells {
					if g := t4Group(c.Text); g != "" {
						t4group = g
					}
				}
				if isT4HeaderRow(cells) {
					flush()
					ctx = "t4"
					rc.found["t4"] = true
				}
				continue
			}
			if isHeaderRow(cells) {
				flush()
				if ctx == "t3" {
					if m := t3HeaderMap(cells); m != nil {
						t3map = m
					} else if m := t3LeafMap(cells); m != nil {
						t3map = m
					}
				}
				if ctx == "t2" || ctx == "" {
					t2head = cells
					for _, c := range cells {
						if u := HeaderUnit(c.Text); u != "" && strings.Contains(c.Text, "金额") {
							t2unit["amount"] = u
						}
					}
				}
				continue
			}
		}
		// Segment the row: runs of labels, each followed by its values.
		j := 0
		for j < len(cells) {
			if cells[j].Text != "" && !isValueText(cells[j].Text) && !rc.textMarker(pend, cells, j, ctx) {
				// A run of labels: the last one that names a row is the
				// row label; earlier ones are group labels.
				k := labelRunEnd(cells, j)
				labels := cells[j:k]
				if ctx == "t2" || ctx == "" {
					for _, c := range labels {
						if u := HeaderUnit(c.Text); u != "" && strings.Contains(c.Text, "金额") {
							t2unit["amount"] = u
						}
					}
				}
				if pend != nil && len(pend.vals) == 0 && len(labels) == 1 && onlyPunct(labels[0].Text) {
					// A closing quote or bracket on its own line ends the
					// label before it.
					pend.text += labels[0].Text
					j = k
					continue
				}
				// Wrapped label continued on this row?
				if pend != nil && pend.hit != nil && len(labels) == 1 && (pend.hit.partial || len(pend.vals) == 0 && rc.matchRow(ctx, labels[0].Text, lastT3) == nil) {
					joined := pend.text + labels[0].Text
					if h := rc.matchRow(ctx, joined, pend.prevT3); h != nil && (h.canon == pend.hit.canon) {
						pend.text = joined
						h.pos = pend.hit.pos
						pend.hit = h
						j = k
						continue
					}
				}
				if pend != nil && pend.hit == nil && nonEmpty(pend.vals) == 0 && len(labels) == 1 {
					joined := pend.text + labels[0].Text
					if h := rc.matchRow(ctx, joined, lastT3); h != nil {
						h.pos = pend.pos
						pend.text, pend.hit = joined, h
						j = k
						continue
					}
					if rc.labelPiece(ctx, pend, labels[0].Text, lastT3) {
						// A label broken over several lines ("3." "危及" "“"
						// "三安全一稳定" "”"): keep gathering the pieces.
						pend.text = joined
						j = k
						continue
					}
				}
				flush()
				var hit *rowHit
				var lead []Cell
				text, pos := "", ""
				for li := len(labels) - 1; li >= 0; li-- {
					lt := labels[li].Text
					if lt == "" {
						continue
					}
					if text == "" {
						text, pos = lt, labels[li].Pos
					}
					h := rc.matchRow(ctx, lt, lastT3)
					if h == nil {
						continue
					}
					// （六）其他处理 printed as one row (2021) followed by
					// a marker in its first value position ("不适用").
					singleLead := h.table == "t3" && h.t3row.SingleRowOther && li < len(labels)-1 && rc.allMarkers(ctx, labels[li+1:])
					if h.table == "t3" && h.t3row.IsGroup && li < len(labels)-1 && !singleLead {
						// A group label before an unmatched item label:
						// the row is the item's, which no row matches
						// (not the group's, not even （六）其他处理's).
						break
					}
					h.pos = labels[li].Pos
					hit, text, pos = h, lt, labels[li].Pos
					if !(h.table == "t3" && h.t3row.IsGroup) || singleLead {
						for _, c := range labels[li+1:] {
							if c.Text != "" {
								lead = append(lead, c)
							}
						}
					}
					break
				}
				prevT3 := lastT3
				if hit != nil && hit.table == "t3" {
					for idx, row := range f.T3Rows {
						if row.Label == hit.t3row.Label {
							lastT3 = idx
						}
					}
				}
				if hit != nil {
					rc.found[hit.table] = true
					if ctx != hit.table {
						ctx = hit.table
					}
				}
				if _, ok := f.MatchT2Block(text); ok {
					t2head = nil
				}
				pend = &pending{hit: hit, text: text, pos: pos, rowCells: len(cells), spanless: it.spanless, t3map: t3map, t2head: t2head, prevT3: prevT3, lead: lead}
				t4tail, t4gap, t4mark = false, nil, false
				if hit != nil && hit.table == "t2" {
					for _, c := range hit.t2block.Cols {
						if c.Kind == schema.Amount {
							pend.unit = t2unit["amount"]
							if r.Format == schema.F2021 {
								pend.unit = "万元"
								if u := t2unit["amount"]; u != "" {
									pend.unit = u
								}
							}
						}
					}
				}
				j = k
				continue
			}
			// A run of values.
			k := j
			for k < len(cells) && (cells[k].Text == "" || isValueText(cells[k].Text) || (k == j || ctx == "t4" && (pend == nil || pend.hit == nil)) && rc.textMarker(pend, cells, k, ctx)) {
				k++
			}
			vals := cells[j:k]
			if j == 0 && k < len(cells) && nonEmpty(vals) <= 1 && (pend == nil || len(pend.vals) >= rc.expected(pend)) {
				// A number before the row's label, the previous row being
				// complete: a 序号 column, not a value.
				if nonEmpty(vals) == 1 && !isSerial(vals) {
					r.AddNote(report.NoteExtraColumn, vals[0].Pos, "行标签前的数值“"+joinCells(trimTrailingEmpty(vals))+"”未采用")
				}
				j = k
				continue
			}
			switch {
			case ctx == "t4" && (pend == nil || pend.hit == nil):
				if !(k == len(cells) && (it.rect || it.width == 15 || it.width == 5)) {
					vals = trimTrailingEmpty(vals)
				} else if len(vals) > 15 && len(trimTrailingEmpty(vals)) <= 15 {
					// A sheet wider than 表四 (a web page saved from a
					// spreadsheet: the report in one sheet): blanks past
					// its fifteenth column are the sheet's.
					vals = vals[:15]
				}
				if len(t4gap) > 0 && len(vals) > 0 && t4tail && len(rc.t4runs) > 0 {
					// One cell per line: a marker's or a blank's own row
					// sat between two rows of values. It takes its place in
					// the run before it, which goes on with these values.
					// (Blanks between the header and the first value are
					// not counted: they may be what is left of the
					// header's merged cells.)
					last := &rc.t4runs[len(rc.t4runs)-1]
					merged := make([]Cell, 0, len(last.vals)+len(t4gap)+len(vals))
					last.vals = append(append(append(merged, last.vals...), t4gap...), vals...)
					t4gap, t4mark = nil, false
					j = k
					continue
				}
				t4gap, t4mark = nil, false
				flush()
				if len(vals) == 0 {
					// A run of blanks only, trimmed away: no 表四 values
					// (FuzzReadText: this indexed an empty run).
					j = k
					continue
				}
				rc.t4runs = append(rc.t4runs, t4run{vals: vals, group: t4group, pos: vals[0].Pos})
				t4tail = true
				rc.found["t4"] = true
				t4group = ""
			case pend != nil:
				// A row of exactly its label and its cells (a browser's
				// copy of a table as tab-separated text: "行政处罚\t2648\t\t")
				// keeps its blanks.
				exact := j == 1 && pend.rowCells == 1+rc.expected(pend)
				if k == len(cells) && !it.rect && it.width != rc.officialWidth(pend) && pend.rowCells > 1 && !exact {
					// Ragged pipe text: blanks ending the row may be the
					// remains of merged cells, not blank values.
					vals = trimTrailingEmpty(vals)
				}
				if pend.vals == nil {
					// The row's own cells, not a copy (rows are only read);
					// capped so that a later append copies.
					pend.vals = vals[:len(vals):len(vals)]
				} else {
					pend.vals = append(pend.vals, vals...)
				}
			default:
				if anyNumber(vals) && ctx != "" {
					r.AddNote(report.NoteExtraRow, vals[0].Pos, "表中一行数值没有可识别的行标签，未采用："+joinCells(vals))
				}
			}
			j = k
		}
	}
	flush()
	rc.assignT4()
}

// isHeaderRow: a label-only row naming columns (or with three labels or more).
func isHeaderRow(cells []Cell) bool {
	labels := 0
	for _, c := range cells {
		if c.Text == "" {
			continue
		}
		labels++
		n := normText(c.Text)
		if reHeaderWord.MatchString(n) || n == normText(schema.T2ContentHeader) || n == normText(schema.T3Applicant) ||
			strings.HasPrefix(n, normText(schema.T3Applicant)) || n == normText(schema.T3LegalPersons) {
			return true
		}
		if _, _, ok := schema.MatchColumn(schema.Get(schema.F2019).T3Cols, c.Text); ok {
			return true
		}
	}
	return labels >= 3
}

func isT4HeaderRow(cells []Cell) bool {
	n := 0
	for _, c := range cells {
		if c.Text != "" && isT4Header(c.Text) {
			n++
		}
	}
	return n >= 2
}

// t3HeaderMap reads a 表三 header row that names every applicant column in
// one row (a flattened header, maybe in another order or with a subtotal
// column): it returns the column id of each value position ("" for a column
// that is not one of the format's), or nil when the row is not such a
// header.
func t3HeaderMap(cells []Cell) []string {
	cols := schema.Get(schema.F2019).T3Cols
	var m []string
	seen := map[string]bool{}
	for _, c := range cells {
		if c.Text == "" {
			continue
		}
		col, _, ok := schema.MatchColumn(cols, c.Text)
		n := normText(c.Text)
		switch {
		case ok && !seen[col.ID]:
			seen[col.ID] = true
			m = append(m, col.ID)
		case strings.Contains(n, "法人或其他组织") && (strings.Contains(n, "小计") || strings.Contains(n, "合计")):
			m = append(m, "")
		case reHeaderWord.MatchString(n) && len(m) == 0:
			// the label column's header
		default:
			return nil
		}
	}
	if len(seen) < len(cols) {
		return nil
	}
	return m
}

// tableOfLabel says which table a label belongs to unmistakably ("" when
// unsure).
func (rc *recognizer) tableOfLabel(text string) string {
	f := rc.f
	if _, ok := f.MatchT2Block(text); ok {
		return "t2"
	}
	if _, _, _, ok := f.MatchT2Row(text); ok {
		return "t2"
	}
	if row, _, ok := f.MatchT3Row(text); ok {
		if len([]rune(normText(row.Label))) >= 4 && len([]rune(normText(text))) >= 4 {
			return "t3"
		}
	}
	return ""
}

// matchRow recognizes a printed row label in the table context.
func (rc *recognizer) matchRow(ctx, text string, lastT3 int) *rowHit {
	h := rc.matchRowText(ctx, text, lastT3)
	if h != nil || ctx != "t3" {
		return h
	}
	// A group label and its first item in one cell ("（四）无法提供
	// 1.本机关不掌握相关政府信息"): the item names the row.
	n := normText(text)
	for _, g := range rc.f.T3Rows {
		if !g.IsGroup {
			continue
		}
		for _, gl := range append([]string{g.Label}, g.Variants...) {
			gn := normText(gl)
			if len(gn) < len(n) && strings.HasPrefix(n, gn) && ordinalOf(gn) != "" {
				if h := rc.matchRowText(ctx, n[len(gn):], lastT3); h != nil && !h.partial && !h.t3row.IsGroup {
					h.printed = text
					return h
				}
			}
		}
	}
	return nil
}

// matchRowText recognizes one printed label.
func (rc *recognizer) matchRowText(ctx, text string, lastT3 int) *rowHit {
	f := rc.f
	if ctx != "t3" {
		if b, row, m, ok := f.MatchT2Row(text); ok {
			return &rowHit{table: "t2", t2block: b, t2row: row, canon: row.Label, variant: m.Variant, printed: text}
		}
		if ctx == "t2" {
			if b, row, ok := rc.fuzzyT2Row(text); ok {
				return &rowHit{table: "t2", t2block: b, t2row: row, canon: row.Label, variant: true, printed: text}
			}
			return nil
		}
	}
	if ctx == "t4" {
		return nil
	}
	if row, m, ok := f.MatchT3Row(text); ok {
		if ctx == "" && len([]rune(normText(text))) < 4 {
			return nil
		}
		return &rowHit{table: "t3", t3row: row, canon: row.Label, variant: m.Variant, printed: text}
	}
	if ctx != "t3" {
		return nil
	}
	norm := normText(text)
	// Without the ordinal ("予以公开", "(六)其他").
	bare := stripOrdinal(norm)
	if bare != "" {
		var hits []schema.T3Row
		for _, row := range f.T3Rows {
			cands := append([]string{row.Label}, row.Variants...)
			for _, c := range cands {
				if stripOrdinal(normText(c)) == bare {
					hits = append(hits, row)
					break
				}
			}
		}
		if len(hits) == 1 && ordinalCompatible(norm, hits[0].Label) {
			return &rowHit{table: "t3", t3row: hits[0], canon: hits[0].Label, variant: true, printed: text}
		}
	}
	// A wrapped label: the printed text is the start of exactly one label.
	// Within the expected rows when the table has started: never across
	// groups.
	if len([]rune(norm)) >= 6 {
		var hits []schema.T3Row
		for idx, row := range f.T3Rows {
			if lastT3 >= 0 && (idx <= lastT3 || idx > lastT3+4) {
				continue
			}
			if strings.HasPrefix(normText(row.Label), norm) {
				hits = append(hits, row)
			}
		}
		if len(hits) == 1 {
			return &rowHit{table: "t3", t3row: hits[0], canon: hits[0].Label, partial: true, printed: text}
		}
	}
	// Typo-tolerant: an item of the expected group with the same ordinal
	// and a similar wording.
	ord := ordinalOf(norm)
	if ord != "" {
		best, bestSim := -1, 0.0
		for idx := lastT3 + 1; idx < len(f.T3Rows) && idx <= lastT3+3; idx++ {
			row := f.T3Rows[idx]
			rn := normText(row.Label)
			if ordinalOf(rn) != ord {
				continue
			}
			if s := similarity(stripOrdinal(norm), stripOrdinal(rn)); s > bestSim {
				best, bestSim = idx, s
			}
		}
		if best >= 0 && bestSim >= 0.6 {
			row := f.T3Rows[best]
			return &rowHit{table: "t3", t3row: row, canon: row.Label, variant: true, printed: text}
		}
	}
	return nil
}

// ordinalCompatible: a label printed with an ordinal must carry the same
// one as the official label ("3.其他" is not （六）其他处理's "其他").
func ordinalCompatible(norm, label string) bool {
	o := ordinalOf(norm)
	if o == "" {
		return true
	}
	lo := ordinalOf(normText(label))
	return lo == "" || strings.Trim(o, "().、") == strings.Trim(lo, "().、")
}

// fuzzyT2Row matches a 表二 row label printed with explanations or typos
// ("规章(设区的市、自治州人民政府应提供相关数据)").
func (rc *recognizer) fuzzyT2Row(text string) (schema.T2Block, schema.Column, bool) {
	norm := normText(text)
	for _, b := range rc.f.T2 {
		for _, row := range b.Rows {
			ln := normText(row.Label)
			if strings.HasPrefix(norm, ln+"(") {
				return b, row, true
			}
		}
	}
	return schema.T2Block{}, schema.Column{}, false
}

// expected is the number of values a pending row takes.
func (rc *recognizer) expected(p *pending) int {
	if p.hit == nil {
		return 1 << 20
	}
	switch p.hit.table {
	case "t2":
		return len(p.hit.t2block.Cols)
	case "t3":
		if p.hit.t3row.IsGroup && !p.hit.t3row.SingleRowOther {
			return 0
		}
		if len(p.t3map) > 0 {
			return len(p.t3map)
		}
		return len(rc.f.T3Cols)
	}
	return 0
}

// trimTrailingEmpty drops blank cells ending a run; a blank cell carrying a
// reader's note is kept (it stands for a value the reader could not read).
func trimTrailingEmpty(vals []Cell) []Cell {
	for len(vals) > 0 && vals[len(vals)-1].Text == "" && vals[len(vals)-1].Note == nil {
		vals = vals[:len(vals)-1]
	}
	return vals
}

func nonEmpty(vals []Cell) int {
	n := 0
	for _, v := range vals {
		if v.Text != "" {
			n++
		}
	}
	return n
}

func joinCells(vals []Cell) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v.Text
		if v.Text == "" {
			parts[i] = "（空）"
		}
	}
	return strings.Join(parts, " | ")
}

// assign maps a pending row's values to cell ids.
func (rc *recognizer) assign(p *pending) {
	r, f := rc.r, rc.f
	vals := p.vals
	if p.hit == nil {
		if nonEmpty(vals) > 0 && p.text != "" {
			r.AddNote(report.NoteExtraRow, p.pos, "格式中没有的行“"+p.text+"”，数值未采用："+joinCells(trimTrailingEmpty(vals)))
		}
		return
	}
	h := p.hit
	if h.table == "t3" && h.t3row.IsGroup {
		if h.t3row.SingleRowOther && nonEmpty(vals) > 0 && f.Key == schema.F2021 {
			// 2021 report printing （六）其他处理 as one row: decided when
			// the sub-rows are absent (see settleOther).
		} else {
			if nonEmpty(vals) > 0 {
				r.AddNote(report.NoteExtraRow, p.pos, "分组标签“"+p.text+"”所在行的数值（小计）未采用："+joinCells(trimTrailingEmpty(vals)))
			}
			return
		}
	}
	want := rc.expected(p)
	if h.t3row.SingleRowOther && h.t3row.IsGroup {
		want = len(p.t3map)
		if want == 0 {
			want = len(f.T3Cols)
		}
	}
	if len(p.lead) > 0 {
		// Text after the row label that names no row: a marker in the
		// first value position when the numbers alone fall short.
		if nonEmpty(vals)+len(p.lead) <= want && len(p.lead)+len(trimTrailingEmpty(vals)) <= want {
			vals = append(append([]Cell(nil), p.lead...), vals...)
		} else {
			r.AddNote(report.NoteExtraColumn, p.lead[0].Pos, "行标签“"+p.text+"”后的文字“"+joinCells(p.lead)+"”未采用")
		}
	}
	ids := rc.rowIDs(h, p)
	if rc.deferRow(p, ids, vals, want) {
		rc.variantNote(p, ids)
		return
	}
	// Trailing blanks beyond the expected count come from merged cells.
	for len(vals) > want && vals[len(vals)-1].Text == "" && vals[len(vals)-1].Note == nil {
		vals = vals[:len(vals)-1]
	}
	if h.table == "t2" && rc.otherFormatHeader(h.t2block, p.t2head) {
		// The block's header names the other format's columns: its
		// numbers mean something else (formats.md: 2019 and 2021 blocks
		// （一）（五）（八） are not comparable).
		for _, id := range ids {
			r.SetMissing(id, "", p.pos)
		}
		r.AddNote(report.NoteUnreadableValue, p.pos, fmt.Sprintf("“%s”一行的表头是另一年份格式的栏目（%s），数值含义不同，记为缺失：%s", p.text, joinCells(p.t2head), joinCells(vals)), ids...)
		return
	}
	if h.table == "t2" && h.t2block.Merged && want == 1 && len(vals) > 1 && sameTexts(vals) {
		// A 2021 merged block: one value, wherever the row prints it (or
		// repeated in every position of the merge, as a workbook reports
		// a merged cell).
		for _, c := range vals {
			if c.Text != "" {
				vals = []Cell{c}
				break
			}
		}
	}
	if len(vals) == 0 {
		if p.rowCells == 1 {
			rc.emptyRows++ // one cell per line: this text leaves blank cells out
		}
		return // a label without values: the cells stay missing ("")
	}
	rc.variantNote(p, ids)
	if len(vals) == want+1 && len(ids) == want && h.table != "t2" {
		// One value too many: a number split across two cells? (layout's
		// SuspectSplitCells; the cells from the split on stay missing.)
		if fixed, ok := SuspectSplitCells(f, r.Layout, ids, vals); ok {
			vals = fixed
		}
	}
	if len(vals) != want || len(ids) != want {
		kind := report.NoteUnreadableValue
		what := "少于"
		if len(vals) > want {
			kind, what = report.NoteExtraColumn, "多于"
		}
		for _, id := range ids {
			if id != "" {
				r.SetMissing(id, "", p.pos)
			}
		}
		r.AddNote(kind, p.pos, fmt.Sprintf("“%s”一行有%d个数值，%s格式的%d列，无法确定各列对应关系，记为缺失：%s", p.text, len(vals), what, want, joinCells(vals)), nonBlank(ids)...)
		return
	}
	for k, id := range ids {
		c := vals[k]
		if id == "" {
			if c.Text != "" {
				r.AddNote(report.NoteExtraColumn, c.Pos, "格式中没有的列，数值“"+c.Text+"”未采用")
			}
			continue
		}
		rc.setValue(id, c, p.unit)
	}
}

// variantNote notes a row label read through a variant or in part.
func (rc *recognizer) variantNote(p *pending, ids []string) {
	h := p.hit
	switch {
	case h.variant:
		rc.r.AddNote(report.NoteLabelVariant, h.pos, h.printed+" → "+h.canon, nonBlank(ids)...)
	case h.partial:
		rc.r.AddNote(report.NoteLabelVariant, h.pos, "不完整的标签“"+p.text+"” → "+h.canon, nonBlank(ids)...)
	}
}

func nonBlank(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// rowIDs lists the cell ids of a row's value positions.
func (rc *recognizer) rowIDs(h *rowHit, p *pending) []string {
	ids := make([]string, 0, 8)
	switch h.table {
	case "t2":
		cols := t2HeaderMap(h.t2block, p.t2head)
		if cols == nil {
			for _, c := range h.t2block.Cols {
				cols = append(cols, c.ID)
			}
		}
		for _, c := range cols {
			ids = append(ids, rc.f.CellID("t2", h.t2row.ID, c))
		}
	case "t3":
		rowID := h.t3row.ID
		if h.t3row.SingleRowOther {
			rowID = "other"
		}
		if len(p.t3map) > 0 {
			for _, c := range p.t3map {
				if c == "" {
					ids = append(ids, "")
				} else {
					ids = append(ids, rc.f.CellID("t3", rowID, c))
				}
			}
			return ids
		}
		for _, c := range rc.f.T3Cols {
			ids = append(ids, rc.f.CellID("t3", rowID, c.ID))
		}
	}
	return ids
}

// setValue reads a cell's text into the Report under id.
func (rc *recognizer) setValue(id string, c Cell, headerUnit string) {
	r := rc.r
	cell := rc.f.Cell(id)
	kind := schema.Count
	if cell != nil {
		kind = cell.Kind
	}
	if rc.usedByCell == nil {
		rc.usedByCell = make(map[string]bool, 256)
	}
	if rc.usedByCell[id] {
		// A cell printed twice (a label repeated, a table printed twice):
		// the same value again is harmless; a different one makes both
		// doubtful, and a wrong number is worse than a missing one.
		again := ReadValue(c.Text, kind, headerUnit)
		old, had := r.Cells[id]
		if had && again.OK && !nearlyEqual(old, again.Num) || had != again.OK {
			first := "空白或无法读取的值"
			if had {
				first = strconv.FormatFloat(old, 'f', -1, 64)
			}
			r.AddNote(report.NoteExtraRow, c.Pos, "单元格"+id+"重复出现且数值不一致（先出现的为 "+first+"，此处为“"+c.Text+"”），均不采用，记为缺失", id)
			r.SetMissing(id, "", c.Pos)
			return
		}
		r.AddNote(report.NoteExtraRow, c.Pos, "单元格"+id+"重复出现，保留先出现的数值；此处“"+c.Text+"”未采用", id)
		return
	}
	rc.usedByCell[id] = true
	if c.Note != nil {
		r.AddNote(c.Note.Kind, c.Pos, c.Note.Detail, id)
		if c.Note.Kind == report.NoteAmbiguousSplit {
			// The run as printed belongs to several cells and lives in the
			// note; the cell itself printed no number of its own: blank, so
			// that every writer shows it blank and reads it back as missing.
			r.SetMissing(id, "", c.Pos)
			return
		}
	}
	v := ReadValue(c.Text, kind, headerUnit)
	if v.OK {
		r.SetCell(id, v.Num, c.Pos)
	} else {
		r.SetMissing(id, v.Printed, c.Pos)
	}
	if v.NoteKind != "" {
		r.AddNote(v.NoteKind, c.Pos, v.NoteDetail, id)
	}
}

// assignT4 maps the value runs found in 表四 to its 15 cells.
func (rc *recognizer) assignT4() {
	r, f := rc.r, rc.f
	if len(rc.t4runs) == 0 {
		return
	}
	cols := f.T4Cols
	ids := func(g string) []string {
		var out []string
		for _, c := range cols {
			out = append(out, "t4."+g+"."+c.ID)
		}
		return out
	}
	var all []string
	for _, g := range f.T4Groups {
		all = append(all, ids(g.ID)...)
	}
	// One run of 15 (or runs that together make 15 in order).
	for _, run := range rc.t4runs {
		if len(run.vals) == len(all) {
			for k, id := range all {
				rc.setValue(id, run.vals[k], "")
			}
			return
		}
	}
	var five []t4run
	total := 0
	for _, run := range rc.t4runs {
		total += len(run.vals)
		if len(run.vals) == len(cols) {
			five = append(five, run)
		}
	}
	if len(five) == len(rc.t4runs) && len(five) <= len(f.T4Groups) {
		named := map[string]bool{}
		byName := true
		for _, run := range five {
			if run.group == "" || named[run.group] {
				byName = false
			}
			named[run.group] = true
		}
		if !byName && len(five) != len(f.T4Groups) {
			r.AddNote(report.NoteUnreadableValue, five[0].pos, fmt.Sprintf("表四找到%d组5个数值，未注明属于行政复议还是行政诉讼，无法确定对应关系，记为缺失", len(five)), all...)
			return
		}
		for k, run := range five {
			g := f.T4Groups[k].ID
			if byName {
				g = run.group
			}
			for ci, id := range ids(g) {
				rc.setValue(id, run.vals[ci], "")
			}
		}
		return
	}
	// Runs that concatenate to exactly 15 values, in order.
	if total == len(all) {
		k := 0
		for _, run := range rc.t4runs {
			for _, c := range run.vals {
				rc.setValue(all[k], c, "")
				k++
			}
		}
		return
	}
	if rc.deferT4(all, total) {
		return
	}
	var texts []string
	for _, run := range rc.t4runs {
		texts = append(texts, joinCells(run.vals))
	}
	r.AddNote(report.NoteUnreadableValue, rc.t4runs[0].pos, fmt.Sprintf("表四应有15个数值，找到%d个，无法确定各列对应关系，记为缺失：%s", total, strings.Join(texts, " / ")), all...)
}

// anyNumber reports whether a value run holds a readable number (a run of
// "-" placeholders is not worth a note).
func anyNumber(vals []Cell) bool {
	for _, v := range vals {
		if ReadValue(v.Text, schema.Count, "").OK {
			return true
		}
	}
	return false
}

// t2HeaderMap maps the value positions of a 表二 block to its columns by the
// header row's labels (信息内容 | 本年新制作数量 | …) when every column is
// named once; nil means positional (no header, a truncated or invented
// header).
func t2HeaderMap(b schema.T2Block, head []Cell) []string {
	if len(head) == 0 {
		return nil
	}
	var m []string
	seen := map[string]bool{}
	for i, c := range head {
		if c.Text == "" {
			continue
		}
		if i == 0 && normText(c.Text) == normText(schema.T2ContentHeader) {
			continue
		}
		col, _, ok := schema.MatchColumn(b.Cols, c.Text)
		if !ok {
			n := normText(c.Text)
			for _, bc := range b.Cols {
				if strings.HasPrefix(n, normText(bc.Label)+"(") {
					col, ok = bc, true
				}
			}
		}
		if !ok || seen[col.ID] {
			return nil
		}
		seen[col.ID] = true
		m = append(m, col.ID)
	}
	if len(m) != len(b.Cols) {
		return nil
	}
	return m
}

// officialWidth is the width of a row of the pending row's table in the
// official grid: 表三 3 label columns and 7 value columns (seed-style pipe
// text pads every row to it), 表二 1 label column and 3 value columns.
func (rc *recognizer) officialWidth(p *pending) int {
	if p.hit == nil {
		return -1
	}
	switch p.hit.table {
	case "t3":
		if len(p.t3map) > 0 {
			return 3 + len(p.t3map)
		}
		return 3 + len(rc.f.T3Cols)
	case "t2":
		return 4
	}
	return -1
}

// labelRunEnd returns the end of the run of label cells starting at j:
// blank cells belong to the run only between two labels; blanks after the
// last label are the row's (blank) values.
func labelRunEnd(cells []Cell, j int) int {
	k := j
	for k < len(cells) {
		if cells[k].Text != "" && !isValueText(cells[k].Text) {
			k++
			continue
		}
		if cells[k].Text == "" {
			m := k
			for m < len(cells) && cells[m].Text == "" {
				m++
			}
			if m < len(cells) && !isValueText(cells[m].Text) {
				k = m
				continue
			}
		}
		break
	}
	return k
}

// otherFormatHeader reports whether a 表二 header row names the columns of
// the other format's block with the same title, and not this format's.
func (rc *recognizer) otherFormatHeader(b schema.T2Block, head []Cell) bool {
	if len(head) == 0 || t2HeaderMap(b, head) != nil {
		return false
	}
	other := schema.F2019
	if rc.f.Key == schema.F2019 {
		other = schema.F2021
	}
	for _, ob := range schema.Get(other).T2 {
		if ob.Title == b.Title && t2HeaderMap(ob, head) != nil {
			same := len(ob.Cols) == len(b.Cols)
			for i := 0; same && i < len(ob.Cols); i++ {
				same = ob.Cols[i].ID == b.Cols[i].ID
			}
			return !same
		}
	}
	return false
}

// isSerial reports whether a run before a row label is a row number
// (序号: 1, 2, …, 23).
func isSerial(vals []Cell) bool {
	for _, v := range vals {
		if v.Text == "" {
			continue
		}
		n := ReadValue(v.Text, schema.Count, "")
		return n.OK && n.Num >= 1 && n.Num <= 60 && n.Num == float64(int(n.Num))
	}
	return false
}

// t3LeafMap reads the bottom row of the official 表三 header (商业企业 …
// 其他, under 法人或其他组织), maybe with a 小计 column: 自然人 before it and
// 总计 after it stay where the official header has them.
func t3LeafMap(cells []Cell) []string {
	cols := schema.Get(schema.F2019).T3Cols
	orgs := map[string]bool{}
	for _, c := range cols[1 : len(cols)-1] {
		orgs[c.ID] = true
	}
	m := []string{cols[0].ID}
	seen := map[string]bool{}
	for _, c := range cells {
		if c.Text == "" {
			continue
		}
		n := normText(c.Text)
		col, _, ok := schema.MatchColumn(cols, c.Text)
		switch {
		case ok && orgs[col.ID] && !seen[col.ID]:
			seen[col.ID] = true
			m = append(m, col.ID)
		case n == "小计" || n == "合计" || strings.Contains(n, "法人或其他组织") && (strings.Contains(n, "小计") || strings.Contains(n, "合计")):
			m = append(m, "")
		default:
			return nil
		}
	}
	if len(seen) != len(orgs) {
		return nil
	}
	return append(m, cols[len(cols)-1].ID)
}

// sameTexts reports whether the non-blank cells of a run all hold the same
// text (and there is one at least).
func sameTexts(vals []Cell) bool {
	t := ""
	for _, v := range vals {
		switch {
		case v.Text == "":
		case t == "":
			t = v.Text
		case v.Text != t:
			return false
		}
	}
	return t != ""
}

// textMarker reports whether cells[j], a short text that names no row, sits
// among a row's values ("4 | 无数据 | 6"): a marker in a value position of
// the row being read, which is still short of values. Read as a label, it
// would end the row and lose its numbers.
func (rc *recognizer) textMarker(p *pending, cells []Cell, j int, ctx string) bool {
	if ctx == "t4" && (p == nil || p.hit == nil) {
		return rc.t4Marker(cells, j)
	}
	if p == nil || p.hit == nil || j == 0 || len(p.vals) == 0 || len(p.vals) >= rc.expected(p) {
		return false
	}
	if !rc.markerText(ctx, cells[j].Text) {
		return false
	}
	return cells[j-1].Text == "" || isValueText(cells[j-1].Text)
}

// markerText reports whether a text can be a missing marker in a value's
// place ("不适用", "无数据"): short, without brackets or numbering, naming
// no row of the table.
func (rc *recognizer) markerText(ctx, t string) bool {
	return markerShape(t) && rc.matchRow(ctx, t, -1) == nil
}

// markerShape reports whether a text is shaped like a missing marker
// rather than a label: at most six characters, without brackets or
// numbering.
func markerShape(t string) bool {
	return utf8.RuneCountInString(t) <= 6 && !strings.ContainsAny(t, "（）()、.．")
}

// allMarkers reports whether every non-blank cell of cells is a marker
// text, and there is one.
func (rc *recognizer) allMarkers(ctx string, cells []Cell) bool {
	n := 0
	for _, c := range cells {
		if c.Text == "" {
			continue
		}
		if !rc.markerText(ctx, c.Text) {
			return false
		}
		n++
	}
	return n > 0
}

// t4Marker reports whether cells[j] is a missing marker among 表四's
// values ("1 | 不适用 | 0 | …"), whose rows have no label: a short text
// between values (or first, before a value), naming no row, and not a
// piece of 表四's own header, whose words pdftotext can leave among the
// numbers ("37 | 结 果 | 结果 | 其他"). Read as a label it would split the
// row into two runs of values and lose all fifteen; kept in the run, it
// takes its column's place and the cell is missing with its marker.
func (rc *recognizer) t4Marker(cells []Cell, j int) bool {
	if !rc.t4MarkerCell(cells[j].Text) {
		return false
	}
	value := func(i int) bool { return cells[i].Text == "" || isValueText(cells[i].Text) }
	switch {
	case j > 0 && j+1 < len(cells):
		return value(j-1) && value(j+1)
	case j == 0 && len(cells) > 1:
		// First in its row: only when the values after it are all the
		// row has and it makes them a whole row of 5 or 15.
		for i := 1; i < len(cells); i++ {
			if !value(i) {
				return false
			}
		}
		return isValueText(cells[1].Text) && (len(cells) == 5 || len(cells) == 15)
	}
	return false
}

// t4MarkerCell reports whether a (trimmed) cell among 表四's values can be
// a missing marker: t4MarkerText, naming no row.
func (rc *recognizer) t4MarkerCell(t string) bool {
	return t4MarkerText(t) && rc.matchRow("t4", t, -1) == nil
}

// t4MarkerText reports whether a text among 表四's values can be a missing
// marker: marker-shaped, without a colon, not a unit printed apart ("1 件
// 0 件"), and no part of 表四's header.
func t4MarkerText(t string) bool {
	return t != "" && markerShape(t) && !strings.ContainsAny(t, ":：") && !isUnitWord(t) && !isT4Header(t) && !t4HeaderWords(t)
}

// t4HeaderRunes holds the characters of 表四's header labels.
var t4HeaderRunes = func() map[rune]bool {
	m := map[rune]bool{}
	f := schema.Get(schema.F2021)
	for _, cs := range [][]schema.Column{f.T4Groups, f.T4Cols} {
		for _, c := range cs {
			for _, r := range c.Label {
				m[r] = true
			}
		}
	}
	for _, r := range schema.T4Litigation {
		m[r] = true
	}
	return m
}()

// t4HeaderWords reports whether every character of t (spaces aside) is
// one of 表四's header characters: a fragment of its header ("结 果",
// "其他", "审结"), not a marker.
func t4HeaderWords(t string) bool {
	for _, r := range t {
		if r != ' ' && r != '\u3000' && !t4HeaderRunes[r] {
			return false
		}
	}
	return true
}
