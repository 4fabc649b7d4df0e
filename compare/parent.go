package compare

import (
	"fmt"
	"math"

	"github.com/xxgk/xxgk/check"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// RuleParent is the rule of Parent's findings.
const RuleParent = "merge.parent"

// Parent compares a parent's published tables with the sum of its units
// (merged, from Merge): one merge.parent finding per cell where both hold a
// number and they differ. A cell missing on either side is not compared: a
// sum with a hole in it proves nothing. Findings are check's own type, so
// they print and serialise like `xxgk check`'s. The parent must be of the merged
// format and year (Merge's rule; ErrMixed otherwise).
func Parent(parent, merged *report.Report) ([]check.Finding, error) {
	if parent.Format != merged.Format || parent.Year != merged.Year {
		return nil, fmt.Errorf("%w: the parent is format %s year %d, the units format %s year %d",
			ErrMixed, parent.Format, parent.Year, merged.Format, merged.Year)
	}
	rule, _ := schema.RuleByID(RuleParent)
	var out []check.Finding
	for _, c := range merged.Schema().Cells(merged.Layout) {
		sum, ok := merged.Cells[c.ID]
		if !ok {
			continue
		}
		got, ok := Value(parent, c.ID, merged.Layout)
		if !ok || math.Abs(got-sum) < 1e-6 {
			continue
		}
		pos := parent.Pos[c.ID]
		if pos == "" {
			pos = parent.Source.Name
		}
		out = append(out, check.Finding{Rule: RuleParent, Severity: rule.Severity, Cells: []string{c.ID}, Pos: pos,
			Want: sum, Got: got, Message: fmt.Sprintf("%s：各单位之和为%s，上级报告为%s", c.Label(), num(sum), num(got))})
	}
	return out, nil
}
