// Package report defines the Report: the one model every reader produces and
// every writer renders.
//
// A Report holds a report as published: its format and year, its sections
// with headings as printed, every value cell exactly as printed (cells), the
// cells the source left blank or marked ("—", "/", unreadable text) with that
// text (missing), and a note for every interpretation a reader had to make.
// Its JSON form (see docs/json.md) is the stable contract of xxgk.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xxgk/xxgk/schema"
)

// Generator names this build in outputs; main sets it from the version.
var Generator = "xxgk 0.1.0"

// Report is one 政府信息公开工作年度报告.
type Report struct {
	Format   string             `json:"format"`
	Year     int                `json:"year"`
	Agency   string             `json:"agency"`
	Title    string             `json:"title"`
	Layout   []string           `json:"layout"`
	Sections []Section          `json:"sections"`
	Cells    map[string]float64 `json:"cells"`
	Missing  map[string]string  `json:"missing"`
	Notes    []Note             `json:"notes"`
	Source   Source             `json:"source"`
	// Generator is the xxgk that wrote the file the Report was read from
	// (JSON and workbooks record it); writers stamp their own.
	Generator string `json:"generator"`
	// Pos gives each cell's position in the source ("report.txt:57",
	// "report.xlsx:三、依申请公开!J12"). Not part of the JSON contract.
	Pos map[string]string `json:"-"`
}

// Section is s0 (the preamble) or one of s1–s6.
type Section struct {
	ID         string   `json:"id"`
	Heading    string   `json:"heading"`
	Paragraphs []string `json:"paragraphs"`
	// Pos of the heading (or first paragraph) in the source; not in JSON.
	Pos string `json:"-"`
}

// Note records one interpretation a reader made.
type Note struct {
	Kind   string   `json:"kind"`
	Pos    string   `json:"pos"`
	Cells  []string `json:"cells"`
	Detail string   `json:"detail"`
}

// Source names the original report a Report came from, carried unchanged
// through every later conversion.
type Source struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Note kinds.
const (
	NoteLabelVariant      = "label_variant"
	NoteUnitConverted     = "unit_converted"
	NoteUnitUnknown       = "unit_unknown"
	NoteUnreadableValue   = "unreadable_value"
	NotePublishedTotal    = "published_total"
	NoteAmbiguousSplit    = "ambiguous_split"
	NoteSplitSuspected    = "split_cell_suspected"
	NoteSplitChosen       = "split_chosen"
	NoteAligned           = "aligned"
	NoteExtraRow          = "extra_row"
	NoteExtraColumn       = "extra_column"
	NoteFormatConflict    = "format_conflict"
	NoteTableMissing      = "table_missing"
	NoteSectionMissing    = "section_missing"
	NoteChromeDropped     = "chrome_dropped"
	NoteEncoding          = "encoding"
	NoteNameLabelMismatch = "name_label_mismatch"
	NoteCellMissing       = "cell_missing"
	NoteTemplateUpgraded  = "template_upgraded"
	NotePrefilled         = "prefilled"
)

// New returns an empty Report with its maps made.
func New() *Report {
	return &Report{Cells: map[string]float64{}, Missing: map[string]string{}, Pos: map[string]string{}}
}

// Schema returns the format declaration of the report (2019 when unset).
func (r *Report) Schema() *schema.Format {
	if f := schema.Get(r.Format); f != nil {
		return f
	}
	return schema.Get(schema.F2019)
}

// Value returns a cell's value and whether it is present.
func (r *Report) Value(id string) (float64, bool) {
	v, ok := r.Cells[id]
	return v, ok
}

// Section returns the section with the id, or nil.
func (r *Report) Section(id string) *Section {
	for i := range r.Sections {
		if r.Sections[i].ID == id {
			return &r.Sections[i]
		}
	}
	return nil
}

// AddNote appends a note.
func (r *Report) AddNote(kind, pos, detail string, cells ...string) {
	if cells == nil {
		cells = []string{}
	}
	r.Notes = append(r.Notes, Note{Kind: kind, Pos: pos, Cells: cells, Detail: detail})
}

// SetCell stores a value with its position.
func (r *Report) SetCell(id string, v float64, pos string) {
	r.Cells[id] = v
	delete(r.Missing, id)
	if pos != "" {
		if r.Pos == nil {
			r.Pos = map[string]string{}
		}
		r.Pos[id] = pos
	}
}

