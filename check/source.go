package check

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/templates"
)

// wbSource is what the workbook checks read of a workbook. Two
// implementations: fastSource reads the parts directly (xxgk's own
// workbooks, once), xlsSource goes through excelize (everything else).
type wbSource interface {
	sheetList() []string
	sheetVisible(sheet string) bool
	customVersion() string
	rows(sheet string) [][]string
	value(sheet, ref string) string // raw value (a formula's cached value)
	formula(sheet, ref string) string
	definedNames() map[string]string // workbook scope
	evaluator() *convert.Evaluator
	comments() map[string]string // "sheet!ref" → text
	dimension(sheet string) string
	colHidden(sheet string, col int) bool
	// customFormat returns the custom number format of a cell's style
	// ("" for none or a built-in one).
	customFormat(sheet, ref string) string
	hiddenRows(sheet string) []int
}

// xlsSource reads through excelize.
type xlsSource struct {
	f       *excelize.File
	hidden  map[string][]int
	formats map[int]string
}

func (s *xlsSource) sheetList() []string { return s.f.GetSheetList() }

func (s *xlsSource) sheetVisible(sheet string) bool {
	vis, err := s.f.GetSheetVisible(sheet)
	return err != nil || vis
}

func (s *xlsSource) customVersion() string {
	props, err := s.f.GetCustomProps()
	if err != nil {
		return ""
	}
	for _, p := range props {
		if p.Name == templates.VersionProperty {
			if v, ok := p.Value.(string); ok && v != "" {
				return v
			}
		}
	}
	return ""
}

func (s *xlsSource) rows(sheet string) [][]string {
	var g [][]string
	rows, err := s.f.Rows(sheet)
	if err == nil {
		for rows.Next() {
			cols, _ := rows.Columns(excelize.Options{RawCellValue: true})
			g = append(g, cols)
		}
		rows.Close()
	}
	return g
}

func (s *xlsSource) value(sheet, ref string) string {
	v, _ := s.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	return v
}

func (s *xlsSource) formula(sheet, ref string) string {
	f, _ := s.f.GetCellFormula(sheet, ref)
	return f
}

func (s *xlsSource) definedNames() map[string]string {
	defined := map[string]string{}
	for _, d := range s.f.GetDefinedName() {
		if d.Scope == "" || d.Scope == "Workbook" {
			defined[d.Name] = d.RefersTo
		}
	}
	return defined
}

func (s *xlsSource) evaluator() *convert.Evaluator {
	return convert.NewEvaluator(s.f, convert.Arithmetic)
}

func (s *xlsSource) comments() map[string]string {
	out := map[string]string{}
	for _, sh := range s.f.GetSheetList() {
		cs, _ := s.f.GetComments(sh)
		for _, c := range cs {
			var b strings.Builder
			b.WriteString(c.Text)
			for _, p := range c.Paragraph {
				b.WriteString(p.Text)
			}
			out[sh+"!"+c.Cell] = b.String()
		}
	}
	return out
}

func (s *xlsSource) dimension(sheet string) string {
	dim, _ := s.f.GetSheetDimension(sheet)
	return dim
}

func (s *xlsSource) colHidden(sheet string, col int) bool {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return false
	}
	vis, err := s.f.GetColVisible(sheet, name)
	return err == nil && !vis
}

func (s *xlsSource) customFormat(sheet, ref string) string {
	st, err := s.f.GetCellStyle(sheet, ref)
	if err != nil || st == 0 {
		return ""
	}
	if s.formats == nil {
		s.formats = map[int]string{}
	}
	f, seen := s.formats[st]
	if !seen {
		if style, err := s.f.GetStyle(st); err == nil && style.CustomNumFmt != nil {
			f = *style.CustomNumFmt
		}
		s.formats[st] = f
	}
	return f
}

func (s *xlsSource) hiddenRows(sheet string) []int { return s.hidden[sheet] }

// fastSource reads the parts of a workbook the direct reader has read.
type fastSource struct {
	w *convert.FastWorkbook
	// Per sheet, from its XML: the dimension, the <col> ranges, row
	// styles and hidden rows.
	sheets map[string]*sheetMeta
	// cellXfs numFmtId per style id, and custom formats by id.
	xfFmt   []int
	numFmts map[int]string
}

type sheetMeta struct {
	dim      string
	cols     []colRange
	rowStyle map[int]int
	hidden   []int
}

type colRange struct {
	min, max, style int
	hidden          bool
}

