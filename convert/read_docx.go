package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// The .docx reader unzips a WordprocessingML package (with limits against
// zip bombs: number of entries, size of each part, compression ratio) and
// turns word/document.xml into a Document: every w:p a paragraph (Heading
// when its style is a title or heading style or carries an outline level,
// Body in xxgk's body style), every w:tbl a Grid with gridSpan and vMerge
// expanded (a merged cell at every position it covers, Cont set on all but
// its first). Several paragraphs inside a cell are joined as the HTML
// reader joins them. encoding/xml resolves no external entities, so a
// hostile DOCTYPE cannot reach the file system or the network.

// Limits of the .docx reader.
const (
	docxMaxEntries = 2000
	docxMaxPart    = 64 << 20 // bytes of one unzipped part we read
	docxMaxRatio   = 200      // uncompressed : compressed
	// docxMaxElements caps the elements of word/document.xml.
	docxMaxElements = 400000
)

// ErrDocxLimit: the package exceeds a limit (a zip bomb or not a document).
var ErrDocxLimit = errors.New("docx: package exceeds the reader's limits")

func readDocx(name string, data []byte, opt Options) (*report.Report, error) {
	doc, err := docxDocument(name, data)
	if err != nil {
		return nil, err
	}
	return Recognize(doc, opt)
}

// docxDocument builds the Document of a .docx package.
func docxDocument(name string, data []byte) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("docx: not a zip package: %w", err)
	}
	if len(zr.File) > docxMaxEntries {
		return nil, fmt.Errorf("%w: %d entries", ErrDocxLimit, len(zr.File))
	}
	part := func(path string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name != path {
				continue
			}
			if f.UncompressedSize64 > docxMaxPart ||
				(f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > docxMaxRatio && f.UncompressedSize64 > 1<<20) {
				return nil, fmt.Errorf("%w: %s unzips to %d bytes", ErrDocxLimit, path, f.UncompressedSize64)
			}
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("docx: %s: %w", path, err)
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, docxMaxPart+1))
			if err != nil {
				return nil, fmt.Errorf("docx: %s: %w", path, err)
			}
			if len(b) > docxMaxPart {
				return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrDocxLimit, path, docxMaxPart)
			}
			return b, nil
		}
		return nil, nil
	}
	body, err := part("word/document.xml")
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, errors.New("docx: no word/document.xml (not a Word document)")
	}
	// The generic tree costs a few hundred bytes per element: bound the
	// elements and paragraphs before building it (a report is a few
	// thousand paragraphs; Word spends some twenty elements on each).
	if n := bytes.Count(body, []byte("<w:p>")) + bytes.Count(body, []byte("<w:p ")); n > MaxLines {
		return nil, &InputError{Pos: "word/document.xml", Err: fmt.Errorf("%w: %d paragraphs, at most %d", ErrTooManyLines, n, MaxLines)}
	}
	if n := bytes.Count(body, []byte("<")); n > docxMaxElements {
		return nil, &InputError{Pos: "word/document.xml", Err: fmt.Errorf("%w: %d elements, at most %d", ErrTooManyLines, n, docxMaxElements)}
	}
	var root xnode
	if err := xml.Unmarshal(body, &root); err != nil {
		return nil, fmt.Errorf("docx: word/document.xml: %w", err)
	}
	dr := &docxReader{doc: &Document{Name: name}, name: name, styles: map[string]docxStyle{}, nums: map[string]*docxNum{}}
	if sb, err := part("word/styles.xml"); err == nil && sb != nil {
		var st xnode
		if xml.Unmarshal(sb, &st) == nil {
			dr.readStyles(&st)
		}
	}
	if nb, err := part("word/numbering.xml"); err == nil && nb != nil {
		var nx xnode
		if xml.Unmarshal(nb, &nx) == nil {
			dr.readNumbering(&nx)
		}
	}
	for i := range root.Nodes {
		if root.Nodes[i].XMLName.Local == "body" {
			dr.container(&root.Nodes[i])
		}
	}
	return dr.doc, nil
}

// xnode is a generic XML element.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xnode    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xnode) child(local string) *xnode {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

// val is the w:val attribute (any namespace prefix), "" when absent.
func (n *xnode) val() string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}

