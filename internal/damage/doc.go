// Package damage renders reports in every grid-like text layout, damages
// them the ways real tools do, and decides with an oracle of its own which
// cells the damaged layout still determines (issue 16, point 3).
//
// Nothing here calls the recognizer: the renderers, the damage operations
// and the oracle are independent of package convert, so that the property
// test in this package (every cell right, or missing with a note; never a
// wrong number) guards against fitting the recognizer to its own output.
//
// The pieces:
//
//   - Truth: a report's cells as ground truth (nil = blank in the source),
//     from ../shared/corpus/*.expected.json or synthesized from a seed.
//   - Build: a Truth as an abstract document (paragraphs and table rows with
//     the official labels of package schema, in the official order).
//   - Damage: named operations on that document (merged cells as empty
//     cells, wrapped labels, missing headers, page footers, ...).
//   - Render: the document in one text layout (pipe, tab, Markdown, one cell
//     per line, collapsed lines, glued crawler text, pdftotext -layout/-raw),
//     with, for every table row, the View the oracle reads.
//   - Oracle: every reading of each View the layout allows, filtered by the
//     tables' arithmetic (schema Instances); a cell is undecidable when two
//     surviving readings differ in it.
package damage
