package compare_test

import (
	"fmt"

	"github.com/xxgk/xxgk/compare"
	"github.com/xxgk/xxgk/report"
)

func unit(agency string, granted float64, upheld string) compare.Unit {
	r := report.New()
	r.Format, r.Year, r.Agency = "2021", 2023, agency
	r.Cells["t3.granted.natural"] = granted
	if upheld == "" {
		r.Cells["t4.rev.upheld"] = 1
	} else {
		r.Missing["t4.rev.upheld"] = upheld
	}
	return compare.Unit{Name: agency, File: agency + ".txt", Report: r}
}

// A sum is a sum of numbers: a cell one unit left as "—" stays missing.
func ExampleMerge() {
	m, _ := compare.Merge([]compare.Unit{unit("甲局", 3, ""), unit("乙局", 4, "—")}, "某市")
	fmt.Println(m.Cells["t3.granted.natural"])
	_, ok := m.Cells["t4.rev.upheld"]
	fmt.Println(ok)
	for _, n := range m.Notes {
		if n.Cells[0] == "t4.rev.upheld" {
			fmt.Println(n.Detail)
		}
	}
	// Output:
	// 7
	// false
	// 表四行政复议·结果维持：1 个单位缺数，汇总不计：乙局（“—”）
}

func ExampleCompare() {
	old, new := unit("甲局", 3, ""), unit("甲局", 6, "")
	new.Report.Year = 2024
	for _, c := range compare.Compare(old.Report, new.Report).Cells {
		if c.Changed() {
			fmt.Println(c.ID, c.Show(false), c.Show(true), c.ChangeText(), c.PctText())
		}
	}
	// Output:
	// t3.granted.natural 3 6 +3 +100.0%
}
