// Package schema describes the two official report formats as data.
//
// The formats of 政府信息公开工作年度报告 (2019: 国办公开办函〔2019〕60号; 2021:
// 国办公开办函〔2021〕30号) are declared here once: the six sections and their
// heading variants, the three statistical tables with every row and column
// label and the variants seen in real reports, the stable cell ids
// (t3.granted.natural), the kind of every value, and every rule with its id and
// severity. Readers, writers, the workbook layout and the checks all derive
// from these declarations; nothing else in xxgk spells a label or a rule.
//
// Cell ids are <table>.<row>.<column>; a row id may itself contain a dot
// (t3.denied.state_secret.natural). A 2019 report has 198 cells, a 2021 report
// 200.
package schema