func (n *xnode) has(local string) bool { return n != nil && n.child(local) != nil }

type docxStyle struct {
	heading bool
	numID   string // numbering the style applies ("" none)
	ilvl    int
}

type docxReader struct {
	doc    *Document
	name   string
	styles map[string]docxStyle
	nums   map[string]*docxNum // numId → its levels and counters
	paras  int
	grids  int
}

// docxNum is one numbering instance (w:num with its w:abstractNum): how each
// level prints and where it counts.
type docxNum struct {
	lvls  map[int]docxLvl
	count map[int]int
}

type docxLvl struct {
	fmt, text string
	start     int
}

func (dr *docxReader) readStyles(st *xnode) {
	for _, s := range st.Nodes {
		if s.XMLName.Local != "style" {
			continue
		}
		id := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "styleId" {
				id = a.Value
			}
		}
		name := strings.ToLower(s.child("name").val())
		h := strings.HasPrefix(name, "heading") || name == "title" || strings.HasPrefix(name, "标题")
		if ppr := s.child("pPr"); ppr != nil {
			if ol := ppr.child("outlineLvl"); ol != nil {
				if v, err := strconv.Atoi(ol.val()); err == nil && v < 9 {
					h = true
				}
			}
		}
		st := docxStyle{heading: h}
		if ppr := s.child("pPr"); ppr != nil {
			st.numID, st.ilvl = numPr(ppr)
		}
		dr.styles[id] = st
	}
}

// numPr reads a paragraph's (or style's) numbering reference.
func numPr(ppr *xnode) (string, int) {
	np := ppr.child("numPr")
	if np == nil {
		return "", 0
	}
	lvl, _ := strconv.Atoi(np.child("ilvl").val())
	return np.child("numId").val(), lvl
}

// readNumbering reads word/numbering.xml: automatic numbering such as a
// heading's "一、" is not in the paragraph's text and must be rebuilt.
func (dr *docxReader) readNumbering(n *xnode) {
	abstract := map[string]map[int]docxLvl{}
	attrOf := func(x *xnode, local string) string {
		for _, a := range x.Attrs {
			if a.Name.Local == local {
				return a.Value
			}
		}
		return ""
	}
	for i := range n.Nodes {
		a := &n.Nodes[i]
		if a.XMLName.Local != "abstractNum" {
			continue
		}
		lvls := map[int]docxLvl{}
		for j := range a.Nodes {
			l := &a.Nodes[j]
			if l.XMLName.Local != "lvl" {
				continue
			}
			il, _ := strconv.Atoi(attrOf(l, "ilvl"))
			start, err := strconv.Atoi(l.child("start").val())
			if err != nil {
				start = 1
			}
			lvls[il] = docxLvl{fmt: l.child("numFmt").val(), text: l.child("lvlText").val(), start: start}
		}
		abstract[attrOf(a, "abstractNumId")] = lvls
	}
	for i := range n.Nodes {
		m := &n.Nodes[i]
		if m.XMLName.Local != "num" {
			continue
		}
		lvls := map[int]docxLvl{}
		for k, v := range abstract[m.child("abstractNumId").val()] {
			lvls[k] = v
		}
		for j := range m.Nodes {
			o := &m.Nodes[j]
			if o.XMLName.Local != "lvlOverride" {
				continue
			}
			il, _ := strconv.Atoi(attrOf(o, "ilvl"))
			if so := o.child("startOverride"); so != nil {
				if v, err := strconv.Atoi(so.val()); err == nil {
					l := lvls[il]
					l.start = v
					lvls[il] = l
				}
			}
		}
		dr.nums[attrOf(m, "numId")] = &docxNum{lvls: lvls, count: map[int]int{}}
	}
}

