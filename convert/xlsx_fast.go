package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// The fast writer. Everything in a canonical workbook that does not depend
// on the Report — styles, defined names, merges, validation, protection,
// print setup, conditional formats, properties — is the same for every
// report of a format and layout. It is built once through excelize (the
// skeleton) and kept; each report then only writes its sheets' rows, its
// comments and its title into a copy of the skeleton's parts. The result
// reads exactly like the excelize-built workbook (a test compares them).

// skeleton holds the parts of a workbook built without data.
type skeleton struct {
	parts map[string][]byte
	raw   map[string]rawPart // every part compressed once
	st    wbStyles
	// frames holds each sheet's XML before the rows [0], after them [1],
	// and after them with the comments' legacyDrawing [2].
	frames map[string][3][]byte
	index  map[string]int // sheet → its number in xl/worksheets/sheetN.xml
	// zframes holds each sheet's frame compressed once: [0] the XML before
	// the rows (a deflate stream flushed, not ended), [1] the XML after
	// them and [2] that with the comments' legacyDrawing (both ended). A
	// sheet part is zframes[0] + its rows deflated and flushed + an ending:
	// deflate blocks concatenate into one stream. The frames were a third
	// of what every workbook deflated.
	zframes map[string][3][]byte
}

// legacyDrawing is what a sheet with comments carries before </worksheet>.
const legacyDrawing = `<legacyDrawing xmlns:relationships="http://schemas.openxmlformats.org/officeDocument/2006/relationships" relationships:id="rId1"></legacyDrawing></worksheet>`

// tailWithDrawing is a sheet's tail with the comments' legacyDrawing.
func tailWithDrawing(tail []byte) []byte {
	end := bytes.LastIndex(tail, []byte("</worksheet>"))
	out := append([]byte(nil), tail[:end]...)
	return append(out, legacyDrawing...)
}

// deflateChunk compresses b at BestSpeed; final ends the stream, otherwise
// it is flushed to a byte boundary so that more blocks may follow.
func deflateChunk(b []byte, final bool) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 256) // XML deflates to a fifth or less
	err := deflateInto(&buf, b, final)
	return buf.Bytes(), err
}

// deflateInto is deflateChunk appending to buf.
func deflateInto(buf *bytes.Buffer, b []byte, final bool) error {
	fw, err := getFlate(buf)
	if err != nil {
		return err
	}
	defer putFlate(fw)
	if _, err := fw.Write(b); err != nil {
		return err
	}
	if final {
		return fw.Close()
	}
	return fw.Flush()
}

var (
	skelMu sync.Mutex
	skels  = map[string]*skeleton{}
)

// fastEligible reports whether the fast writer writes this workbook the same
// way excelize would: not a template (its extra sheet and hints), and no
// text excelize escapes specially ("_xHHHH_" sequences).
func fastEligible(r *report.Report, o WorkbookOptions) bool {
	if o.Template || len(o.Hints) > 0 || forceExcelize {
		return false
	}
	bad := func(s string) bool { return strings.Contains(s, "_x") }
	if bad(r.Agency) || bad(r.Title) {
		return false
	}
	for _, s := range r.Sections {
		if bad(s.Heading) || bad(s.ID) {
			return false
		}
		for _, p := range s.Paragraphs {
			if bad(p) {
				return false
			}
		}
	}
	for _, v := range r.Missing {
		if bad(v) {
			return false
		}
	}
	for _, n := range r.Notes {
		if bad(n.Kind) || bad(n.Pos) || bad(n.Detail) || bad(strings.Join(n.Cells, " ")) {
			return false
		}
	}
	return !bad(r.Source.Name) && !bad(r.Source.SHA256) && !bad(report.Generator)
}

// forceExcelize makes every workbook go through excelize (tests compare).
var forceExcelize bool

func getSkeleton(format string, layout []string) (*skeleton, error) {
	key := skeletonKey(format, layout)
	skelMu.Lock()
	defer skelMu.Unlock()
	if sk, ok := skels[key]; ok {
		return sk, nil
	}
	if sk := embeddedSkeleton(key); sk != nil {
		skels[key] = sk
		return sk, nil
	}
	parts, st, err := buildSkeletonParts(format, layout)
	if err != nil {
		return nil, err
	}
	sk, err := newSkeleton(parts, st, nil, nil)
	if err != nil {
		return nil, err
	}
	skels[key] = sk
	return sk, nil
}