// newFastSource reads what the checks need besides the cells (sheet
// metadata, styles) from a directly read workbook; ok is false when
// anything is not as the direct reading handles it exactly (then excelize
// reads the workbook).
func newFastSource(w *convert.FastWorkbook) (*fastSource, bool) {
	s := &fastSource{w: w, sheets: map[string]*sheetMeta{}, numFmts: map[int]string{}}
	for _, sh := range w.Sheets() {
		m, ok := readSheetMeta(w.SheetXML(sh.Name))
		if !ok {
			return nil, false
		}
		s.sheets[sh.Name] = m
	}
	if b, err := w.Part("xl/styles.xml"); err == nil {
		var st struct {
			NumFmts []struct {
				ID   int    `xml:"numFmtId,attr"`
				Code string `xml:"formatCode,attr"`
			} `xml:"numFmts>numFmt"`
			Xfs []struct {
				NumFmtID *int `xml:"numFmtId,attr"`
			} `xml:"cellXfs>xf"`
		}
		if xml.Unmarshal(b, &st) != nil {
			return nil, false
		}
		for _, n := range st.NumFmts {
			if n.ID < 164 {
				// A built-in id redefined: excelize's reading of it
				// decides (built-in or custom).
				return nil, false
			}
			s.numFmts[n.ID] = n.Code
		}
		for _, x := range st.Xfs {
			id := -1
			if x.NumFmtID != nil {
				id = *x.NumFmtID
			}
			s.xfFmt = append(s.xfFmt, id)
		}
	}
	return s, true
}

var (
	tagDimension = []byte("<dimension")
	tagCol       = []byte("<col ")
	tagRow       = []byte("<row")
	tagSheetData = []byte("<sheetData")
)

// readSheetMeta scans a worksheet's XML for its dimension, columns and row
// start tags.
func readSheetMeta(b []byte) (*sheetMeta, bool) {
	m := &sheetMeta{rowStyle: map[int]int{}}
	if bytes.Contains(b, []byte(":sheetData")) || bytes.Contains(b, []byte(":dimension")) || bytes.Contains(b, []byte(":col ")) {
		// Prefixed SpreadsheetML elements: excelize reads those.
		return nil, false
	}
	head := b
	if i := bytes.Index(b, tagSheetData); i >= 0 {
		head = b[:i]
	}
	if i := bytes.Index(head, tagDimension); i >= 0 {
		if k := bytes.IndexByte(head[i:], '>'); k >= 0 {
			m.dim = attr(head[i+len(tagDimension):i+k], "ref")
		}
	}
	for rest := head; ; {
		i := bytes.Index(rest, tagCol)
		if i < 0 {
			break
		}
		k := bytes.IndexByte(rest[i:], '>')
		if k < 0 {
			return nil, false
		}
		a := rest[i+len(tagCol)-1 : i+k]
		rest = rest[i+k:]
		lo, err1 := strconv.Atoi(attr(a, "min"))
		hi, err2 := strconv.Atoi(attr(a, "max"))
		if err1 != nil || err2 != nil {
			return nil, false
		}
		st := 0
		if v := attr(a, "style"); v != "" {
			if st, err1 = strconv.Atoi(v); err1 != nil {
				return nil, false
			}
		}
		h := attr(a, "hidden")
		m.cols = append(m.cols, colRange{min: lo, max: hi, style: st, hidden: h == "1" || h == "true"})
	}
	// Row start tags: hidden rows (by their r, or their position when r
	// is absent) and row styles.
	n := 0
	for _, tag := range rowTags(b) {
		n++
		if v := attrBytes(tag, "r"); len(v) > 0 && bytes.Trim(v, "0123456789") == nil {
			if r, err := strconv.Atoi(string(v)); err == nil {
				n = r
			}
		}
		if h := string(attrBytes(tag, "hidden")); h == "1" || h == "true" {
			m.hidden = append(m.hidden, n)
		}
		if v := attrBytes(tag, "s"); v != nil {
			if st, err := strconv.Atoi(string(v)); err == nil {
				m.rowStyle[n] = st
			}
		}
	}
	return m, true
}

