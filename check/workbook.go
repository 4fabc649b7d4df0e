package check

import "github.com/xxgk/xxgk/report"

// Workbook checks the integrity of an xxgk workbook (wb.* rules).
func Workbook(data []byte, name string, r *report.Report) []Finding {
	return nil
}