func skeletonKey(format string, layout []string) string {
	return format + "|" + schema.LayoutKeyString(layoutOf(format, layout))
}

// buildSkeletonParts builds a workbook without data through excelize and
// returns its parts, uncompressed, and its style ids.
func buildSkeletonParts(format string, layout []string) (map[string][]byte, wbStyles, error) {
	r := report.New()
	r.Format, r.Layout = format, layoutOf(format, layout)
	f, st, err := buildWorkbook(r, WorkbookOptions{})
	if err != nil {
		return nil, wbStyles{}, err
	}
	defer f.Close()
	// Collect the parts; the zip itself is discarded.
	z := &sortedZipWriter{parts: map[string]*bytes.Buffer{}}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { z.w = io.Discard; return &collectZip{z} })
	var sink bytes.Buffer
	if _, err := f.WriteTo(&sink); err != nil {
		return nil, wbStyles{}, err
	}
	parts := make(map[string][]byte, len(z.parts))
	for n, b := range z.parts {
		parts[n] = b.Bytes()
	}
	return parts, st, nil
}

// newSkeleton makes a skeleton of a workbook's parts: each part compressed
// (unless raw holds them already) and each sheet's frame split around its
// rows and compressed (unless zframes holds them).
func newSkeleton(parts map[string][]byte, st wbStyles, raw map[string]rawPart, zframes map[string][3][]byte) (*skeleton, error) {
	sk := &skeleton{parts: parts, raw: raw, frames: map[string][3][]byte{}, index: map[string]int{}, st: st, zframes: zframes}
	if sk.raw == nil {
		sk.raw = make(map[string]rawPart, len(parts))
		for n, b := range parts {
			rp, err := compressPart(b)
			if err != nil {
				return nil, err
			}
			sk.raw[n] = rp
		}
	}
	build := sk.zframes == nil
	if build {
		sk.zframes = map[string][3][]byte{}
	}
	for i, name := range templates.SheetNames {
		part := "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml"
		x := sk.parts[part]
		a := bytes.Index(x, []byte("<sheetData>"))
		b := bytes.Index(x, []byte("</sheetData>"))
		if a < 0 || b < 0 {
			return nil, fmt.Errorf("xlsx: skeleton sheet %s has no sheetData", name)
		}
		head, tail := x[:a+len("<sheetData>")], x[b:]
		sk.frames[name] = [3][]byte{head, tail, tailWithDrawing(tail)}
		sk.index[name] = i + 1
		if !build {
			if _, ok := sk.zframes[name]; !ok {
				return nil, fmt.Errorf("xlsx: skeleton sheet %s has no compressed frame", name)
			}
			continue
		}
		var z [3][]byte
		var err error
		if z[0], err = deflateChunk(head, false); err != nil {
			return nil, err
		}
		if z[1], err = deflateChunk(tail, true); err != nil {
			return nil, err
		}
		if z[2], err = deflateChunk(sk.frames[name][2], true); err != nil {
			return nil, err
		}
		sk.zframes[name] = z
	}
	return sk, nil
}

// layoutOf keeps the one layout variant that changes the workbook.
func layoutOf(format string, layout []string) []string {
	if format == schema.F2021 && schema.SingleRowOther(layout) {
		return []string{schema.LayoutOtherSingleRow}
	}
	return nil
}

// collectZip keeps the parts excelize writes without zipping them.
type collectZip struct{ *sortedZipWriter }

func (c *collectZip) Close() error { return nil }

// fastOut collects one report's sheets and comments. Its buffers are kept
// between workbooks (getFastOut): growing a sheet's rows anew for every
// workbook was two fifths of what writing one allocated.
type fastOut struct {
	sk       *skeleton
	sheets   map[string]*fastSheet
	comments map[string][][2]string // sheet → (ref, text) in order
	// The wbWriter's maps and table grid, kept for the next workbook.
	form  map[string]bool
	shown map[string]float64
	done  map[string]bool
	grid  grid
}