// rowTags returns the attribute text of every <row …> start tag (with or
// without a namespace prefix) of worksheet XML: the matches of
// rowTag without the regexp machine.
func rowTags(b []byte) [][]byte {
	var out [][]byte
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("row"))
		if i < 0 {
			return out
		}
		i += off
		off = i + 3
		if off >= len(b) || !(isSpace(b[off]) || b[off] == '/' || b[off] == '>') || i == 0 {
			continue
		}
		switch j := i - 1; {
		case b[j] == '<':
		case b[j] == ':':
			k := j - 1
			for k >= 0 && isNameChar(b[k]) {
				k--
			}
			if k < 0 || k == j-1 || b[k] != '<' {
				continue
			}
		default:
			continue
		}
		e := bytes.IndexByte(b[off:], '>')
		if e < 0 {
			return out
		}
		out = append(out, b[off:off+e])
		off += e + 1
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isNameChar(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// attrBytes finds name="value" after white space in a tag's attribute
// text (nil when absent): the double-quoted form the row scan has always
// read.
func attrBytes(a []byte, name string) []byte {
	for off := 0; ; {
		i := bytes.Index(a[off:], []byte(name))
		if i < 0 {
			return nil
		}
		i += off
		off = i + 1
		end := i + len(name)
		if i == 0 || !isSpace(a[i-1]) || end+1 >= len(a) || a[end] != '=' || a[end+1] != '"' {
			continue
		}
		rest := a[end+2:]
		if k := bytes.IndexByte(rest, '"'); k >= 0 {
			return rest[:k]
		}
		return nil
	}
}

// attr finds an attribute's value in a tag's attribute text.
func attr(a []byte, name string) string {
	for _, q := range []string{`"`, `'`} {
		key := " " + name + "=" + q
		x := " " + string(a)
		if i := strings.Index(x, key); i >= 0 {
			rest := x[i+len(key):]
			if j := strings.Index(rest, q); j >= 0 {
				return rest[:j]
			}
		}
	}
	return ""
}

func (s *fastSource) sheetList() []string {
	var out []string
	for _, sh := range s.w.Sheets() {
		out = append(out, sh.Name)
	}
	return out
}

func (s *fastSource) sheetVisible(sheet string) bool {
	for _, sh := range s.w.Sheets() {
		if sh.Name == sheet {
			return sh.State == "" || sh.State == "visible"
		}
	}
	return true
}

func (s *fastSource) customVersion() string { return s.w.CustomVersion() }

func (s *fastSource) rows(sheet string) [][]string { return s.w.Rows(sheet) }

func (s *fastSource) value(sheet, ref string) string {
	v, _, _ := s.w.Cell(sheet, ref)
	return v
}

func (s *fastSource) formula(sheet, ref string) string {
	_, f, _ := s.w.Cell(sheet, ref)
	return f
}

func (s *fastSource) definedNames() map[string]string { return s.w.Names() }

func (s *fastSource) evaluator() *convert.Evaluator { return s.w.Evaluator(convert.Arithmetic) }

func (s *fastSource) comments() map[string]string {
	out := map[string]string{}
	for _, sh := range s.w.Sheets() {
		dir, base := path.Split(sh.Part)
		rels, err := s.w.Part(dir + "_rels/" + base + ".rels")
		if err != nil {
			continue
		}
		var r struct {
			Rel []struct {
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if xml.Unmarshal(rels, &r) != nil {
			continue
		}
		for _, rel := range r.Rel {
			if !strings.HasSuffix(rel.Type, "/comments") {
				continue
			}
			t := rel.Target
			if strings.HasPrefix(t, "/") {
				t = t[1:]
			} else {
				t = path.Join(dir, t)
			}
			b, err := s.w.Part(t)
			if err != nil {
				continue
			}
			var cs struct {
				Comment []struct {
					Ref  string `xml:"ref,attr"`
					Text struct {
						Inner []byte `xml:",innerxml"`
					} `xml:"text"`
				} `xml:"commentList>comment"`
			}
			if xml.Unmarshal(b, &cs) != nil {
				continue
			}
			for _, c := range cs.Comment {
				out[sh.Name+"!"+c.Ref] = textRuns(c.Text.Inner)
			}
		}
	}
	return out
}

// textRuns joins the <t> texts of a comment's rich text.
func textRuns(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	var sb strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inT = t.Name.Local == "t"
		case xml.EndElement:
			inT = false
		case xml.CharData:
			if inT {
				sb.Write(t)
			}
		}
	}
	return sb.String()
}

func (s *fastSource) dimension(sheet string) string {
	if m := s.sheets[sheet]; m != nil {
		return m.dim
	}
	return ""
}

func (s *fastSource) colHidden(sheet string, col int) bool {
	m := s.sheets[sheet]
	if m == nil {
		return false
	}
	hidden := false
	for _, c := range m.cols {
		if c.min <= col && col <= c.max {
			hidden = c.hidden // the last range wins, as excelize reads it
		}
	}
	return hidden
}

func (s *fastSource) customFormat(sheet, ref string) string {
	_, _, st := s.w.Cell(sheet, ref)
	if st == 0 {
		// excelize's fallback: the row's style, then the column's.
		col, row, err := excelize.CellNameToCoordinates(ref)
		if m := s.sheets[sheet]; err == nil && m != nil {
			if rs := m.rowStyle[row]; rs != 0 {
				st = rs
			} else {
				for _, c := range m.cols {
					if c.min <= col && col <= c.max && c.style != 0 {
						st = c.style
						break
					}
				}
			}
		}
	}
	if st <= 0 || st >= len(s.xfFmt) {
		return ""
	}
	return s.numFmts[s.xfFmt[st]]
}

func (s *fastSource) hiddenRows(sheet string) []int {
	if m := s.sheets[sheet]; m != nil {
		return m.hidden
	}
	return nil
}
