package convert

import "github.com/xxgk/xxgk/report"

// Recognize turns a Document into a Report: it finds the section headings
// and the three tables by their labels and maps every value to a cell id.
func Recognize(doc *Document, opt Options) (*report.Report, error) {
	return nil, ErrNotReport // replaced by the recognizer
}
