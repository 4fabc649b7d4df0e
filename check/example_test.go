package check_test

import (
	"fmt"

	"github.com/xxgk/xxgk/check"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// A report whose （七）总计 for 自然人 was printed as 20 while its result
// rows add up to 26 (as in a real 2020 report).
func ExampleReport() {
	r := report.New()
	r.Format, r.Year = "2019", 2020
	f := schema.Get("2019")
	for _, c := range f.Cells(nil) {
		r.Cells[c.ID] = 0
	}
	r.Cells["t3.granted.natural"], r.Cells["t3.granted.total"] = 26, 26
	r.Cells["t3.new_received.natural"], r.Cells["t3.new_received.total"] = 20, 20
	r.Cells["t3.result_total.natural"], r.Cells["t3.result_total.total"] = 20, 20
	r.Pos["t3.result_total.natural"] = "07.xlsx:三、依申请公开!D29"
	r.Pos["t3.result_total.total"] = "07.xlsx:三、依申请公开!J29"
	for _, fd := range check.Report(r) {
		if fd.Severity == schema.Error {
			fmt.Println(fd.Rule, fd.Pos, fd.Message)
		}
	}
	// Output:
	// t3.result_total 07.xlsx:三、依申请公开!D29 表三（七）总计·自然人：各项之和为26，表中为20
	// t3.result_total 07.xlsx:三、依申请公开!J29 表三（七）总计·总计：各项之和为26，表中为20
}
