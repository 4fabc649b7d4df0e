package convert

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// WorkbookOptions steer the canonical workbook writer. The zero value writes
// a converted report.
type WorkbookOptions struct {
	// Template writes a fill-in template: every total is its formula
	// whatever the Report holds, and the 填报说明 sheet is added.
	Template bool
	// Hints are texts shown beside a value cell, right of its table row
	// (id → text), e.g. last year's 现行有效件数 in a template.
	Hints map[string]string
}

func init() {
	RegisterWriter(".xlsx", func(w io.Writer, r *report.Report, opt Options) error {
		return WriteWorkbook(w, r, WorkbookOptions{})
	})
}

// WriteWorkbook writes the canonical workbook of a Report (ARCHITECTURE.md
// "The canonical workbook"; the layout is package templates').
func WriteWorkbook(w io.Writer, r *report.Report, o WorkbookOptions) error {
	if schema.Get(r.Format) != nil && fastEligible(r, o) {
		return writeFast(w, r)
	}
	f, _, err := buildWorkbook(r, o)
	if err != nil {
		return err
	}
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZipWriter{w: w, parts: map[string]*bytes.Buffer{}} })
	_, err = f.WriteTo(w)
	return err
}

// sortedZipWriter collects the parts excelize writes and stores them in a
// fixed order ([Content_Types].xml first, then by name) with fast
// compression: excelize writes streamed sheets in map order, which would
// make the bytes differ from run to run, and the default compression level
// costs more time than it saves bytes on a workbook this small.
type sortedZipWriter struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

// flateFree keeps compressors between parts and workbooks: a new one
// allocates about a megabyte. It is a stack: a worker mostly gets back the
// compressor it returned last, whose tables are still in its core's
// cache. They had been in a channel, a FIFO queue: at -j 2 each compressor
// went from one worker to the other, and deflate spent a third more time
// at -j 2 than at -j 1 on the same work (BENCHMARKS.md, fourth pass). A
// sync.Pool keeps them per P but drops them at collections: with the
// default GC, writing a workbook was 3 % slower for the compressors made
// again.
var flateFree = freeList[*flate.Writer]{max: 8}

// getFlate returns a BestSpeed compressor writing to w.
func getFlate(w io.Writer) (*flate.Writer, error) {
	if fw, ok := flateFree.get(); ok {
		fw.Reset(w)
		return fw, nil
	}
	return flate.NewWriter(w, flate.BestSpeed)
}

// putFlate gives a compressor back once its stream is closed or flushed.
func putFlate(fw *flate.Writer) { flateFree.put(fw) }

// freeList is a small stack of reusable values: the last one put is the
// first one got (the likeliest still in the getting core's cache), and
// what it holds survives garbage collections.
type freeList[T any] struct {
	mu    sync.Mutex
	items []T
	max   int
}

// get returns the value put last, if any.
func (l *freeList[T]) get() (T, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var zero T
	n := len(l.items)
	if n == 0 {
		return zero, false
	}
	x := l.items[n-1]
	l.items[n-1] = zero
	l.items = l.items[:n-1]
	return x, true
}

// put keeps x for a later get, unless the list is full.
func (l *freeList[T]) put(x T) {
	l.mu.Lock()
	if len(l.items) < l.max {
		l.items = append(l.items, x)
	}
	l.mu.Unlock()
}

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	putFlate(p.Writer)
	return err
}

func (z *sortedZipWriter) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZipWriter) AddFS(fs.FS) error { return errors.New("xlsx: AddFS not supported") }

func (z *sortedZipWriter) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sortPartNames(names)
	zw := zip.NewWriter(z.w)
	registerFastFlate(zw)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := w.Write(z.parts[n].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sortPartNames orders zip parts: [Content_Types].xml first, then by name.
func sortPartNames(names []string) {
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
}

// registerFastFlate makes a zip writer compress with pooled fast
// compressors.
func registerFastFlate(zw *zip.Writer) {
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, err := getFlate(out)
		if err != nil {
			return nil, err
		}
		return &pooledFlate{fw}, nil
	})
}

// wbWriter holds one workbook being written: its styles, created once, and
// the values every sheet shows.
type wbWriter struct {
	f    *excelize.File
	r    *report.Report
	b    *templates.Book
	o    WorkbookOptions
	st   wbStyles
	form map[string]bool // total cells holding their formula
	// shown is what a cell shows once calculated (numbers only): the value
	// every cached result is computed from, as Excel would.
	shown map[string]float64
	// fast, when set, writes the sheets' data into a cached skeleton
	// instead of through excelize (f is nil then).
	fast *fastOut
}