// fastFree holds fastOuts for the next workbooks, a stack like flateFree
// for the same reasons: a worker gets back the buffers it wrote last, and
// they outlive collections. fastNew counts the fastOuts made (tests).
var (
	fastFree = freeList[*fastOut]{max: 8}
	fastNew  atomic.Int64
)

func getFastOut(sk *skeleton) *fastOut {
	o, ok := fastFree.get()
	if !ok {
		fastNew.Add(1)
		o = &fastOut{sheets: map[string]*fastSheet{}, comments: map[string][][2]string{},
			form: map[string]bool{}, shown: map[string]float64{}, done: map[string]bool{}}
	}
	o.sk = sk
	return o
}

// putFastOut gives o back once its workbook is written: nothing it holds
// may be used after.
func putFastOut(o *fastOut) {
	for _, s := range o.sheets {
		s.written = false
		s.rows.Reset()
		s.z.Reset()
	}
	clear(o.comments)
	clear(o.form)
	clear(o.shown)
	clear(o.done)
	o.sk = nil
	fastFree.put(o)
}

func (o *fastOut) sheet(name string) *fastSheet {
	s := o.sheets[name]
	if s == nil {
		s = &fastSheet{name: name}
		s.rows.Grow(16 << 10) // a sheet's rows are 3–41 KB: fewer regrowths
		o.sheets[name] = s
	}
	s.written = true
	return s
}

func (o *fastOut) comment(sheet, ref, text string) {
	o.comments[sheet] = append(o.comments[sheet], [2]string{ref, text})
}

// fastSheet is a rowSink writing SpreadsheetML rows as excelize's stream
// writer does.
type fastSheet struct {
	name    string
	written bool         // by this workbook (the fastSheet is reused)
	rows    bytes.Buffer // the rows' XML
	z       bytes.Buffer // the rows deflated
	num     [32]byte     // room to print a number
}

func (s *fastSheet) SetColWidth(int, int, float64) error { return nil } // in the skeleton
func (s *fastSheet) SetPanes(*excelize.Panes) error      { return nil } // in the skeleton
func (s *fastSheet) MergeCell(string, string) error      { return nil } // in the skeleton
func (s *fastSheet) Flush() error                        { return nil }

func (s *fastSheet) SetRow(cell string, values []interface{}, opts ...excelize.RowOpts) error {
	_, row, err := templates.SplitRef(cell)
	if err != nil {
		return err
	}
	height := 0.0
	for _, o := range opts {
		height = o.Height
	}
	cells := make([]excelize.Cell, len(values))
	set := make([]bool, len(values))
	for i, v := range values {
		if v == nil {
			continue
		}
		c, ok := v.(excelize.Cell)
		if !ok {
			c = excelize.Cell{Value: v}
		}
		cells[i], set[i] = c, true
	}
	return s.cells(row, cells, set, height)
}

// cells is SetRow for the cells of one row as they are, without boxing
// each in an interface (the rows' boxing had been a fifth of a workbook's
// allocations): set, when not nil, says which of them to write.
func (s *fastSheet) cells(row int, cells []excelize.Cell, set []bool, height float64) error {
	s.open(row, height)
	for i := range cells {
		if set != nil && !set[i] {
			continue
		}
		if err := writeFastCell(&s.rows, i+1, row, cells[i]); err != nil {
			return err
		}
	}
	s.rows.WriteString(`</row>`)
	return nil
}

// open starts a row element.
func (s *fastSheet) open(row int, height float64) {
	b := &s.rows
	b.WriteString(`<row r="`)
	b.Write(strconv.AppendInt(s.num[:0], int64(row), 10))
	b.WriteByte('"')
	if height > 0 {
		b.WriteString(` ht="`)
		b.Write(strconv.AppendFloat(s.num[:0], height, 'f', -1, 64))
		b.WriteString(`" customHeight="1"`)
	}
	b.WriteByte('>')
}

// colNames holds the letters of the first columns (a workbook uses A–J).
var colNames = func() (n [64]string) {
	for i := range n {
		n[i] = templates.ColName(i + 1)
	}
	return
}()