// SetMissing records a cell as missing with the text as printed.
func (r *Report) SetMissing(id, printed, pos string) {
	delete(r.Cells, id)
	r.Missing[id] = printed
	if pos != "" {
		if r.Pos == nil {
			r.Pos = map[string]string{}
		}
		r.Pos[id] = pos
	}
}

// HasLayout reports whether a layout variant is recorded.
func (r *Report) HasLayout(v string) bool {
	for _, l := range r.Layout {
		if l == v {
			return true
		}
	}
	return false
}

// Normalize makes a Report's empty collections non-nil and sorts nothing:
// the order of sections and notes is the source's.
func (r *Report) Normalize() {
	if r.Cells == nil {
		r.Cells = map[string]float64{}
	}
	if r.Missing == nil {
		r.Missing = map[string]string{}
	}
	if r.Layout == nil {
		r.Layout = []string{}
	}
	if r.Sections == nil {
		r.Sections = []Section{}
	}
	for i := range r.Sections {
		if r.Sections[i].Paragraphs == nil {
			r.Sections[i].Paragraphs = []string{}
		}
	}
	if r.Notes == nil {
		r.Notes = []Note{}
	}
	for i := range r.Notes {
		if r.Notes[i].Cells == nil {
			r.Notes[i].Cells = []string{}
		}
	}
	if r.Pos == nil {
		r.Pos = map[string]string{}
	}
}

// FormatNumber prints a value the way xxgk writes numbers into text: whole
// numbers without a decimal point, decimals with as many digits as they
// need.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// WriteJSON writes the Report's JSON form (indented, keys of cells and missing
// sorted, UTF-8 without escaping of <, >, &).
func WriteJSON(w io.Writer, r *Report) error {
	p := jsonBufPool.Get().(*[]byte)
	defer jsonBufPool.Put(p)
	b, err := AppendJSON((*p)[:0], r)
	if err != nil {
		return err
	}
	*p = b
	_, err = w.Write(b)
	return err
}

var jsonBufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// AppendJSON appends the Report's JSON form (as WriteJSON writes it) to b.
func AppendJSON(b []byte, r *Report) ([]byte, error) {
	c := *r
	c.Normalize()
	if c.Generator == "" {
		c.Generator = Generator
	}
	out, err := appendJSON(b, &c)
	if err != nil {
		return nil, fmt.Errorf("report: encode json: %w", err)
	}
	return out, nil
}

// encodeJSONReflect is WriteJSON through encoding/json, kept as the
// reference appendJSON is tested against.
func encodeJSONReflect(r *Report) ([]byte, error) {
	c := *r
	c.Normalize()
	if c.Generator == "" {
		c.Generator = Generator
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("report: encode json: %w", err)
	}
	return buf.Bytes(), nil
}

// ReadJSON reads a Report from its JSON form, refusing unknown formats and
// cell ids the format does not have.
func ReadJSON(rd io.Reader) (*Report, error) {
	dec := json.NewDecoder(rd)
	r := New()
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	r.Normalize()
	f := schema.Get(r.Format)
	if f == nil {
		return nil, fmt.Errorf("json: unknown format %q (want 2019 or 2021)", r.Format)
	}
	known := map[string]bool{}
	for _, id := range f.IDs(r.Layout) {
		known[id] = true
	}
	var bad []string
	for id := range r.Cells {
		if !known[id] {
			bad = append(bad, id)
		}
	}
	for id := range r.Missing {
		if !known[id] {
			bad = append(bad, id)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, fmt.Errorf("json: cell ids not in format %s: %s", r.Format, strings.Join(bad, ", "))
	}
	for id, v := range r.Cells {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("json: cell %s is not a finite number", id)
		}
	}
	return r, nil
}

// Clone returns a deep copy.
func (r *Report) Clone() *Report {
	c := *r
	c.Layout = append([]string(nil), r.Layout...)
	c.Sections = make([]Section, len(r.Sections))
	for i, s := range r.Sections {
		s.Paragraphs = append([]string(nil), s.Paragraphs...)
		c.Sections[i] = s
	}
	c.Cells = make(map[string]float64, len(r.Cells))
	for k, v := range r.Cells {
		c.Cells[k] = v
	}
	c.Missing = make(map[string]string, len(r.Missing))
	for k, v := range r.Missing {
		c.Missing[k] = v
	}
	c.Pos = make(map[string]string, len(r.Pos))
	for k, v := range r.Pos {
		c.Pos[k] = v
	}
	c.Notes = make([]Note, len(r.Notes))
	for i, n := range r.Notes {
		n.Cells = append([]string(nil), n.Cells...)
		c.Notes[i] = n
	}
	return &c
}