// rowSink is where a sheet's rows go: excelize's stream writer, or the
// fast writer's buffer.
type rowSink interface {
	SetColWidth(minVal, maxVal int, width float64) error
	SetPanes(panes *excelize.Panes) error
	SetRow(cell string, values []interface{}, opts ...excelize.RowOpts) error
	MergeCell(topLeftCell, bottomRightCell string) error
	Flush() error
}

func (ww *wbWriter) stream(sheet string) (rowSink, error) {
	if ww.fast != nil {
		return ww.fast.sheet(sheet), nil
	}
	return ww.f.NewStreamWriter(sheet)
}

// static runs a call that sets what does not depend on the Report
// (validation, protection, print setup, formats): the fast writer has it
// in its skeleton already.
func (ww *wbWriter) static(fn func() error) error {
	if ww.fast != nil {
		return nil
	}
	return fn()
}

func (ww *wbWriter) comment(sheet, ref, text string) error {
	if ww.fast != nil {
		ww.fast.comment(sheet, ref, text)
		return nil
	}
	return ww.f.AddComment(sheet, excelize.Comment{Cell: ref, Author: "xxgk", Text: text})
}

type wbStyles struct {
	title, sub, unit, header, label, group, groupV, input, total, totalBad, plain   int
	text, textKey, textHead, infoKey, infoVal, check, checkNum, checkHead, hint, ok int
	bad, miss, guide, guideHead                                                     int
}

func buildWorkbook(r *report.Report, o WorkbookOptions) (*excelize.File, wbStyles, error) {
	format := r.Format
	if schema.Get(format) == nil {
		return nil, wbStyles{}, fmt.Errorf("xlsx: unknown format %q (want 2019 or 2021)", format)
	}
	b := templates.Layout(format, r.Layout)
	f := excelize.NewFile()
	ww := &wbWriter{f: f, r: r, b: b, o: o, form: map[string]bool{}, shown: map[string]float64{}}
	if err := ww.run(); err != nil {
		f.Close()
		return nil, wbStyles{}, err
	}
	return f, ww.st, nil
}

func (ww *wbWriter) run() error {
	f := ww.f
	if ww.fast != nil {
		ww.st = ww.fast.sk.st
	} else {
		sheets := templates.SheetNames
		if ww.o.Template {
			sheets = templates.TemplateSheetNames
		}
		if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
			return err
		}
		for _, s := range sheets[1:] {
			if _, err := f.NewSheet(s); err != nil {
				return err
			}
		}
		if err := ww.styles(); err != nil {
			return err
		}
	}
	ww.decideTotals()
	for _, t := range ww.b.Tables {
		if err := ww.tableSheet(t); err != nil {
			return fmt.Errorf("xlsx: %s: %w", t.Sheet, err)
		}
	}
	steps := []func() error{ww.textSheet, ww.infoSheet, ww.checkSheet}
	if ww.o.Template {
		steps = append(steps, ww.guideSheet)
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if ww.fast != nil {
		return nil // names, properties: the skeleton's
	}
	for _, c := range ww.b.Cells {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: c.Name, RefersTo: c.AbsRef()}); err != nil {
			return fmt.Errorf("xlsx: name %s: %w", c.Name, err)
		}
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: templates.CheckOKName, RefersTo: ww.b.CheckOK()}); err != nil {
		return err
	}
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "xxgk", LastModifiedBy: "xxgk", Title: ww.r.Title,
		Created: "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z",
		Description: templates.TemplateVersion,
	}); err != nil {
		return err
	}
	return f.SetCustomProps(excelize.CustomProperty{Name: templates.VersionProperty, Value: templates.TemplateVersion})
}

func border() []excelize.Border {
	bs := make([]excelize.Border, 4)
	for i, t := range []string{"left", "top", "right", "bottom"} {
		bs[i] = excelize.Border{Type: t, Color: "000000", Style: 1}
	}
	return bs
}