// writeCellRef writes a cell reference such as D12.
func writeCellRef(b *bytes.Buffer, col, row int) {
	if col <= len(colNames) {
		b.WriteString(colNames[col-1])
	} else {
		b.WriteString(templates.ColName(col))
	}
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], int64(row), 10))
}

func writeFastCell(b *bytes.Buffer, col, row int, c excelize.Cell) error {
	typ, val, inline := "", "", false
	var numBuf [24]byte
	var num []byte // a whole number, printed without a string
	switch v := c.Value.(type) {
	case nil:
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("xlsx: not a finite number")
		}
		if v == math.Trunc(v) && math.Abs(v) < 1e15 && !(v == 0 && math.Signbit(v)) {
			num = strconv.AppendInt(numBuf[:0], int64(v), 10) // as fastFloat prints it
		} else {
			val = fastFloat(v)
		}
	case int:
		val = strconv.Itoa(v)
	case bool:
		typ, val = "b", "0"
		if v {
			val = "1"
		}
	case string:
		if len(v) > templates.MaxCellChars {
			v = splitUTF16(v, templates.MaxCellChars)[0] // Excel's limit, as excelize cuts
		}
		if c.Formula != "" {
			typ, val = "str", v
		} else {
			typ, val, inline = "inlineStr", v, true
		}
	default:
		return fmt.Errorf("xlsx: cell value of type %T", v)
	}
	b.WriteString(`<c r="`)
	writeCellRef(b, col, row)
	b.WriteByte('"')
	if c.StyleID != 0 {
		b.WriteString(` s="`)
		b.WriteString(strconv.Itoa(c.StyleID))
		b.WriteByte('"')
	}
	if typ != "" {
		b.WriteString(` t="`)
		b.WriteString(typ)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if c.Formula != "" {
		b.WriteString(`<f>`)
		appendXMLEscaped(b, c.Formula, false)
		b.WriteString(`</f>`)
	}
	switch {
	case inline:
		b.WriteString(`<is><t`)
		if needsPreserve(val) {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		writeXMLText(b, val)
		b.WriteString(`</t></is>`)
	case num != nil:
		b.WriteString(`<v>`)
		b.Write(num)
		b.WriteString(`</v>`)
	case val != "":
		b.WriteString(`<v>`)
		writeXMLText(b, val)
		b.WriteString(`</v>`)
	}
	b.WriteString(`</c>`)
	return nil
}

// fastFloat prints a number as excelize does (at most 15 significant
// digits, Excel's precision).
func fastFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && !(digits == 0 && s[i] == '0') {
			digits++
		}
	}
	if digits <= 15 {
		return s
	}
	g, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return strconv.FormatFloat(g, 'f', -1, 64)
}

func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte{9, 10, 13, 32} {
		if s[0] == c || s[len(s)-1] == c {
			return true
		}
	}
	return false
}

// writeXMLText escapes text as excelize does: XML escapes, invalid characters
// replaced, line feeds kept literal.
func writeXMLText(b *bytes.Buffer, s string) { appendXMLEscaped(b, s, true) }

// appendXMLEscaped writes s as encoding/xml.EscapeText does (quotes, &, <,
// >, tab, CR and LF as character references; bytes that are not UTF-8 and
// characters XML forbids as U+FFFD), except that keepLF writes line feeds
// as they are. Most text needs no escape and is written in one piece,
// without EscapeText's writer calls and copies (≈ 11 % of writing a
// workbook); TestAppendXMLEscaped holds it to EscapeText.
func appendXMLEscaped(b *bytes.Buffer, s string, keepLF bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				if keepLF {
					i++
					continue
				}
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c < 0x20 {
					esc = "\uFFFD"
				} else {
					i++
					continue
				}
			}
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			width = n
			if (r == utf8.RuneError && n == 1) || !xmlCharOK(r) {
				esc = "\uFFFD"
			} else {
				i += n
				continue
			}
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		i += width
		last = i
	}
	b.WriteString(s[last:])
}

