package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

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
}

// fastBook is a workbook read directly from its parts.
type fastBook struct {
	version string
	sheets  map[string]map[string]fastCell // sheet → ref → cell
	order   map[string][]string            // sheet → refs in document order
	defined map[string]string
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
// max bytes (the --max-size cap) and the fast path's own limits.
func readFast(data []byte, max int64) (*fastBook, error) {
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
	if total > fastTotalLimit || (max > 0 && total > uint64(max)) {
		return nil, errFastRead
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
	fb := &fastBook{sheets: map[string]map[string]fastCell{}, order: map[string][]string{}, defined: map[string]string{}}
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
		id := ""
		for _, a := range s.Attr {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		b, err := read(target[id])
		if err != nil {
			return nil, err
		}
		cells, order, err := sheetCells(b, shared)
		if err != nil {
			return nil, err
		}
		fb.sheets[s.Name] = cells
		fb.order[s.Name] = order
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
		var inner []byte
		if !selfClosing {
			e := bytes.Index(b, []byte("</c>"))
			if e < 0 {
				return nil, nil, errFastRead
			}
			inner, b = b[:e], b[e+4:]
		}
		var c fastCell
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

// xattr finds an attribute's value in a tag's attribute text.
func xattr(attrs []byte, name string) string {
	for _, q := range []string{`"`, `'`} {
		key := []byte(" " + name + "=" + q)
		x := append([]byte(" "), attrs...)
		if i := bytes.Index(x, key); i >= 0 {
			rest := x[i+len(key):]
			if j := bytes.Index(rest, []byte(q)); j >= 0 {
				return string(rest[:j])
			}
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
