package compare

import (
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// CellDiff is one compared cell.
type CellDiff struct {
	ID    string // the cell id (for a cross-format row, the 2019 id)
	Label string // official labels: 表三（一）予以公开·自然人
	// Old and New hold the values; OldOK/NewOK say whether there is one.
	// OldText/NewText show a side without a value: the marker as printed
	// ("—"), （空白） for a blank, （无此格） when the report has no such cell.
	Old, New         float64
	OldOK, NewOK     bool
	OldText, NewText string
	// Change is New−Old and Pct the change in percent of Old; Pct is
	// meaningful only when HasPct (both present and Old ≠ 0).
	Change float64
	Pct    float64
	HasPct bool
	// Note says how the row was lined up (e.g. （六）其他处理 summed from the
	// three 2021 rows).
	Note string
}

// Changed reports whether both values exist and differ, or one side is
// missing and the other not.
func (d CellDiff) Changed() bool {
	if d.OldOK && d.NewOK {
		return d.Change != 0
	}
	return d.OldOK != d.NewOK
}

// SectionDiff compares one section's text.
type SectionDiff struct {
	ID                 string
	OldHeading         string
	NewHeading         string
	Similarity         float64 // 0–1: Dice coefficient of character bigrams
	Removed, Added     []string
	Unchanged          int // paragraphs in both
	OldCount, NewCount int
}

// Diff is the comparison of two Reports.
type Diff struct {
	Old, New *report.Report
	Cells    []CellDiff
	Sections []SectionDiff
	// NotComparable lists, in Chinese, what could not be compared and why.
	NotComparable []string
}

// Compare lines up two Reports cell by cell and section by section. Reports
// of the same format compare every cell (a 2021 report printing （六）其他处理
// as one row compares that row with the sum of the other's three). Across
// the 2019 and 2021 formats only comparable rows are compared: 表三 row by
// row with 2019 （六）其他处理 against the sum of 2021's three rows, 表四 in
// full, and 表二 only 第二十条第（六）项 处理决定数量; 表二 （一）（五）（八） and
// 2019's （九） are listed as not comparable.
func Compare(old, new *report.Report) *Diff {
	d := &Diff{Old: old, New: new}
	fo, fn := old.Schema(), new.Schema()
	cross := fo.Key != fn.Key
	single := schema.SingleRowOther(old.Layout) || schema.SingleRowOther(new.Layout) || cross
	// layout under which t3.other.<col> is read: the single-row view when
	// either side needs it.
	var view []string
	if single {
		view = []string{schema.LayoutOtherSingleRow}
	}
	label := func(id string) string {
		for _, f := range []*schema.Format{fn, fo} {
			if c := f.Cell(id); c != nil {
				return c.Label()
			}
		}
		return id
	}
	add := func(id, note string) {
		c := CellDiff{ID: id, Label: label(id), Note: note}
		c.Old, c.OldOK = Value(old, id, view)
		c.New, c.NewOK = Value(new, id, view)
		if !c.OldOK {
			c.OldText = missingText(old, id)
		}
		if !c.NewOK {
			c.NewText = missingText(new, id)
		}
		if c.OldOK && c.NewOK {
			c.Change = round(c.New - c.Old)
			if c.Old != 0 {
				c.Pct, c.HasPct = c.Change/c.Old*100, true
			}
		}
		d.Cells = append(d.Cells, c)
	}
	// 表二
	if !cross {
		for _, c := range fn.Cells(nil) {
			if c.Table == "t2" {
				add(c.ID, "")
			}
		}
	} else {
		for _, id := range []string{"t2.penalty.decisions", "t2.coercion.decisions"} {
			add(id, "")
		}
		d.NotComparable = append(d.NotComparable,
			"表二第二十条第（一）（五）（八）项：2019 与 2021 格式的栏目不同，按 formats.md 不作比较",
			"表二第二十条第（六）项：2019 格式的上一年项目数量、本年增/减在 2021 格式中没有对应栏目，只比较处理决定数量")
		if fo.Key == schema.F2019 || fn.Key == schema.F2019 {
			d.NotComparable = append(d.NotComparable, "表二第二十条第（九）项（政府集中采购）：2021 格式没有这一项")
		}
	}
	// 表三: in the single-row view （六）其他处理 is one row (a canonical 2021
	// side contributes the sum of its three rows); otherwise every row.
	summed := single && (fo.Key == schema.F2021 && !schema.SingleRowOther(old.Layout) ||
		fn.Key == schema.F2021 && !schema.SingleRowOther(new.Layout))
	for _, r := range fn.T3DataRows(view) {
		note := ""
		if r.ID == "other" && summed {
			note = "2021 格式（六）其他处理三行之和"
		}
		for _, c := range fn.T3Cols {
			add("t3."+r.ID+"."+c.ID, note)
		}
	}
	if summed {
		what := "（六）其他处理的三行（逾期不补正、逾期未缴费、其他）"
		if cross {
			d.NotComparable = append(d.NotComparable, "表三"+what+"：2019 格式只有一行，按三行之和与之比较")
		} else {
			d.NotComparable = append(d.NotComparable, "表三"+what+"：一方按一行列出，按三行之和比较")
		}
	}
	// 表四
	for _, c := range fn.Cells(nil) {
		if c.Table == "t4" {
			add(c.ID, "")
		}
	}
	d.Sections = compareSections(old, new)
	return d
}

func sectionText(s *report.Section) []string {
	if s == nil {
		return nil
	}
	return s.Paragraphs
}

func compareSections(old, new *report.Report) []SectionDiff {
	var out []SectionDiff
	for _, id := range []string{"s0", "s1", "s2", "s3", "s4", "s5", "s6"} {
		so, sn := old.Section(id), new.Section(id)
		if so == nil && sn == nil {
			continue
		}
		po, pn := sectionText(so), sectionText(sn)
		sd := SectionDiff{ID: id, OldCount: len(po), NewCount: len(pn)}
		if so != nil {
			sd.OldHeading = so.Heading
		}
		if sn != nil {
			sd.NewHeading = sn.Heading
		}
		sd.Similarity = similarity(strings.Join(po, "\n"), strings.Join(pn, "\n"))
		sd.Removed, sd.Added, sd.Unchanged = paragraphDiff(po, pn)
		out = append(out, sd)
	}
	return out
}

// similarity is the Dice coefficient of the two texts' character bigrams
// (multiset): 1 for equal texts, 0 for nothing in common. Linear in the
// length, robust to paragraphs moved around.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	ba, bb := bigrams(a), bigrams(b)
	na, nb := 0, 0
	for _, n := range ba {
		na += n
	}
	for _, n := range bb {
		nb += n
	}
	if na+nb == 0 {
		return 0
	}
	common := 0
	for k, n := range ba {
		if m := bb[k]; m > 0 {
			common += min(n, m)
		}
	}
	return 2 * float64(common) / float64(na+nb)
}

func bigrams(s string) map[[2]rune]int {
	m := map[[2]rune]int{}
	var prev rune = -1
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\u3000' {
			continue
		}
		if prev >= 0 {
			m[[2]rune{prev, r}]++
		}
		prev = r
	}
	return m
}

// paragraphDiff returns the paragraphs only in a (removed) and only in b
// (added), in order, by a longest common subsequence over whole paragraphs.
func paragraphDiff(a, b []string) (removed, added []string, same int) {
	n, m := len(a), len(b)
	// lcs[i][j]: LCS length of a[i:], b[j:]. Reports have tens of
	// paragraphs per section, so the table is small.
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			same++
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			removed = append(removed, a[i])
			i++
		default:
			added = append(added, b[j])
			j++
		}
	}
	removed = append(removed, a[i:]...)
	added = append(added, b[j:]...)
	return removed, added, same
}

func missingText(r *report.Report, id string) string {
	t, ok := r.Missing[id]
	switch {
	case !ok:
		return "（无此格）"
	case t == "":
		return "（空白）"
	}
	return t
}
