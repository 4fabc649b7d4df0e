// Package convert reads reports in every layout they come in and writes them
// in every form xxgk offers.
//
// The pipeline:
//
//	report.txt ─┐ readers           recognizer       ┌─> report.xlsx (canonical workbook)
//	report.md  ─┤                                    ├─> report.txt / .md / .html / .docx
//	report.html─┼─> Document ─────> Report ──────────┼─> report.json
//	report.xlsx─┘  (paragraphs +   (format, year,    └─> findings (package check)
//	               cell grids)      cells, notes)
//
// Bytes are decoded once (Decode: UTF-8 with or without BOM, UTF-16 with BOM,
// GB18030) before any reader sees them. A reader turns its input into a
// Document: ordered blocks, each a paragraph or a grid of cells, each with
// its position. The recognizer (Recognize) finds the headings and the three
// tables by their labels and maps every value to a cell id of package schema.
// A line of pipe text such as
//
//	三、本年度办理结果 | (一)予以公开 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |
//
// becomes t3.granted.natural = 21 … t3.granted.total = 21.
//
// Workbook formulas are never taken from their cached values: Evaluator
// recomputes them from the cells, in the reader's SumOnly mode (SUM and +
// of references) or the checker's Arithmetic mode (package check,
// wb.cache_stale).
package convert
