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

// Running:
//
//	go test ./internal/damage                          # short run: 2 documents per class
//	go test ./internal/damage -run TestDamage -damage.full -v    # ≥ 10,000 documents
//	go test ./internal/damage -run TestDamageDecidable -damage.strict [-damage.full]
//	go test ./internal/damage -run 'TestDamage$' -damage.doc N -v  # document N alone, printed
//	go test ./internal/damage -run TestDump -damage.dump DIR     # one document per class, to read
//
// TestDamage fails on wrong values only (a number that is not the truth, or
// a number where the truth is blank) and prints the document; right and
// missing shares are logged per class. TestDamageDecidable asserts the issue's
// target: ≥ 99 % of the cells the oracle decides are right, in every class.
//
// What the oracle assumes (each layout's reading model):
//
//   - Labels are known text: a row's values are what lies between its label
//     and the next label, whatever the label's wording or line breaks.
//   - Positional layouts (pipe, tab, Markdown, pdftotext -layout): every cell
//     is printed, a blank as an empty cell (or spaces at its column); empty
//     cells left by merged cells may precede or follow the values, so a row
//     with e extra cells has a reading per split of e into leading and
//     trailing empties. Column x-positions are not used: this is
//     conservative (some cells it calls undecidable are decidable by x).
//   - One cell per line and -raw: a blank cell leaves no token; any slot may
//     be the blank one.
//   - Collapsed lines: every cell prints a line ("—" for a blank), then
//     consecutive identical lines are dropped: each token stands for a run.
//   - Glued crawler text: a blank cell prints one space; a space reads as a
//     blank cell or as a stray separator (INDEX.md: "230 000023"), a mark
//     ("—", "/") as one cell, a number as any prefix that reads as one (no
//     leading zeros).
//   - Readings must satisfy t3.row_total, t3.result_total, t3.balance and
//     t4.group_total wherever all operands are numbers; when no reading of a
//     row does (a published error), the layout alone decides the row.
//   - Bounds: RowCap readings per row, JointCap combinations of ambiguous
//     表三 rows; past them the row (or the joint step) is left undecided.
//   - A cell the surviving readings agree on counts as decidable only when
//     that value is the truth (a published error can make a wrong reading
//     consistent: such a trap cell is undecidable, and reading it is wrong).
