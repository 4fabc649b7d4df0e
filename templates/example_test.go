package templates_test

import (
	"fmt"

	"github.com/xxgk/xxgk/templates"
)

func ExampleLayout() {
	b := templates.Layout("2019", nil)
	c := b.Cell("t3.result_total.natural")
	fmt.Println(c.Sheet, c.Ref, c.Name, c.Formula)
	fmt.Println(b.Table("t3").DataStart, len(b.Checks), b.CheckOKFormula())
	// Output:
	// 三、依申请公开 D29 t3_result_total_natural SUM(D10:D28)
	// D8 42 COUNTIF(F5:F46,"OK")=42
}
