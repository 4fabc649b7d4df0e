package check

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
)

var (
	// A row start tag ends at its first '>' (`<row>` alone included).
	rowTag    = regexp.MustCompile(`<(?:[A-Za-z0-9_]+:)?row(?:[\s/][^>]*)?>`)
	rowNum    = regexp.MustCompile(`\sr="(\d+)"`)
	rowHidden = regexp.MustCompile(`\shidden="(?:1|true)"`)
)

// hiddenRowsXML reads, straight from the package, the row numbers of every
// sheet whose <row> elements carry hidden="1". excelize's GetRowVisible
// indexes rows by position (a sparse sheet answers for the wrong row, and a
// row past the last one reads as hidden) and its row iterator reports a
// later row's attributes for the gaps, so check reads the attribute itself,
// scanning the row start tags.
// Sheets are keyed by name; a package it cannot read gives nil.
func hiddenRowsXML(data []byte) map[string][]int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string, v any) bool {
		f, ok := files[name]
		if !ok || f.UncompressedSize64 > 64<<20 {
			return false
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		return xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(v) == nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !read("xl/workbook.xml", &wb) || !read("xl/_rels/workbook.xml.rels", &rels) {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string][]int{}
	for _, s := range wb.Sheets {
		f, ok := files[target[s.RID]]
		if !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(rc, 256<<20))
		rc.Close()
		if err != nil {
			continue
		}
		// Row start tags only: a byte scan is much cheaper than decoding
		// every cell of the sheet.
		n := 0
		for _, tag := range rowTag.FindAll(b, -1) {
			n++
			if m := rowNum.FindSubmatch(tag); m != nil {
				if v, err := strconv.Atoi(string(m[1])); err == nil {
					n = v
				}
			}
			if rowHidden.Match(tag) {
				out[s.Name] = append(out[s.Name], n)
			}
		}
	}
	return out
}
