package check

import (
	"fmt"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Finding is one rule failing at one place.
type Finding struct {
	Rule     string          `json:"rule"`
	Severity schema.Severity `json:"severity"`
	// Cells names the ids involved, the total (or the checked cell) first.
	Cells []string `json:"cells"`
	// Pos is the position in the source, prefixed by the file name.
	Pos string `json:"pos"`
	// Want and Got are numbers (or the printed text of a missing cell);
	// nil when the rule has none.
	Want    any    `json:"want"`
	Got     any    `json:"got"`
	Message string `json:"message"`
}

// Key identifies a finding for baselines: rule, cells and position.
func (f Finding) Key() string {
	return f.Rule + "|" + strings.Join(f.Cells, ",") + "|" + f.Pos
}

// newFinding makes a finding of a rule with the rule's own severity.
func newFinding(rule string, cells []string, pos string, want, got any, msg string) Finding {
	r, ok := schema.RuleByID(rule)
	if !ok {
		panic("check: unknown rule " + rule)
	}
	if cells == nil {
		cells = []string{}
	}
	return Finding{Rule: rule, Severity: r.Severity, Cells: cells, Pos: pos, Want: want, Got: got, Message: msg}
}

// Counts tallies findings by severity.
type Counts struct {
	Errors, Warnings, Notices int
}

// Count tallies findings by severity.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case schema.Error:
			c.Errors++
		case schema.Warning:
			c.Warnings++
		default:
			c.Notices++
		}
	}
	return c
}

// SeverityRank orders severities: error 3, warning 2, notice 1, unknown 0.
func SeverityRank(s schema.Severity) int {
	switch s {
	case schema.Error:
		return 3
	case schema.Warning:
		return 2
	case schema.Notice:
		return 1
	}
	return 0
}

// num renders a value for messages.
func num(v float64) string { return report.FormatNumber(v) }

// cellLabel is a cell's official labels for messages ("表三（七）总计·自然人").
func cellLabel(f *schema.Format, id string) string {
	if c := f.Cell(id); c != nil {
		return c.Label()
	}
	return id
}

// posOf gives the position of a cell, or of the table when the cell has
// none recorded.
func posOf(r *report.Report, id string) string {
	if p := r.Pos[id]; p != "" {
		return p
	}
	return r.Source.Name
}

func quote(s string) string {
	if s == "" {
		return "空白"
	}
	return fmt.Sprintf("“%s”", s)
}
