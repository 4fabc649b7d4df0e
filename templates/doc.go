// Package templates describes the canonical workbook layout as data.
//
// Everything xxgk writes into, reads from, or checks in a canonical workbook
// is placed here once, derived from package schema: the sheet names and their
// order, the fixed cell of every value (its reference, "J12", and its
// workbook-scope defined name, "t3_granted_natural"), the canonical formula of
// every total, every label cell with its canonical text and position, the
// merges of the official tables, the 校验 rows with their live formulas, the
// 填报说明 text and the version stamp.
//
//	b := templates.Layout("2019", nil)
//	c := b.Cell("t3.result_total.natural")
//	// c.Sheet == "三、依申请公开", c.Ref == "D29", c.Name == "t3_result_total_natural",
//	// c.Formula == "SUM(D10:D28)"
//
// Layout of the table sheets (both formats): row 1 is the title (the
// section's canonical heading), rows 2–4 carry the agency, the report year and
// the unit, and the official table starts on row 5. Data start at fixed cells:
//
//	二、主动公开    B7   (表二: label column A, value columns B–D; blocks of title row, header row, item rows)
//	三、依申请公开  D8   (表三: label columns A–C, header rows 5–7, value columns D–J, 总计 in J)
//	四、复议诉讼    A8   (表四: header rows 5–7, one data row of 15 values A8:O8)
//
// Canonical formulas (written without the leading "="): a 表三 总计 cell sums
// its row, SUM(D8:I8); a （七）总计 cell sums its column's result rows,
// SUM(D10:D28) (2019); the （七）总计 × 总计 corner sums its row like every other
// 总计 cell; a 表四 总计 sums its group, SUM(A8:D8), SUM(F8:I8), SUM(K8:N8).
//
// What the report printed wins: a total cell holds its formula when the
// report printed a number equal to the sum of its parts (all present), and
// always in a template; otherwise it holds what was printed (a number, a
// marker text, or nothing), with a comment giving the sum of the parts and,
// when the parts are complete and disagree, a red fill. [FormulaWanted]
// decides it for the writer and for checks.
//
// The 校验 sheet lists one row per rule instance (schema.Format.Instances)
// from row [CheckFirstRow]: A rule id, B the official labels, C left side,
// D right side, E difference, F status (OK / 不平 / 缺数); B2 holds check_ok.
// Operands are addressed by defined names; a blank or text operand, or a
// blank or text input cell behind an operand that is a total (Check.Counted),
// makes the status 缺数 (COUNT), never 0: an empty template is 缺数 throughout.
//
// The version stamp [TemplateVersion] is written in 信息 and as the custom
// document property [VersionProperty]; a workbook without it is not an xxgk
// workbook and is read by its labels.
package templates
