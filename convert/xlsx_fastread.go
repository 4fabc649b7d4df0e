package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/templates"
)

// wbSource is what the canonical reader needs of a workbook: the cells of a
// sheet, its rows, the defined names. Two implementations: excelize, and a
// direct reading of the sheet XML (fastBook) that xxgk's own workbooks take;
// anything the direct reading does not handle falls back to excelize.
type wbSource interface {
	// cell returns what a cell holds (the cached value of a formula), its
	// formula ("" for none) and whether it is a text cell.
	cell(sheet, ref string) (value, formula string, isText bool)
	rows(sheet string) [][]string
	names() map[string]string // workbook-scope defined names
	hasSheet(name string) bool
}

// xlsSource reads through excelize.
type xlsSource struct{ f *excelize.File }

func (s xlsSource) cell(sheet, ref string) (string, string, bool) {
	formula, _ := s.f.GetCellFormula(sheet, ref)
	v, _ := s.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	typ, _ := s.f.GetCellType(sheet, ref)
	return v, formula, typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString
}

func (s xlsSource) rows(sheet string) [][]string {
	rows, err := s.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil
	}
	return rows
}

func (s xlsSource) names() map[string]string {
	m := map[string]string{}
	for _, dn := range s.f.GetDefinedName() {
		if dn.Scope == "" || dn.Scope == "Workbook" {
			m[dn.Name] = dn.RefersTo
		}
	}
	return m
}

func (s xlsSource) hasSheet(name string) bool { return hasSheet(s.f, name) }

// fastCell is one cell read directly from the sheet XML.
type fastCell struct {
	value, formula string
	isText         bool
	style          int // the s attribute (0 when absent)
}

// fastBook is a workbook read directly from its parts.
type fastBook struct {
	version string
	sheets  map[string]map[string]fastCell // sheet → ref → cell
	order   map[string][]string            // sheet → refs in document order
	defined map[string]string
	// What the checker needs besides (FastWorkbook): the sheets in
	// workbook order with their state and part, each sheet's XML, and the
	// package's parts for reading others on demand.
	list   []FastSheet
	xml    map[string][]byte   // sheet → its worksheet XML
	merges map[string][][4]int // sheet → merged ranges (col1, row1, col2, row2), read on demand
	readFn func(name string) ([]byte, error)
}

// FastSheet is one sheet of a workbook read directly: its name, its state
// ("", "visible", "hidden", "veryHidden") and its part in the package.
type FastSheet struct {
	Name, State, Part string
}

var errFastRead = errors.New("not for the direct reader")

// readFast reads a workbook's parts directly. It refuses (errFastRead)
// whatever it does not handle exactly as excelize would: shared or array
// formulas, escaped characters (_xHHHH_), oversized parts.
// The fast path gives up (and the excelize path, with the --max-size caps
// of CheckWorkbookLimits, takes over) on parts or archives larger than
// these; archive/zip refuses parts that inflate past their declared size.
// xxgk's own workbooks unzip to well under a megabyte; anything larger
// (a sheet of a million rows, a bomb) goes the capped way.
const (
	fastTotalLimit = 16 << 20
	fastPartLimit  = 4 << 20
)