func (ww *wbWriter) styles() error {
	const font = "宋体"
	fnt := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: font, Size: size, Bold: bold, Color: "000000"}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	fill := func(rgb string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
	}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&ww.st.title, excelize.Style{Font: fnt(16, true), Alignment: center, Protection: locked}},
		{&ww.st.sub, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked}},
		{&ww.st.unit, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Protection: locked}},
		{&ww.st.header, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: locked}},
		{&ww.st.label, excelize.Style{Font: fnt(10.5, false), Alignment: left, Border: border(), Protection: locked}},
		{&ww.st.group, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: locked}},
		{&ww.st.groupV, excelize.Style{Font: fnt(10.5, false), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true, TextRotation: 255}, Border: border(), Protection: locked}},
		{&ww.st.input, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: unlocked, Fill: fill("FFF8DC")}},
		{&ww.st.total, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: locked, Fill: fill("E6E6E6")}},
		{&ww.st.totalBad, excelize.Style{Font: &excelize.Font{Family: font, Size: 10.5, Color: "9C0006"}, Alignment: center, Border: border(), Protection: locked, Fill: fill("FFC7CE")}},
		{&ww.st.plain, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: locked}},
		{&ww.st.text, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: unlocked}},
		{&ww.st.textKey, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: unlocked}},
		{&ww.st.textHead, excelize.Style{Font: fnt(11, true), Alignment: center, Border: border(), Protection: locked, Fill: fill("E6E6E6")}},
		{&ww.st.infoKey, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: locked}},
		{&ww.st.infoVal, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: unlocked}},
		{&ww.st.check, excelize.Style{Font: fnt(10.5, false), Alignment: left, Border: border(), Protection: locked}},
		{&ww.st.checkNum, excelize.Style{Font: fnt(10.5, false), Alignment: center, Border: border(), Protection: locked}},
		{&ww.st.checkHead, excelize.Style{Font: fnt(10.5, true), Alignment: center, Border: border(), Protection: locked, Fill: fill("E6E6E6")}},
		{&ww.st.hint, excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Italic: true, Color: "808080"}, Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked}},
		{&ww.st.guide, excelize.Style{Font: fnt(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: locked}},
		{&ww.st.guideHead, excelize.Style{Font: fnt(12, true), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked}},
	}
	for _, d := range defs {
		s := d.s
		id, err := ww.f.NewStyle(&s)
		if err != nil {
			return err
		}
		*d.id = id
	}
	for _, d := range []struct {
		id       *int
		fg, fill string
	}{{&ww.st.ok, "006100", "C6EFCE"}, {&ww.st.bad, "9C0006", "FFC7CE"}, {&ww.st.miss, "9C5700", "FFEB9C"}} {
		id, err := ww.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: d.fg}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{d.fill}}})
		if err != nil {
			return err
		}
		*d.id = id
	}
	return nil
}

// decideTotals decides which totals hold their formula and computes what
// every value cell shows.
func (ww *wbWriter) decideTotals() {
	value := func(id string) (float64, bool) { v, ok := ww.r.Cells[id]; return v, ok }
	for _, c := range ww.b.Cells {
		if c.IsTotal() && (ww.o.Template || templates.FormulaWanted(c, value)) {
			ww.form[c.ID] = true
		}
	}
	var eval func(c *templates.Cell) (float64, bool)
	var done map[string]bool
	if ww.fast != nil {
		done = ww.fast.done // kept between workbooks, emptied
	} else {
		done = map[string]bool{}
	}
	eval = func(c *templates.Cell) (float64, bool) {
		if done[c.ID] {
			v, ok := ww.shown[c.ID]
			return v, ok
		}
		done[c.ID] = true
		if ww.form[c.ID] {
			var s float64
			for _, p := range c.Parts {
				if v, ok := eval(ww.b.Cell(p)); ok {
					s += v
				}
			}
			ww.shown[c.ID] = s
			return s, true
		}
		v, ok := ww.r.Cells[c.ID]
		if ok {
			ww.shown[c.ID] = v
		}
		return v, ok
	}
	for _, c := range ww.b.Cells {
		eval(c)
	}
}

// cellValue is what a value cell holds: a formula with its cached value, a
// number, a text (marker, unreadable text) or nothing.
func (ww *wbWriter) cellValue(c *templates.Cell) excelize.Cell {
	if ww.form[c.ID] {
		return excelize.Cell{Formula: c.Formula, Value: ww.shown[c.ID], StyleID: ww.st.total}
	}
	style := ww.st.input
	if c.IsTotal() {
		style = ww.st.total
		value := func(id string) (float64, bool) { v, ok := ww.r.Cells[id]; return v, ok }
		if _, ok := templates.PartsSum(c, value); ok {
			style = ww.st.totalBad
		}
	}
	if v, ok := ww.r.Cells[c.ID]; ok {
		return excelize.Cell{Value: v, StyleID: style}
	}
	if s := ww.r.Missing[c.ID]; s != "" {
		return excelize.Cell{Value: s, StyleID: style}
	}
	return excelize.Cell{StyleID: style}
}

