package cli

import (
	"bytes"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/check"
)

// paperXLSX renders check's working paper as a workbook: one sheet, bold
// frozen header. The only excelize code of the CLI, until the workbook
// package writes plain tables.
func paperXLSX(tasks []*check.Task) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "核查结果"
	f.SetSheetName("Sheet1", sheet)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	head := make([]any, len(check.PaperHeader))
	for i, h := range check.PaperHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	sw.SetColWidth(1, 1, 24)
	sw.SetColWidth(6, 7, 36)
	sw.SetColWidth(10, 10, 80)
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for i, r := range check.PaperRows(tasks) {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