// number returns the label automatic numbering prints before a paragraph
// ("一、", "（二）", "3."), advancing the counters; "" for bullets and none.
func (dr *docxReader) number(numID string, ilvl int) string {
	n := dr.nums[numID]
	if n == nil || numID == "0" {
		return ""
	}
	l, ok := n.lvls[ilvl]
	if !ok {
		return ""
	}
	if _, ok := n.count[ilvl]; !ok {
		n.count[ilvl] = l.start - 1
	}
	n.count[ilvl]++
	for k := range n.count {
		if k > ilvl {
			delete(n.count, k)
		}
	}
	if l.fmt == "bullet" || l.fmt == "none" {
		return ""
	}
	out := l.text
	for k := 0; k < 9; k++ {
		ph := "%" + strconv.Itoa(k+1)
		if !strings.Contains(out, ph) {
			continue
		}
		c, ok := n.count[k]
		if !ok {
			c = n.lvls[k].start
		}
		f := n.lvls[k].fmt
		if k == ilvl {
			f = l.fmt
		}
		out = strings.ReplaceAll(out, ph, formatNumber(c, f))
	}
	return out
}

// formatNumber prints a counter in a Word number format.
func formatNumber(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified", "ideographDigital":
		return chineseNumeral(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "lowerLetter":
		return string(rune('a' + (n-1)%26))
	case "upperLetter":
		return string(rune('A' + (n-1)%26))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	}
	return strconv.Itoa(n)
}

// chineseNumeral writes 1–99 as 一 … 九十九 (larger numbers in digits).
func chineseNumeral(n int) string {
	d := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return d[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + d[n%10]
	case n%10 == 0:
		return d[n/10] + "十"
	}
	return d[n/10] + "十" + d[n%10]
}

// container reads the block-level content of the body, a cell or a content
// control.
func (dr *docxReader) container(n *xnode) {
	for i := range n.Nodes {
		c := &n.Nodes[i]
		switch c.XMLName.Local {
		case "p":
			dr.para(c)
		case "tbl":
			dr.table(c)
		case "sdt", "customXml", "ins", "smartTag":
			if sc := c.child("sdtContent"); sc != nil {
				dr.container(sc)
			} else {
				dr.container(c)
			}
		}
	}
}

func (dr *docxReader) para(p *xnode) {
	style := ""
	heading := false
	numID, ilvl := "", 0
	if ppr := p.child("pPr"); ppr != nil {
		style = ppr.child("pStyle").val()
		heading = dr.styles[style].heading || style == docxTitleStyle || style == docxHeadingStyle
		if ol := ppr.child("outlineLvl"); ol != nil {
			if v, err := strconv.Atoi(ol.val()); err == nil && v < 9 {
				heading = true
			}
		}
		numID, ilvl = numPr(ppr)
	}
	if numID == "" {
		numID, ilvl = dr.styles[style].numID, dr.styles[style].ilvl
	}
	body := style == docxBodyStyle
	var b strings.Builder
	runText(p, &b)
	t := b.String()
	if !body {
		// Line breaks join as the pieces of a table cell do; the ends are
		// trimmed (an indent typed as spaces is not text).
		var pieces []string
		for _, line := range strings.Split(t, "\n") {
			if line = strings.TrimFunc(line, func(r rune) bool { return r == '\u3000' || isWS(r) }); line != "" {
				pieces = append(pieces, line)
			}
		}
		t = joinPieces(pieces)
	}
	label := ""
	if numID != "" {
		label = dr.number(numID, ilvl) // counts even for an empty paragraph, as Word does
	}
	if t == "" {
		return
	}
	t = label + t
	dr.paras++
	dr.doc.Blocks = append(dr.doc.Blocks, Block{Kind: Para, Text: t, Heading: heading && !body, Body: body,
		Pos: dr.name + ":p" + strconv.Itoa(dr.paras)})
}

// runText collects the text of a paragraph's runs: w:t, tabs and breaks;
// deleted text, field codes and drawings are not text.
func runText(n *xnode, b *strings.Builder) {
	for i := range n.Nodes {
		c := &n.Nodes[i]
		switch c.XMLName.Local {
		case "t":
			b.WriteString(c.Text)
		case "tab":
			b.WriteString("\t")
		case "br", "cr":
			b.WriteString("\n")
		case "noBreakHyphen":
			b.WriteString("-")
		case "pPr", "rPr", "del", "drawing", "pict", "AlternateContent", "object", "instrText", "delText", "fldData":
		default:
			runText(c, b)
		}
	}
}