// comments gathers the comment text of every value cell: the notes that
// concern it and, for a total holding what was printed, the sum of its
// parts.
func (ww *wbWriter) comments(sheet string) map[string]string {
	out := map[string]string{}
	add := func(c *templates.Cell, s string) {
		if out[c.Ref] != "" {
			out[c.Ref] += "\n"
		}
		out[c.Ref] += s
	}
	value := func(id string) (float64, bool) { v, ok := ww.r.Cells[id]; return v, ok }
	for _, c := range ww.b.Cells {
		if c.Sheet != sheet || !c.IsTotal() || ww.form[c.ID] {
			continue
		}
		_, printed := ww.r.Cells[c.ID]
		if sum, ok := templates.PartsSum(c, value); ok {
			if printed {
				add(c, fmt.Sprintf("报告所印与分项之和不符：各分项之和为 %s（published_total）", report.FormatNumber(sum)))
			} else {
				add(c, fmt.Sprintf("报告此处未印数字（%q），各分项之和为 %s（published_total）", ww.r.Missing[c.ID], report.FormatNumber(sum)))
			}
		} else if printed {
			add(c, "分项不全，无法核对总计（published_total）")
		}
	}
	// A note shows on the first cell it names in this sheet (the total, or a
	// row's first cell for a row label): one comment per note keeps the
	// sheet readable where a note names a whole row.
	for _, n := range ww.r.Notes {
		for _, id := range n.Cells {
			if c := ww.b.Cell(id); c != nil && c.Sheet == sheet {
				add(c, noteText(n))
				break
			}
		}
	}
	return out
}

func noteText(n report.Note) string {
	s := "[" + n.Kind + "] " + n.Detail
	if n.Pos != "" {
		s += "（" + n.Pos + "）"
	}
	return s
}

// grid is a sheet being assembled row by row for the stream writer.
type grid struct {
	rows [][]excelize.Cell
	set  [][]bool
}

func newGrid(rows, cols int) *grid {
	g := &grid{}
	g.reset(rows, cols)
	return g
}

// reset empties g to rows × cols positions, reusing its memory.
func (g *grid) reset(rows, cols int) {
	g.rows = slices.Grow(g.rows[:0], rows)[:rows]
	g.set = slices.Grow(g.set[:0], rows)[:rows]
	for i := range g.rows {
		g.rows[i] = slices.Grow(g.rows[i][:0], cols)[:cols]
		clear(g.rows[i])
		g.set[i] = slices.Grow(g.set[i][:0], cols)[:cols]
		clear(g.set[i])
	}
}

// grid returns an empty grid for a table sheet: the fast writer's, reused
// from workbook to workbook (a table's grid had been an eighth of what a
// workbook allocated), or a new one.
func (ww *wbWriter) grid(rows, cols int) *grid {
	if ww.fast != nil {
		ww.fast.grid.reset(rows, cols)
		return &ww.fast.grid
	}
	return newGrid(rows, cols)
}

func (g *grid) put(col, row int, c excelize.Cell) {
	g.rows[row-1][col-1] = c
	g.set[row-1][col-1] = true
}

// styleRange gives every position of a range a style (borders of merges).
func (g *grid) styleRange(rng string, style int) {
	a, b, _ := strings.Cut(rng, ":")
	c1, r1, _ := templates.SplitRef(a)
	c2, r2, _ := templates.SplitRef(b)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if !g.set[r-1][c-1] {
				g.rows[r-1][c-1] = excelize.Cell{StyleID: style}
				g.set[r-1][c-1] = true
			}
		}
	}
}

func (g *grid) flush(sw rowSink, heights map[int]float64) error {
	if fs, ok := sw.(*fastSheet); ok {
		for i, row := range g.rows {
			h := heights[i+1]
			if h == 0 && !slices.Contains(g.set[i], true) {
				continue
			}
			if err := fs.cells(i+1, row, g.set[i], h); err != nil {
				return err
			}
		}
		return nil
	}
	for i, row := range g.rows {
		vals := make([]any, len(row))
		used := false
		for j, c := range row {
			if g.set[i][j] {
				vals[j] = c
				used = true
			}
		}
		h := heights[i+1]
		if !used && h == 0 {
			continue
		}
		opts := []excelize.RowOpts{}
		if h > 0 {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(templates.Ref(1, i+1), vals, opts...); err != nil {
			return err
		}
	}
	return nil
}

// setRow writes a row of cells: straight into the fast writer's buffer, or
// each boxed for excelize's stream writer. A height of 0 keeps the default.
func setRow(sw rowSink, row int, height float64, cells ...excelize.Cell) error {
	if fs, ok := sw.(*fastSheet); ok {
		return fs.cells(row, cells, nil, height)
	}
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	return sw.SetRow(templates.Ref(1, row), vals, opts...)
}

func (ww *wbWriter) protect(sheet string, insertRows bool) error {
	return ww.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true,
		InsertRows: insertRows, DeleteRows: insertRows,
	})
}

