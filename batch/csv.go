package batch

import (
	"encoding/csv"
	"io"
	"strconv"
	"sync"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// allIDs is schema.AllIDs, computed once: it builds a fresh slice and map
// per call, which dominated the cost of a row.
var allIDs = sync.OnceValue(schema.AllIDs)

// CSVHeader returns the columns of the flat table: file, agency, year,
// format, then one column per cell id of schema.AllIDs() (both formats, every
// layout), in that order.
func CSVHeader() []string {
	ids := allIDs()
	h := make([]string, 0, 4+len(ids))
	h = append(h, "file", "agency", "year", "format")
	return append(h, ids...)
}

// CSVRow returns a report's row of the flat table. A cell is blank where the
// report's format lacks it or the report has it missing: never 0. Numbers
// print in their shortest exact form (7004.69, -8).
func CSVRow(file string, r *report.Report) []string {
	ids := allIDs()
	row := make([]string, 0, 4+len(ids))
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	row = append(row, safeText(file), safeText(r.Agency), year, r.Format)
	for _, id := range ids {
		v, ok := r.Cells[id]
		if !ok {
			row = append(row, "")
			continue
		}
		row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
	}
	return row
}

// safeText defuses CSV injection: a spreadsheet runs a text field starting
// with = + - @ (or a tab or carriage return, which some strip first) as a
// formula, so such a field is prefixed with an apostrophe, which spreadsheets
// show as text. Numbers never pass through here, so -8 stays a number.
func safeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// CSVWriter writes the flat table: UTF-8 with a byte order mark (so that
// spreadsheets do not read it as the local code page), RFC 4180 quoting and
// CRLF line ends, the header first. The zero value is not usable: call
// NewCSVWriter.
type CSVWriter struct {
	w      io.Writer
	cw     *csv.Writer
	header bool
}

// NewCSVWriter returns a writer of the flat table to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &CSVWriter{w: w, cw: cw}
}

func (c *CSVWriter) start() error {
	if c.header {
		return nil
	}
	c.header = true
	if _, err := io.WriteString(c.w, "\uFEFF"); err != nil {
		return err
	}
	return c.cw.Write(CSVHeader())
}

// WriteRow writes a row made by CSVRow (the header and BOM first, once).
func (c *CSVWriter) WriteRow(row []string) error {
	if err := c.start(); err != nil {
		return err
	}
	return c.cw.Write(row)
}

// Write writes a report's row.
func (c *CSVWriter) Write(file string, r *report.Report) error {
	return c.WriteRow(CSVRow(file, r))
}

// Flush writes the header even when no row was written, flushes, and
// returns any error met.
func (c *CSVWriter) Flush() error {
	if err := c.start(); err != nil {
		return err
	}
	c.cw.Flush()
	return c.cw.Error()
}