// xmlCharOK is encoding/xml's isInCharacterRange for runes from U+0080 on.
func xmlCharOK(r rune) bool {
	return r >= 0x80 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// writeFast writes a Report's workbook from the skeleton.
func writeFast(w io.Writer, r *report.Report) error {
	sk, err := getSkeleton(r.Format, r.Layout)
	if err != nil {
		return err
	}
	out := getFastOut(sk)
	defer putFastOut(out)
	ww := &wbWriter{r: r, b: templates.Layout(r.Format, layoutOf(r.Format, r.Layout)), form: out.form,
		shown: out.shown, fast: out}
	if err := ww.run(); err != nil {
		return err
	}
	// parts holds what this report changes; the rest is copied compressed.
	parts := make(map[string]*bytes.Buffer, 12)
	parts["[Content_Types].xml"] = bytes.NewBuffer(sk.parts["[Content_Types].xml"])
	parts["docProps/core.xml"] = bytes.NewBuffer(sk.parts["docProps/core.xml"])
	var types strings.Builder
	nComments := 0
	// A sheet part is its frame's compressed head, its rows deflated into
	// the fastSheet's buffer and the compressed tail, written in turn.
	sheets := make(map[string]sheetPart, len(templates.SheetNames))
	for _, name := range templates.SheetNames {
		s := out.sheets[name]
		if s == nil || !s.written {
			return fmt.Errorf("xlsx: sheet %s not written", name)
		}
		idx := sk.index[name]
		frame, z := sk.frames[name], sk.zframes[name]
		rows := s.rows.Bytes()
		if err := deflateInto(&s.z, rows, false); err != nil {
			return err
		}
		tail, ztail := frame[1], z[1]
		cms := out.comments[name]
		if len(cms) > 0 {
			tail, ztail = frame[2], z[2]
		}
		crc := crc32.Update(crc32.Update(crc32.ChecksumIEEE(frame[0]), crc32.IEEETable, rows), crc32.IEEETable, tail)
		sheets["xl/worksheets/sheet"+strconv.Itoa(idx)+".xml"] = sheetPart{crc: crc,
			size: uint64(len(frame[0]) + len(rows) + len(tail)), data: [3][]byte{z[0], s.z.Bytes(), ztail}}
		if len(cms) > 0 {
			nComments++
			k := strconv.Itoa(nComments)
			parts["xl/worksheets/_rels/sheet"+strconv.Itoa(idx)+".xml.rels"] = bytes.NewBufferString(
				`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
					`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
					`<Relationship Id="rId1" Target="../drawings/vmlDrawing` + k + `.vml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"></Relationship>` +
					`<Relationship Id="rId2" Target="../comments` + k + `.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"></Relationship></Relationships>`)
			parts["xl/comments"+k+".xml"] = commentsXML(cms)
			parts["xl/drawings/vmlDrawing"+k+".vml"] = vmlXML(cms, idx)
			types.WriteString(`<Override PartName="/xl/comments` + k + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"></Override>`)
		}
	}
	if types.Len() > 0 {
		ct := parts["[Content_Types].xml"].String()
		if !strings.Contains(ct, `Extension="vml"`) {
			types.WriteString(`<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"></Default>`)
		}
		ct = strings.Replace(ct, "</Types>", types.String()+"</Types>", 1)
		parts["[Content_Types].xml"] = bytes.NewBufferString(ct)
	}
	if r.Title != "" {
		core := parts["docProps/core.xml"].String()
		var t bytes.Buffer
		t.WriteString("<dc:title>")
		writeXMLText(&t, r.Title)
		t.WriteString("</dc:title>")
		core = strings.Replace(core, "</dc:creator>", "</dc:creator>"+t.String(), 1)
		parts["docProps/core.xml"] = bytes.NewBufferString(core)
	}
	names := make([]string, 0, len(sk.raw)+len(parts))
	for n := range sk.raw {
		if _, sheet := sheets[n]; parts[n] == nil && !sheet {
			names = append(names, n)
		}
	}
	for n := range parts {
		names = append(names, n)
	}
	for n := range sheets {
		names = append(names, n)
	}
	sortPartNames(names)
	zw := zip.NewWriter(w)
	registerFastFlate(zw)
	for _, n := range names {
		if s, ok := sheets[n]; ok {
			zsize := uint64(len(s.data[0]) + len(s.data[1]) + len(s.data[2]))
			fw, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Deflate, CRC32: s.crc,
				CompressedSize64: zsize, UncompressedSize64: s.size})
			if err != nil {
				return err
			}
			for _, d := range s.data {
				if _, err := fw.Write(d); err != nil {
					return err
				}
			}
			continue
		}
		var rp rawPart
		if b := parts[n]; b != nil {
			var err error
			if n == "[Content_Types].xml" || strings.HasPrefix(n, "xl/worksheets/_rels/") {
				rp, err = compressCached(b.Bytes())
			} else {
				rp, err = compressPart(b.Bytes()) // the title, the comments: this workbook's own
			}
			if err != nil {
				return err
			}
		} else {
			rp = sk.raw[n]
		}
		fw, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Deflate, CRC32: rp.crc,
			CompressedSize64: uint64(len(rp.data)), UncompressedSize64: rp.size})
		if err != nil {
			return err
		}
		if _, err := fw.Write(rp.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetPart is a sheet compressed in three pieces that form one deflate
// stream: the frame's head, the rows, the frame's tail.
type sheetPart struct {
	crc  uint32
	size uint64
	data [3][]byte
}

// rawPart is a part compressed once, stored as is in every workbook.
type rawPart struct {
	crc  uint32
	size uint64
	data []byte
}

// partCache keeps the compressed form of the small per-workbook parts that
// most workbooks share byte for byte ([Content_Types].xml, a sheet's
// relationships): compressing each anew was a dynamic Huffman block per
// part per workbook. Bounded: emptied when full.
var partCache = struct {
	sync.Mutex
	m map[string]rawPart
}{m: map[string]rawPart{}}

func compressCached(b []byte) (rawPart, error) {
	partCache.Lock()
	rp, ok := partCache.m[string(b)]
	partCache.Unlock()
	if ok {
		return rp, nil
	}
	rp, err := compressPart(b)
	if err != nil {
		return rawPart{}, err
	}
	partCache.Lock()
	if len(partCache.m) >= 64 {
		clear(partCache.m)
	}
	partCache.m[string(b)] = rp
	partCache.Unlock()
	return rp, nil
}

func compressPart(b []byte) (rawPart, error) {
	data, err := deflateChunk(b, true)
	if err != nil {
		return rawPart{}, err
	}
	return rawPart{crc: crc32.ChecksumIEEE(b), size: uint64(len(b)), data: data}, nil
}

func commentsXML(cms [][2]string) *bytes.Buffer {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>xxgk</author></authors><commentList>`)
	for _, c := range cms {
		b.WriteString(`<comment ref="` + c[0] + `" authorId="0"><text><t`)
		if needsPreserve(c[1]) {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		var e strings.Builder
		_ = xml.EscapeText(&e, []byte(c[1]))
		b.WriteString(e.String())
		b.WriteString(`</t></text></comment>`)
	}
	b.WriteString(`</commentList></comments>`)
	return &b
}

func vmlXML(cms [][2]string, sheetID int) *bytes.Buffer {
	var b bytes.Buffer
	id := strconv.Itoa(sheetID)
	b.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:mv="http://macVmlSchemaUri"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` + id + `"></o:idmap></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m0,0l0,21600,21600,21600,21600,0xe"><v:stroke joinstyle="miter"></v:stroke><v:path gradientshapeok="t" o:connecttype="rect"></v:path></v:shapetype>`)
	for i, c := range cms {
		col, row, _ := templates.SplitRef(c[0])
		c0, r0 := col-1, row-1
		b.WriteString(`<v:shape id="_x0000_s` + strconv.Itoa(sheetID*1024+i+1) + `" type="#_x0000_t202" style="position:absolute;73.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#FBF6D6" strokecolor="#EDEAA1"><v:fill angle="-180" color2="#FBFE82" type="gradient"><o:fill v:ext="view" type="gradientUnscaled"></o:fill></v:fill><v:shadow on="t" color="black" obscured="t"></v:shadow><v:path o:connecttype="none"></v:path><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells></x:MoveWithCells><x:SizeWithCells></x:SizeWithCells>`)
		fmt.Fprintf(&b, `<x:Anchor>%d, 23, %d, 0, %d, 12, %d, 0</x:Anchor><x:AutoFill>True</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			c0, r0, c0+2, r0+3, r0, c0)
	}
	b.WriteString(`</xml>`)
	return &b
}