func (ww *wbWriter) tableSheet(t *templates.Table) error {
	f := ww.f
	hintCol := t.Cols + 1
	cols := t.Cols
	if len(ww.o.Hints) > 0 {
		cols++
	}
	g := ww.grid(t.LastRow, cols)
	g.put(1, templates.TitleRow, excelize.Cell{Value: t.Title, StyleID: ww.st.title})
	agency := "填报机关：" + ww.r.Agency
	year := "报告年度："
	if ww.r.Year > 0 {
		year += strconv.Itoa(ww.r.Year) + "年"
	}
	g.put(1, templates.AgencyRow, excelize.Cell{Value: agency, StyleID: ww.st.sub})
	g.put(1, templates.YearRow, excelize.Cell{Value: year, StyleID: ww.st.sub})
	g.put(1, templates.UnitRow, excelize.Cell{Value: t.Unit, StyleID: ww.st.unit})
	for _, l := range ww.b.Labels {
		if l.Sheet != t.Sheet || l.Ref == templates.Ref(1, templates.TitleRow) {
			continue
		}
		style := ww.st.label
		switch l.Kind {
		case templates.LabelHeader, templates.LabelTitle:
			style = ww.st.header
		case templates.LabelGroup:
			style = ww.st.group
			if strings.HasPrefix(l.Ref, "A") && t.ID == "t3" {
				style = ww.st.groupV
			}
		}
		col, row, _ := templates.SplitRef(l.Ref)
		g.put(col, row, excelize.Cell{Value: l.Text, StyleID: style})
		if l.Merge != "" {
			g.styleRange(l.Merge, style)
		}
	}
	var dvCount, dvSigned, dvAmount []string
	for _, c := range ww.b.Cells {
		if c.Sheet != t.Sheet {
			continue
		}
		cell := ww.cellValue(c)
		g.put(c.Col, c.Row, cell)
		if c.Merge != "" {
			g.styleRange(c.Merge, cell.StyleID)
		}
		if c.IsTotal() {
			continue
		}
		switch c.Kind {
		case schema.SignedCount:
			dvSigned = append(dvSigned, c.Ref)
		case schema.Amount:
			dvAmount = append(dvAmount, c.Ref)
		default:
			dvCount = append(dvCount, c.Ref)
		}
		if h := ww.o.Hints[c.ID]; h != "" {
			g.put(hintCol, c.Row, excelize.Cell{Value: h, StyleID: ww.st.hint})
		}
	}
	// Remaining table positions (e.g. 2019 表二's blank third cells) get borders.
	g.styleRange(templates.Ref(1, templates.TableRow)+":"+templates.Ref(t.Cols, t.LastRow), ww.st.plain)

	if err := ww.static(func() error { return ww.validations(t.Sheet, dvCount, dvSigned, dvAmount) }); err != nil {
		return err
	}
	comments := ww.comments(t.Sheet)
	for _, ref := range sortedKeys(comments) {
		if err := ww.comment(t.Sheet, ref, comments[ref]); err != nil {
			return err
		}
	}
	if err := ww.static(func() error {
		if err := ww.pageSetup(t.Sheet, t.Landscape); err != nil {
			return err
		}
		if t.HeaderFirst > 0 {
			if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: t.Sheet,
				RefersTo: fmt.Sprintf("'%s'!$%d:$%d", t.Sheet, t.HeaderFirst, t.HeaderLast)}); err != nil {
				return err
			}
		}
		return ww.protect(t.Sheet, false)
	}); err != nil {
		return err
	}
	sw, err := ww.stream(t.Sheet)
	if err != nil {
		return err
	}
	for i, w := range t.Widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if cols > t.Cols {
		if err := sw.SetColWidth(cols, cols, 24); err != nil {
			return err
		}
	}
	freezeRow := t.HeaderLast
	if freezeRow == 0 {
		freezeRow = templates.UnitRow
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: t.LabelCols, YSplit: freezeRow,
		TopLeftCell: templates.Ref(t.LabelCols+1, freezeRow+1), ActivePane: paneName(t.LabelCols, freezeRow)}); err != nil {
		return err
	}
	heights := labelHeights(ww.b, t)
	heights[templates.TitleRow] = 30
	if err := g.flush(sw, heights); err != nil {
		return err
	}
	for _, m := range t.Merges {
		a, b, _ := strings.Cut(m, ":")
		if err := sw.MergeCell(a, b); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// labelHeights gives the rows whose labels wrap the height of their lines
// (LibreOffice and Excel do not grow rows written with text on their own).
func labelHeights(b *templates.Book, t *templates.Table) map[int]float64 {
	const line = 14.0
	out := map[int]float64{}
	for _, l := range b.Labels {
		if l.Sheet != t.Sheet {
			continue
		}
		c1, r1, _ := templates.SplitRef(l.Ref)
		c2, r2 := c1, r1
		if l.Merge != "" {
			_, end, _ := strings.Cut(l.Merge, ":")
			c2, r2, _ = templates.SplitRef(end)
		}
		if r2 != r1 || r1 == templates.TitleRow {
			continue
		}
		width := 0.0
		for c := c1; c <= c2 && c <= len(t.Widths); c++ {
			width += t.Widths[c-1]
		}
		// A CJK character is about two width units at 10.5pt; keep a margin.
		need := 0.0
		for _, r := range l.Text {
			if r < 0x2E80 {
				need++
			} else {
				need += 2.1
			}
		}
		lines := math.Ceil(need / math.Max(width-1, 1))
		if h := lines*line + 4; lines > 1 && h > out[r1] {
			out[r1] = h
		}
	}
	return out
}

func paneName(x, y int) string {
	switch {
	case x > 0 && y > 0:
		return "bottomRight"
	case y > 0:
		return "bottomLeft"
	}
	return "topRight"
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		ci, ri, _ := templates.SplitRef(ks[i])
		cj, rj, _ := templates.SplitRef(ks[j])
		if ri != rj {
			return ri < rj
		}
		return ci < cj
	})
	return ks
}

