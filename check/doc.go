// Package check evaluates the rules of formats.md on Reports and the
// integrity of workbooks.
//
// Every finding names its rule (ids, severities and titles come from
// schema.Rules, never re-spelled here), the cells involved with the total
// first, the position in the source ("07.xlsx:三、依申请公开!J12" or
// "report.txt:57"), what the rule wanted and what the report holds, and a
// message in Chinese with the official row and column labels:
//
//	t3.result_total error 07.xlsx:三、依申请公开!D29
//	表三（七）总计·自然人：各项之和为26，表中为20
//
// Report evaluates the rules that apply to any Report (arithmetic, values,
// tables and sections, narrative against tables); Across compares a Report
// with last year's; Workbook checks the integrity of an xxgk workbook
// against the canonical one. A rule with a missing operand is never
// evaluated: the missing cell is reported once, as `missing`.
//
// File reads an xxgk workbook once: convert.OpenFast unzips it and scans
// its parts, and the same FastWorkbook serves the reader (convert.ReadFast)
// and the workbook checks (WorkbookFast, through fastSource). Whatever the
// direct reading does not handle exactly as excelize would (shared
// formulas, escapes, prefixed XML, oversized parts) is read by excelize
// (xlsSource); both give the same findings (TestFastSourceAgreesWithExcelize).
package check
