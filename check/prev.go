package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// PrevOnly is what Across reads of last year's report: its format, year,
// agency and the cells the three rules compare (结转下年度, 现行有效件数,
// 上一年项目数量 and 本年增/减). A --prev directory is held whole while the
// inputs are checked: 10,000 whole reports peaked at 927 MB.
func PrevOnly(r *report.Report) *report.Report {
	if r == nil {
		return nil
	}
	out := &report.Report{Format: r.Format, Year: r.Year, Agency: r.Agency, Layout: r.Layout, Cells: map[string]float64{}}
	for id, v := range r.Cells {
		if strings.HasPrefix(id, "t3.carry_forward.") || strings.HasSuffix(id, ".in_force") ||
			strings.HasSuffix(id, ".items_prev") || strings.HasSuffix(id, ".items_change") {
			out.Cells[id] = v
		}
	}
	return out
}

// Across compares a report of year Y with last year's report of the same
// agency (prev): prev.carry for all seven columns, prev.in_force (2021
// after 2021) and prev.items (2019 after 2019). A missing operand on either
// side means the comparison is not made.
func Across(r, prev *report.Report) []Finding {
	var out []Finding
	f := r.Schema()
	for _, c := range f.T3Cols {
		cur, prv := "t3.carried_over."+c.ID, "t3.carry_forward."+c.ID
		got, ok1 := r.Cells[cur]
		want, ok2 := prev.Cells[prv]
		if !ok1 || !ok2 || got == want {
			continue
		}
		out = append(out, newFinding("prev.carry", []string{cur}, posOf(r, cur), want, got,
			fmt.Sprintf("表三二、上年结转·%s为%s，%d年报告的四、结转下年度继续办理·%s为%s",
				c.Label, num(got), prev.Year, c.Label, num(want))))
	}
	if r.Format == schema.F2021 && prev.Format == schema.F2021 {
		for _, row := range []string{"rules", "normative"} {
			cur := "t2." + row + ".in_force"
			got, ok1 := r.Cells[cur]
			before, ok2 := prev.Cells[cur]
			issued, ok3 := r.Cells["t2."+row+".issued"]
			repealed, ok4 := r.Cells["t2."+row+".repealed"]
			if !ok1 || !ok2 || !ok3 || !ok4 {
				continue
			}
			want := before + issued - repealed
			if got == want {
				continue
			}
			out = append(out, newFinding("prev.in_force", []string{cur, "t2." + row + ".issued", "t2." + row + ".repealed"}, posOf(r, cur), want, got,
				fmt.Sprintf("%s为%s，上年%s＋本年制发%s－本年废止%s＝%s", cellLabel(f, cur), num(got), num(before), num(issued), num(repealed), num(want))))
		}
	}
	if r.Format == schema.F2019 && prev.Format == schema.F2019 {
		for _, b := range f.T2 {
			hasItems := false
			for _, c := range b.Cols {
				if c.ID == "items_prev" {
					hasItems = true
				}
			}
			if !hasItems {
				continue
			}
			for _, row := range b.Rows {
				cur := "t2." + row.ID + ".items_prev"
				got, ok1 := r.Cells[cur]
				before, ok2 := prev.Cells[cur]
				change, ok3 := prev.Cells["t2."+row.ID+".items_change"]
				if !ok1 || !ok2 || !ok3 {
					continue
				}
				want := before + change
				if got == want {
					continue
				}
				out = append(out, newFinding("prev.items", []string{cur}, posOf(r, cur), want, got,
					fmt.Sprintf("%s为%s，%d年报告的上一年项目数量%s加本年增/减%s为%s", cellLabel(f, cur), num(got), prev.Year, num(before), num(change), num(want))))
			}
		}
	}
	return out
}

var parenRe = regexp.MustCompile(`[（(][^（）()]*[）)]`)

// AgencyKey normalises an agency name for pairing reports across years:
// parenthesised parts dropped, 党工委/管委会 variants folded, whitespace and
// width differences removed.
func AgencyKey(name string) string {
	s := schema.Normalize(name)
	for {
		t := parenRe.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	for _, v := range []string{"党工委管委会", "党工委、管委会", "党工委和管委会", "党工委管理委员会", "党工委", "管理委员会", "管委会"} {
		if strings.HasSuffix(s, v) && len(s) > len(v) {
			s = strings.TrimSuffix(s, v)
			break
		}
	}
	return s
}
