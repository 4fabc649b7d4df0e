package check

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

// Task is the check of one file: the Report's identity and every finding
// (all severities) in the order found. Its JSON form is one entry of
// `xxgk check --json`'s tasks.
type Task struct {
	File   string    `json:"file"`
	Valid  bool      `json:"valid"`
	Format string    `json:"format"`
	Year   int       `json:"year"`
	Agency string    `json:"agency"`
	Errors []Finding `json:"errors"`
	// Error is set when the file could not be read (exit 2); Errors is then
	// empty.
	Error string `json:"error,omitempty"`

	// Err is the read error behind Error.
	Err error `json:"-"`
	// Report is the Report the reader gave (nil when unreadable).
	Report *report.Report `json:"-"`
	// Prev names last year's file the report was compared with (--prev),
	// omitted when none.
	Prev string `json:"prev,omitempty"`
}

// Options steer File.
type Options struct {
	// Convert is passed to the readers.
	Convert convert.Options
	// PrevFor returns last year's Report for a Report and the file it came
	// from, or nil; nil PrevFor means no comparison across years.
	PrevFor func(r *report.Report) (*report.Report, string)
}

// File reads one input once and runs every check that applies to it: the
// rules on its Report, the comparison with last year's report, and for
// workbooks the integrity of the workbook. It never fails: an unreadable
// input is a Task with Err set. Safe for concurrent use on different files.
func File(path string, opt Options) *Task {
	t := &Task{File: path, Errors: []Finding{}}
	data, err := readInput(path, opt.Convert)
	if err != nil {
		t.Err = err
		return t
	}
	// A workbook is read directly once, for the Report and for the
	// workbook checks; ReadBytes reads whatever the direct reading does
	// not.
	var fw *convert.FastWorkbook
	var r *report.Report
	ok := false
	if convert.Ext(path) == ".xlsx" {
		if fw, err = convert.OpenFast(data, opt.Convert); err == nil {
			r, ok, err = convert.ReadFast(filepath.Base(path), fw, opt.Convert)
		} else {
			fw, err = nil, nil
		}
	}
	if !ok {
		r, err = convert.ReadBytes(filepath.Base(path), convert.Ext(path), data, opt.Convert)
	}
	if err != nil {
		var ie *convert.InputError
		if errors.As(err, &ie) {
			ie.File = path
		}
		t.Err = err
		return t
	}
	t.Report = r
	t.Format, t.Year, t.Agency = r.Format, r.Year, r.Agency
	var fs []Finding
	if convert.Ext(path) == ".xlsx" {
		if fw != nil {
			fs = append(fs, WorkbookFast(fw, filepath.Base(path), r)...)
		} else {
			fs = append(fs, WorkbookWith(data, filepath.Base(path), r, opt.Convert)...)
		}
	}
	// Positions without a place of their own name the checked file, not
	// the original report a JSON or workbook was made from.
	rc := *r
	rc.Source.Name = filepath.Base(path)
	fs = append(fs, Report(&rc)...)
	if opt.PrevFor != nil {
		if prev, name := opt.PrevFor(r); prev != nil {
			t.Prev = name
			fs = append(fs, Across(&rc, prev)...)
		}
	}
	if fs != nil {
		t.Errors = fs
	}
	t.Valid = Count(fs).Errors == 0
	return t
}

func readInput(path string, opt convert.Options) ([]byte, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = convert.DefaultMaxSize
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &convert.InputError{File: path, Err: err}
	}
	if fi.IsDir() {
		return nil, &convert.InputError{File: path, Err: os.ErrInvalid}
	}
	if fi.Size() > max {
		return nil, &convert.InputError{File: path, Err: convert.ErrTooLarge}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &convert.InputError{File: path, Err: err}
	}
	return data, nil
}

// Pairing pairs reports with last year's report of the same agency.
type Pairing struct {
	mu    sync.Mutex
	byKey map[string]pairEntry
	used  map[string]bool
	// Files lists every prev file read, in order.
	Files []string
}

type pairEntry struct {
	r    *report.Report
	file string
	dup  bool
}

// NewPairing indexes the Reports of a --prev directory by normalised agency
// and year. A key held by two files pairs with neither (never guess).
func NewPairing(files []string, reports []*report.Report) *Pairing {
	p := &Pairing{byKey: map[string]pairEntry{}, used: map[string]bool{}, Files: files}
	for i, r := range reports {
		if r == nil {
			continue
		}
		k := pairKey(r.Agency, r.Year)
		if e, ok := p.byKey[k]; ok {
			e.dup = true
			p.byKey[k] = e
			continue
		}
		p.byKey[k] = pairEntry{r: r, file: files[i]}
	}
	return p
}

func pairKey(agency string, year int) string {
	return AgencyKey(agency) + "|" + strconv.Itoa(year)
}

// For returns last year's report of the same agency, or nil. Safe for
// concurrent use.
func (p *Pairing) For(r *report.Report) (*report.Report, string) {
	if AgencyKey(r.Agency) == "" || r.Year == 0 {
		return nil, ""
	}
	e, ok := p.byKey[pairKey(r.Agency, r.Year-1)]
	if !ok || e.dup {
		return nil, ""
	}
	p.mu.Lock()
	p.used[e.file] = true
	p.mu.Unlock()
	return e.r, e.file
}

// Unused lists the prev files that were no partner of any input.
func (p *Pairing) Unused() []string {
	var out []string
	for _, f := range p.Files {
		if !p.used[f] {
			out = append(out, f)
		}
	}
	return out
}