// cellText joins the paragraphs of a table cell.
func (dr *docxReader) cellText(tc *xnode) string {
	var pieces []string
	var rec func(n *xnode)
	rec = func(n *xnode) {
		for i := range n.Nodes {
			c := &n.Nodes[i]
			switch c.XMLName.Local {
			case "p":
				var b strings.Builder
				runText(c, &b)
				for _, line := range strings.Split(b.String(), "\n") {
					var a textAcc
					a.add(line)
					if s := a.take(); s != "" {
						pieces = append(pieces, s)
					}
				}
			case "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins":
				rec(c)
			}
		}
	}
	rec(tc)
	return joinPieces(pieces)
}

// table reads a w:tbl into a Grid, expanding gridSpan and vMerge.
func (dr *docxReader) table(tbl *xnode) {
	dr.grids++
	prefix := dr.name + ":table" + strconv.Itoa(dr.grids) + "!"
	type origin struct{ r, c int }
	var grid [][]Cell
	var orig [][]origin // the top-left position covering each position
	for _, tr := range tbl.Nodes {
		if tr.XMLName.Local != "tr" {
			continue
		}
		r := len(grid)
		var row []Cell
		var ro []origin
		col := 0
		if trPr := tr.child("trPr"); trPr != nil {
			if gb, err := strconv.Atoi(trPr.child("gridBefore").val()); err == nil && gb > 0 && gb < maxSpan {
				for ; col < gb; col++ {
					row = append(row, Cell{Pos: prefix + cellRef(r, col), RowSpan: 1, ColSpan: 1})
					ro = append(ro, origin{r, col})
				}
			}
		}
		var cells []*xnode
		for i := range tr.Nodes {
			switch tr.Nodes[i].XMLName.Local {
			case "tc":
				cells = append(cells, &tr.Nodes[i])
			case "sdt":
				if sc := tr.Nodes[i].child("sdtContent"); sc != nil {
					for j := range sc.Nodes {
						if sc.Nodes[j].XMLName.Local == "tc" {
							cells = append(cells, &sc.Nodes[j])
						}
					}
				}
			}
		}
		for _, tc := range cells {
			span := 1
			merge := ""
			tcPr := tc.child("tcPr")
			if tcPr != nil {
				if s, err := strconv.Atoi(tcPr.child("gridSpan").val()); err == nil && s > 1 {
					span = min(s, maxSpan)
				}
				if vm := tcPr.child("vMerge"); vm != nil {
					merge = vm.val()
					if merge == "" {
						merge = "continue"
					}
				}
			}
			if tcPr != nil && tcPr.has("hMerge") && tcPr.child("hMerge").val() != "restart" && len(row) > 0 {
				// Legacy horizontal merge: this cell continues the one on its left.
				o := ro[len(ro)-1]
				var top *Cell
				if o.r == r {
					top = &row[o.c] // rows are built from column 0
				} else {
					top = &grid[o.r][o.c]
				}
				top.ColSpan += span
				for k := 0; k < span; k++ {
					row = append(row, Cell{Text: top.Text, Pos: top.Pos, Cont: true})
					ro = append(ro, o)
				}
				col += span
				continue
			}
			if merge == "continue" && r > 0 && col < len(orig[r-1]) {
				o := orig[r-1][col]
				top := &grid[o.r][o.c]
				top.RowSpan = r - o.r + 1
				for k := 0; k < span; k++ {
					row = append(row, Cell{Text: top.Text, Pos: top.Pos, Cont: true})
					ro = append(ro, o)
				}
				col += span
				continue
			}
			text := dr.cellText(tc)
			pos := prefix + cellRef(r, col)
			for k := 0; k < span; k++ {
				c := Cell{Text: text, Pos: pos, Cont: k > 0}
				if k == 0 {
					c.RowSpan, c.ColSpan = 1, span
				}
				row = append(row, c)
				ro = append(ro, origin{r, col})
			}
			col += span
		}
		grid = append(grid, row)
		orig = append(orig, ro)
	}
	dr.doc.Blocks = append(dr.doc.Blocks, Block{Kind: Grid, Rows: grid, Pos: prefix + "A1"})
}

func init() {
	RegisterReader(".docx", readDocx)
}
