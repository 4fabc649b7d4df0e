package convert_test

import (
	"fmt"

	"github.com/xxgk/xxgk/convert"
)

// A grid row from any reader: a group label sharing the row with the item
// label, seven values in the official column order, a blank cell left by a
// merge.
func ExampleRecognize() {
	doc := &convert.Document{Name: "report.txt", Blocks: []convert.Block{
		{Kind: convert.Para, Text: "某某县2020年政府信息公开工作年度报告", Pos: "report.txt:1"},
		{Kind: convert.Para, Text: "三、收到和处理政府信息公开申请情况", Pos: "report.txt:2"},
		{Kind: convert.Grid, Pos: "report.txt:3", Rows: [][]convert.Cell{{
			{Text: "三、本年度办理结果"}, {Text: "（一）予以公开"},
			{Text: "21"}, {Text: "0"}, {Text: "0"}, {Text: "0"}, {Text: "0"}, {Text: "—"}, {Text: "21"}, {Text: ""},
		}}},
	}}
	r, err := convert.Recognize(doc, convert.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Format, r.Year, r.Agency)
	fmt.Println(r.Cells["t3.granted.natural"], r.Cells["t3.granted.total"])
	fmt.Printf("%q\n", r.Missing["t3.granted.other_org"])
	// Output:
	// 2019 2020 某某县
	// 21 21
	// "—"
}