func (ww *wbWriter) validations(sheet string, count, signed, amount []string) error {
	add := func(refs []string, t excelize.DataValidationType, op excelize.DataValidationOperator, f1, f2 any, prompt, errMsg string) error {
		if len(refs) == 0 {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(refs, " ")
		if err := dv.SetRange(f1, f2, t, op); err != nil {
			return err
		}
		if op == excelize.DataValidationOperatorGreaterThanOrEqual {
			dv.Formula2 = ""
		}
		dv.SetInput("填写说明", prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, "数值不符合要求", errMsg)
		return ww.f.AddDataValidation(sheet, dv)
	}
	if err := add(count, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual, 0, 0,
		"请填写不小于0的整数（件）。没有发生填 0；不适用或无数据请留空，不要填“—”以外的文字。",
		"件数须为不小于0的整数。"); err != nil {
		return err
	}
	if err := add(signed, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween, -999999999, 999999999,
		"请填写整数：本年增加填正数，减少填负数（如 -8），没有变化填 0。",
		"本年增/减须为整数（可为负数）。"); err != nil {
		return err
	}
	return add(amount, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual, 0.0, 0.0,
		"请填写不小于0的金额，单位：万元（元 ÷ 10000），可有小数。",
		"金额须为不小于0的数，单位为万元。")
}

func (ww *wbWriter) pageSetup(sheet string, landscape bool) error {
	size := 9 // A4
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	one, zero := 1, 0
	if err := ww.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	yes := true
	return ww.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes})
}

// splitUTF16 splits a paragraph into pieces of at most max UTF-16 units,
// never inside a surrogate pair.
func splitUTF16(s string, max int) []string {
	if len(s) <= max { // bytes ≥ UTF-16 units
		return []string{s}
	}
	var out []string
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := len(utf16.Encode([]rune{r}))
		if n+w > max {
			out = append(out, b.String())
			b.Reset()
			n = 0
		}
		b.WriteRune(r)
		n += w
	}
	return append(out, b.String())
}

// templateTextRows is the number of 正文 rows a template gives each section.
const templateTextRows = 4

