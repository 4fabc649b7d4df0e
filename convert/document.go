package convert

// Document is the neutral form of any input: ordered blocks with positions.
type Document struct {
	Name   string // base name of the source file, for positions
	Blocks []Block
	// Notes made while reading (encoding, dropped chrome), with positions.
	Notes []DocNote
	// RepeatsDropped: the source drops a line equal to the line before it
	// (some crawlers), so a run of equal values may be printed once.
	RepeatsDropped bool
}

// DocNote is a note made by a reader before recognition.
type DocNote struct {
	Kind, Pos, Detail string
}

// BlockKind tells a paragraph from a grid.
type BlockKind int

const (
	Para BlockKind = iota
	Grid
)

// Block is a paragraph or a grid of cells.
type Block struct {
	Kind BlockKind
	Text string // Para: the paragraph text
	Pos  string // position of the block's start: "report.txt:57", "book.xlsx:Sheet1!A3"
	// Rows of a Grid. Spans are expanded: a merged cell appears in every grid
	// position it covers, with Cont set on all but its top-left position.
	Rows [][]Cell
	// Heading marks a paragraph the source marked up as a heading (Markdown
	// '#', HTML <h1>–<h6>, a Word heading style).
	Heading bool
	// Body marks a paragraph the source marks as body text whatever it
	// looks like (xxgk's own txt indents body paragraphs by two ideographic
	// spaces): never a heading, a title or a table label.
	Body bool
}

// Cell is one cell of a grid.
type Cell struct {
	Text    string
	Pos     string
	RowSpan int // ≥ 1 on the top-left position of a merge
	ColSpan int
	Cont    bool // a position covered by a merge started elsewhere
	// Note, when set, is an interpretation a reader made for this cell
	// (ambiguous_split, split_chosen, …): the recognizer attaches it to the
	// cell id the value maps to. A cell with a note of kind ambiguous_split is
	// missing whatever its Text.
	Note *CellNote
}

// CellNote is a reader's note about one grid cell.
type CellNote struct {
	Kind, Detail string
}