// readFast reads with the fast path when the archive unzips to no more than
// max bytes (the --max-size cap; 0: DefaultMaxSize) and the fast path's own
// limits, and refuses, besides, a sheet of more than WorkbookMaxRows rows or
// more than WorkbookMaxCells cells in all: the excelize path (with
// CheckWorkbookLimits) then says what is wrong.
func readFast(data []byte, max int64) (*fastBook, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errFastRead
	}
	files := map[string]*zip.File{}
	var total uint64
	for _, f := range zr.File {
		files[f.Name] = f
		total += f.UncompressedSize64
		if f.UncompressedSize64 > fastPartLimit {
			return nil, errFastRead
		}
	}
	if total > fastTotalLimit || total > uint64(max) {
		return nil, errFastRead
	}
	// Counting rows and cells costs a scan; a sheet too short to hold
	// WorkbookMaxRows row tags ("<row>", 5 bytes), or sheets together too
	// short for WorkbookMaxCells cell tags ("<c/>", 4 bytes), need none.
	sheetBytes, cellCount := 0, 0
	tooBig := func(b []byte) bool {
		sheetBytes += len(b)
		if len(b) < 5*WorkbookMaxRows && sheetBytes < 4*WorkbookMaxCells {
			return false
		}
		_, n, err := countRowsCells(bytes.NewReader(b))
		cellCount += n
		return err != nil || cellCount > WorkbookMaxCells
	}
	read := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, errFastRead
		}
		rc, err := f.Open()
		if err != nil {
			return nil, errFastRead
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, fastPartLimit+1))
		if err != nil || len(b) > fastPartLimit {
			return nil, errFastRead
		}
		return b, nil
	}
	fb := &fastBook{sheets: map[string]map[string]fastCell{}, order: map[string][]string{}, defined: map[string]string{},
		xml: map[string][]byte{}, readFn: read}
	if b, err := read("docProps/custom.xml"); err == nil {
		var props struct {
			Property []struct {
				Name   string `xml:"name,attr"`
				LPWSTR string `xml:"lpwstr"`
			} `xml:"property"`
		}
		if xml.Unmarshal(b, &props) == nil {
			for _, p := range props.Property {
				if p.Name == templates.VersionProperty {
					fb.version = p.LPWSTR
				}
			}
		}
	}
	wbXML, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name  string  `xml:"name,attr"`
			Local *string `xml:"localSheetId,attr"`
			Ref   string  `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	if xml.Unmarshal(wbXML, &wb) != nil {
		return nil, errFastRead
	}
	relsXML, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(relsXML, &rels) != nil {
		return nil, errFastRead
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = t[1:]
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	for _, n := range wb.Names {
		if n.Local == nil {
			fb.defined[n.Name] = n.Ref
		}
	}
	var shared []string
	if b, err := read("xl/sharedStrings.xml"); err == nil {
		if shared, err = sharedStrings(b); err != nil {
			return nil, err
		}
	}
	for _, s := range wb.Sheets {
		id, state := "", ""
		for _, a := range s.Attr {
			switch a.Name.Local {
			case "id":
				id = a.Value
			case "state":
				state = a.Value
			}
		}
		b, err := read(target[id])
		if err != nil {
			return nil, err
		}
		if tooBig(b) {
			return nil, errFastRead
		}
		cells, order, err := sheetCells(b, shared)
		if err != nil {
			return nil, err
		}
		if _, dup := fb.sheets[s.Name]; dup {
			return nil, errFastRead
		}
		fb.sheets[s.Name] = cells
		fb.order[s.Name] = order
		fb.xml[s.Name] = b
		fb.list = append(fb.list, FastSheet{Name: s.Name, State: state, Part: target[id]})
	}
	return fb, nil
}

func (fb *fastBook) cell(sheet, ref string) (string, string, bool) {
	c := fb.sheets[sheet][ref]
	return c.value, c.formula, c.isText
}

func (fb *fastBook) rows(sheet string) [][]string {
	cells, ok := fb.sheets[sheet]
	if !ok {
		return nil
	}
	var out [][]string
	for _, ref := range fb.order[sheet] {
		col, row, err := templates.SplitRef(ref)
		if err != nil {
			continue
		}
		v := cells[ref].value
		if v == "" {
			continue
		}
		for len(out) < row {
			out = append(out, nil)
		}
		for len(out[row-1]) < col {
			out[row-1] = append(out[row-1], "")
		}
		out[row-1][col-1] = v
	}
	return out
}

func (fb *fastBook) names() map[string]string { return fb.defined }

func (fb *fastBook) hasSheet(name string) bool { _, ok := fb.sheets[name]; return ok }

func unescapeXML(s string) (string, error) {
	if strings.Contains(s, "_x") {
		return "", errFastRead // excelize decodes _xHHHH_: leave such text to it
	}
	if !strings.Contains(s, "&") {
		return s, nil
	}
	return html.UnescapeString(s), nil
}

// sharedStrings reads the shared string table: each item's text runs
// joined, phonetic runs left out.
func sharedStrings(b []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	var cur strings.Builder
	inT, inPh := false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errFastRead
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = inPh == 0
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if strings.Contains(cur.String(), "_x") {
					return nil, errFastRead
				}
				out = append(out, cur.String())
			case "t":
				inT = false
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
	return out, nil
}

// sheetCells scans a worksheet's cells: <c r t><f/><v/><is/></c>.
func sheetCells(b []byte, shared []string) (map[string]fastCell, []string, error) {
	cells := map[string]fastCell{}
	var order []string
	i := bytes.Index(b, []byte("<sheetData"))
	if i < 0 {
		return cells, order, nil
	}
	end := bytes.Index(b, []byte("</sheetData>"))
	if end < 0 {
		end = len(b)
	}
	b = b[i:end]
	for {
		j := bytes.Index(b, []byte("<c "))
		if j < 0 {
			break
		}
		b = b[j+3:]
		k := bytes.IndexByte(b, '>')
		if k < 0 {
			return nil, nil, errFastRead
		}
		attrs := b[:k]
		selfClosing := k > 0 && attrs[k-1] == '/'
		b = b[k+1:]
		ref, typ := xattr(attrs, "r"), xattr(attrs, "t")
		if ref == "" {
			return nil, nil, errFastRead
		}
		var c fastCell
		if st := xattr(attrs, "s"); st != "" {
			n, err := strconv.Atoi(st)
			if err != nil || n < 0 {
				return nil, nil, errFastRead
			}
			c.style = n
		}
		var inner []byte
		if !selfClosing {
			e := bytes.Index(b, []byte("</c>"))
			if e < 0 {
				return nil, nil, errFastRead
			}
			inner, b = b[:e], b[e+4:]
		}
		if f, fattrs, ok := xelement(inner, "f"); ok {
			if t := xattr(fattrs, "t"); t != "" && t != "normal" {
				return nil, nil, errFastRead // shared and array formulas: excelize expands them
			}
			s, err := unescapeXML(string(f))
			if err != nil {
				return nil, nil, err
			}
			c.formula = s
		}
		v, _, _ := xelement(inner, "v")
		val, err := unescapeXML(string(v))
		if err != nil {
			return nil, nil, err
		}
		switch typ {
		case "s":
			n := 0
			for _, d := range val {
				if d < '0' || d > '9' {
					return nil, nil, errFastRead
				}
				n = n*10 + int(d-'0')
				if n > len(shared) {
					return nil, nil, errFastRead
				}
			}
			if n >= len(shared) {
				return nil, nil, errFastRead
			}
			c.value, c.isText = shared[n], true
		case "inlineStr":
			is, _, _ := xelement(inner, "is")
			var sb strings.Builder
			rest := is
			for {
				t, _, ok := xelement(rest, "t")
				if !ok {
					break
				}
				s, err := unescapeXML(string(t))
				if err != nil {
					return nil, nil, err
				}
				sb.WriteString(s)
				x := bytes.Index(rest, []byte("</t>"))
				if x < 0 {
					break
				}
				rest = rest[x+4:]
			}
			if bytes.Contains(is, []byte("<rPh")) {
				return nil, nil, errFastRead
			}
			c.value, c.isText = sb.String(), true
		case "", "n", "str", "b", "e":
			c.value = val
		default:
			return nil, nil, errFastRead
		}
		if _, dup := cells[ref]; !dup {
			order = append(order, ref)
		}
		cells[ref] = c
	}
	return cells, order, nil
}

// xattr finds an attribute's value in a tag's attribute text (the text
// after the element name, which starts with white space).
func xattr(attrs []byte, name string) string {
	for i := 0; i+len(name)+2 < len(attrs)+1; i++ {
		j := bytes.Index(attrs[i:], []byte(name))
		if j < 0 {
			return ""
		}
		i += j
		end := i + len(name)
		// The name must start the attribute (after white space, or at the
		// very start, as the old " "+attrs form allowed) and be followed by
		// ="…" or ='…'.
		if (i == 0 || attrs[i-1] == ' ') && end+1 < len(attrs) && attrs[end] == '=' && (attrs[end+1] == '"' || attrs[end+1] == '\'') {
			q := attrs[end+1]
			rest := attrs[end+2:]
			if k := bytes.IndexByte(rest, q); k >= 0 {
				return string(rest[:k])
			}
			return ""
		}
	}
	return ""
}

// xelement returns the content and attributes of the first <name …>…</name>
// in b (content empty for <name/>).
func xelement(b []byte, name string) (content, attrs []byte, ok bool) {
	open := []byte("<" + name)
	for off := 0; ; {
		i := bytes.Index(b[off:], open)
		if i < 0 {
			return nil, nil, false
		}
		i += off
		after := i + len(open)
		if after >= len(b) {
			return nil, nil, false
		}
		if c := b[after]; c != '>' && c != ' ' && c != '/' {
			off = after // <is> when looking for <i…>, <tx> when looking for <t>
			continue
		}
		k := bytes.IndexByte(b[after:], '>')
		if k < 0 {
			return nil, nil, false
		}
		attrs = b[after : after+k]
		if len(attrs) > 0 && attrs[len(attrs)-1] == '/' {
			return nil, attrs[:len(attrs)-1], true
		}
		start := after + k + 1
		e := bytes.Index(b[start:], []byte("</"+name+">"))
		if e < 0 {
			return nil, nil, false
		}
		return b[start : start+e], attrs, true
	}
}

// FastWorkbook is a workbook read directly from its parts, without
// excelize: what the checker inspects of xxgk's own workbooks. OpenFast
// refuses (an error) whatever the direct reader does not handle exactly as
// excelize would; the caller then falls back to excelize.
type FastWorkbook struct {
	fb   *fastBook
	data []byte
	opt  Options
}

// OpenFast reads a workbook's parts directly, within the unzip limits of
// the direct reader and those of CheckWorkbookLimits under opt.MaxSize.
func OpenFast(data []byte, opt Options) (*FastWorkbook, error) {
	fb, err := readFast(data, opt.MaxSize)
	if err != nil {
		return nil, err
	}
	return &FastWorkbook{fb: fb, data: data, opt: opt}, nil
}

// Options are the options the workbook was opened with (its size cap).
func (w *FastWorkbook) Options() Options { return w.opt }

// Data is the workbook's bytes.
func (w *FastWorkbook) Data() []byte { return w.data }

// Sheets lists the sheets in workbook order.
func (w *FastWorkbook) Sheets() []FastSheet { return w.fb.list }

// HasSheet reports whether the workbook has a sheet of that name.
func (w *FastWorkbook) HasSheet(name string) bool { return w.fb.hasSheet(name) }

// SheetXML is the worksheet XML of a sheet (nil when there is none).
func (w *FastWorkbook) SheetXML(sheet string) []byte { return w.fb.xml[sheet] }

// Part reads a part of the package by its path ("xl/styles.xml"), within
// the part limit.
func (w *FastWorkbook) Part(name string) ([]byte, error) { return w.fb.readFn(name) }

// Cell returns what a cell holds (the cached value of a formula), its
// formula and its style id. A cell inside a merged range reads as the
// range's top-left cell, as excelize reads it.
func (w *FastWorkbook) Cell(sheet, ref string) (value, formula string, style int) {
	c := w.fb.sheets[sheet][ref]
	if m := w.merged(sheet, ref); m != ref {
		t := w.fb.sheets[sheet][m]
		c.value, c.formula, c.isText = t.value, t.formula, t.isText
	}
	return c.value, c.formula, c.style
}

// merged maps a cell inside a merged range to the range's top-left cell.
func (w *FastWorkbook) merged(sheet, ref string) string {
	if w.fb.merges == nil {
		w.fb.merges = map[string][][4]int{}
	}
	ms, ok := w.fb.merges[sheet]
	if !ok {
		b := w.fb.xml[sheet]
		for {
			i := bytes.Index(b, []byte("<mergeCell "))
			if i < 0 {
				break
			}
			b = b[i+len("<mergeCell"):]
			k := bytes.IndexByte(b, '>')
			if k < 0 {
				break
			}
			r := xattr(b[:k], "ref")
			if !strings.Contains(r, ":") {
				r += ":" + r
			}
			lo, hi, _ := strings.Cut(r, ":")
			c1, r1, err1 := templates.SplitRef(lo)
			c2, r2, err2 := templates.SplitRef(hi)
			if err1 == nil && err2 == nil {
				ms = append(ms, [4]int{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)})
			}
		}
		w.fb.merges[sheet] = ms
	}
	if len(ms) == 0 {
		return ref
	}
	c, r, err := templates.SplitRef(strings.ToUpper(ref))
	if err != nil {
		return ref
	}
	for _, m := range ms {
		if m[0] <= c && c <= m[2] && m[1] <= r && r <= m[3] {
			return templates.Ref(m[0], m[1])
		}
	}
	return ref
}

// mergedSource is the direct reading with merged cells read as excelize
// reads them, for the checker's evaluator.
type mergedSource struct{ w *FastWorkbook }

func (s mergedSource) cell(sheet, ref string) (string, string, bool) {
	c := s.w.fb.sheets[sheet][s.w.merged(sheet, ref)]
	return c.value, c.formula, c.isText
}
func (s mergedSource) rows(sheet string) [][]string { return s.w.fb.rows(sheet) }
func (s mergedSource) names() map[string]string     { return s.w.fb.names() }
func (s mergedSource) hasSheet(name string) bool    { return s.w.fb.hasSheet(name) }

// Rows returns a sheet's non-empty values as a grid (raw values).
func (w *FastWorkbook) Rows(sheet string) [][]string { return w.fb.rows(sheet) }

// Names returns the workbook-scope defined names.
func (w *FastWorkbook) Names() map[string]string { return w.fb.names() }

// CustomVersion is the xxgk version custom document property ("" if none).
func (w *FastWorkbook) CustomVersion() string { return w.fb.version }

// Evaluator returns an evaluator of the workbook.
func (w *FastWorkbook) Evaluator(mode FormulaMode) *Evaluator {
	return newEvaluator(mergedSource{w}, mode)
}

// ReadFast is ReadBytes for a workbook already read directly (OpenFast),
// so that a caller reading and inspecting the package parses it once. ok
// is false when the workbook is not one the direct reading reads (not
// xxgk's canonical workbook): ReadBytes then reads its bytes.
func ReadFast(name string, w *FastWorkbook, opt Options) (r *report.Report, ok bool, err error) {
	if !w.fb.hasSheet(templates.SheetInfo) || fastVersion(w.fb) != templates.TemplateVersion {
		return nil, false, nil
	}
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if int64(len(w.data)) > max {
		return nil, false, nil // ReadBytes says what is wrong
	}
	r, err = readCanonical(filepath.Base(name), w.fb, opt)
	r, err = finishRead(name, w.data, r, err)
	return r, true, err
}