func (ww *wbWriter) textSheet() error {
	sheet := templates.SheetText
	type row struct{ a, b, c string }
	var rows []row
	for _, s := range ww.r.Sections {
		first := true
		if len(s.Paragraphs) == 0 {
			rows = append(rows, row{s.ID, s.Heading, ""})
			if ww.o.Template {
				// Rows ready to type in, marked with their section.
				for i := 1; i < templateTextRows; i++ {
					rows = append(rows, row{s.ID, "", ""})
				}
			}
			continue
		}
		for _, p := range s.Paragraphs {
			for i, piece := range splitUTF16(p, templates.MaxCellChars) {
				a := s.ID
				if i > 0 {
					a += templates.ContinuationMark
				}
				h := ""
				if first {
					h = s.Heading
					first = false
				}
				rows = append(rows, row{a, h, piece})
			}
		}
	}
	if err := ww.static(func() error {
		if err := ww.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
			FormatColumns: true, FormatRows: true, FormatCells: true, SelectLockedCells: true, SelectUnlockedCells: true,
			InsertRows: true, DeleteRows: true}); err != nil {
			return err
		}
		return ww.pageSetup(sheet, true)
	}); err != nil {
		return err
	}
	sw, err := ww.stream(sheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{12, 34, 96} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := setRow(sw, 1, 0,
		excelize.Cell{Value: "章节 section", StyleID: ww.st.textHead},
		excelize.Cell{Value: "标题 heading", StyleID: ww.st.textHead},
		excelize.Cell{Value: "段落 paragraph", StyleID: ww.st.textHead}); err != nil {
		return err
	}
	for i, r := range rows {
		if err := setRow(sw, templates.TextFirstRow+i, textHeight(r.c, 94),
			excelize.Cell{Value: orNil(r.a), StyleID: ww.st.textKey},
			excelize.Cell{Value: orNil(r.b), StyleID: ww.st.textKey},
			excelize.Cell{Value: orNil(r.c), StyleID: ww.st.text}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// infoValues returns the key/value rows of 信息 for a Report, by the keys of
// templates.InfoKeys.
func infoValues(r *report.Report) map[string]any {
	m := map[string]any{
		"agency": r.Agency, "format": r.Format, "layout": strings.Join(r.Layout, ","),
		"title": r.Title, "template_version": templates.TemplateVersion, "generator": report.Generator,
		"source_name": r.Source.Name, "source_sha256": r.Source.SHA256,
	}
	if r.Year > 0 {
		m["year"] = r.Year
	} else {
		m["year"] = ""
	}
	return m
}

func (ww *wbWriter) infoSheet() error {
	sheet := templates.SheetInfo
	if err := ww.static(func() error {
		if err := ww.protect(sheet, false); err != nil {
			return err
		}
		return ww.pageSetup(sheet, true)
	}); err != nil {
		return err
	}
	sw, err := ww.stream(sheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{18, 18, 50, 60} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	head := func(vals ...string) []excelize.Cell {
		out := make([]excelize.Cell, len(vals))
		for i, v := range vals {
			out[i] = excelize.Cell{Value: v, StyleID: ww.st.textHead}
		}
		return out
	}
	if err := setRow(sw, 1, 0, head("键 key", "项目", "内容")...); err != nil {
		return err
	}
	vals := infoValues(ww.r)
	for i, k := range templates.InfoKeys {
		style := ww.st.infoKey
		if k.Editable {
			style = ww.st.infoVal
		}
		if err := setRow(sw, templates.InfoFirstRow+i, 0,
			excelize.Cell{Value: k.Key, StyleID: ww.st.infoKey},
			excelize.Cell{Value: k.Label, StyleID: ww.st.infoKey},
			excelize.Cell{Value: orNil(vals[k.Key]), StyleID: style}); err != nil {
			return err
		}
	}
	if err := setRow(sw, templates.InfoNotesHeaderRow, 0,
		head("类型 kind", "位置 pos", "单元格 cells", "说明 detail")...); err != nil {
		return err
	}
	row := make([]excelize.Cell, 0, 8)
	for i, n := range ww.r.Notes {
		row = append(row[:0],
			excelize.Cell{Value: orNil(n.Kind), StyleID: ww.st.infoKey},
			excelize.Cell{Value: orNil(n.Pos), StyleID: ww.st.infoKey},
			excelize.Cell{Value: orNil(strings.Join(n.Cells, " ")), StyleID: ww.st.infoKey})
		// A detail longer than a cell holds (dropped chrome can be long)
		// continues in the columns after D.
		for _, piece := range splitUTF16(n.Detail, templates.MaxCellChars) {
			row = append(row, excelize.Cell{Value: orNil(piece), StyleID: ww.st.infoKey})
		}
		if err := setRow(sw, templates.InfoNotesFirstRow+i, 0, row...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (ww *wbWriter) checkSheet() error {
	f := ww.f
	sheet := templates.SheetCheck
	b := ww.b
	get := func(id string) (float64, bool) { v, ok := ww.shown[id]; return v, ok }
	allOK := true
	type res struct {
		l, r float64
		st   schema.Status
	}
	results := make([]res, len(b.Checks))
	for i, c := range b.Checks {
		_, _, st := c.Instance.Eval(get)
		for _, id := range c.Counted {
			if _, ok := get(id); !ok {
				st = schema.MissingOperand
			}
		}
		// Excel's SUM ignores what is not a number: the cached sides are
		// those sums whatever the status.
		l, r := sumShown(c.Instance.Left, get), sumShown(c.Instance.Right, get)
		results[i] = res{l, r, st}
		if st != schema.OK {
			allOK = false
		}
	}
	last := b.LastCheckRow()
	statusRange := fmt.Sprintf("%s%d:%s%d", templates.CheckStatusCol, templates.CheckFirstRow, templates.CheckStatusCol, last)
	cf := func(value string, style int) excelize.ConditionalFormatOptions {
		s := style
		return excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Value: `"` + value + `"`, Format: &s}
	}
	if err := ww.static(func() error {
		if err := f.SetConditionalFormat(sheet, statusRange, []excelize.ConditionalFormatOptions{
			cf(templates.CheckStatusOK, ww.st.ok), cf(templates.CheckStatusBad, ww.st.bad), cf(templates.CheckStatusMiss, ww.st.miss)}); err != nil {
			return err
		}
		if err := f.SetConditionalFormat(sheet, templates.CheckOKRef, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Value: "TRUE", Format: &ww.st.ok},
			{Type: "cell", Criteria: "==", Value: "FALSE", Format: &ww.st.bad}}); err != nil {
			return err
		}
		if err := ww.protect(sheet, false); err != nil {
			return err
		}
		return ww.pageSetup(sheet, true)
	}); err != nil {
		return err
	}
	sw, err := ww.stream(sheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{18, 52, 12, 12, 12, 10} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: templates.CheckHeaderRow,
		TopLeftCell: templates.Ref(1, templates.CheckHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := setRow(sw, 1, 30, excelize.Cell{Value: "校验（表内勾稽关系）", StyleID: ww.st.title}); err != nil {
		return err
	}
	if err := setRow(sw, 2, 0,
		excelize.Cell{Value: "全部平衡 check_ok", StyleID: ww.st.checkHead},
		excelize.Cell{Formula: b.CheckOKFormula(), Value: allOK, StyleID: ww.st.checkNum}); err != nil {
		return err
	}
	if err := setRow(sw, 3, 0, excelize.Cell{
		Value:   "状态：OK 两边相等；不平 两边不相等；缺数 有单元格为空白或不是数字（不按 0 计算）。check_ok 仅在每一行都是 OK 时为 TRUE。",
		StyleID: ww.st.sub}); err != nil {
		return err
	}
	var head []excelize.Cell
	for _, h := range []string{"规则 rule", "项目", "左边", "右边", "差额", "状态"} {
		head = append(head, excelize.Cell{Value: h, StyleID: ww.st.checkHead})
	}
	if err := setRow(sw, templates.CheckHeaderRow, 0, head...); err != nil {
		return err
	}
	for i, c := range b.Checks {
		rs := results[i]
		if err := setRow(sw, c.Row, 0,
			excelize.Cell{Value: c.Instance.Rule, StyleID: ww.st.check},
			excelize.Cell{Value: c.Instance.Label, StyleID: ww.st.check},
			excelize.Cell{Formula: c.Left, Value: rs.l, StyleID: ww.st.checkNum},
			excelize.Cell{Formula: c.Right, Value: rs.r, StyleID: ww.st.checkNum},
			excelize.Cell{Formula: c.Diff, Value: roundDiff(rs.l - rs.r), StyleID: ww.st.checkNum},
			excelize.Cell{Formula: c.Status, Value: rs.st.String(), StyleID: ww.st.checkNum},
		); err != nil {
			return err
		}
	}
	if err := sw.MergeCell("A1", "F1"); err != nil {
		return err
	}
	if err := sw.MergeCell("A3", "F3"); err != nil {
		return err
	}
	return sw.Flush()
}

// textHeight is the height of a row whose wrapped text fills a column of
// the given width (Excel grows such rows only when it edits them).
func textHeight(s string, width float64) float64 {
	need := 0.0
	lines := 1.0
	for _, r := range s {
		if r == '\n' {
			lines++
			continue
		}
		if r < 0x2E80 {
			need++
		} else {
			need += 2.1
		}
	}
	lines += math.Floor(need / width)
	if lines > 409/15.0 {
		return 409 // Excel's maximum row height
	}
	return lines * 15
}

// orNil turns an empty string into no value, so that an empty text is an
// empty cell and not an empty inline string.
func orNil(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}

func sumShown(ids []string, get func(string) (float64, bool)) float64 {
	var s float64
	for _, id := range ids {
		if v, ok := get(id); ok {
			s += v
		}
	}
	return s
}

// roundDiff keeps the cached difference free of binary noise (0.1+0.2).
func roundDiff(d float64) float64 {
	return math.Round(d*1e9) / 1e9
}

func (ww *wbWriter) guideSheet() error {
	f := ww.f
	sheet := templates.SheetGuide
	if err := ww.protect(sheet, false); err != nil {
		return err
	}
	if err := ww.pageSetup(sheet, false); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 72); err != nil {
		return err
	}
	for i, line := range templates.Guide(ww.r.Format) {
		style := ww.st.guide
		if line.Heading {
			style = ww.st.guideHead
		}
		if err := sw.SetRow(templates.Ref(1, i+1), []any{excelize.Cell{Value: line.Text, StyleID: style}},
			excelize.RowOpts{Height: textHeight(line.Text, 66)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
