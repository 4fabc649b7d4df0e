package convert

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Sheet is a plain table for sheets added beside the canonical ones (merge's
// per-unit tables, diff's comparison): rows of cells, each a string, a
// float64, an int or nil (blank). Header rows are bold and frozen.
type Sheet struct {
	Name    string // ≤ 31 characters
	Header  int    // number of header rows at the top
	Rows    [][]any
	Widths  []float64 // column widths; 0 or absent: default
	Comment string    // written in the cell after the last row, when not empty
}

// AppendSheets adds sheets after the existing ones of a workbook given as
// bytes (e.g. Render(r, ".xlsx", …)) and returns the new bytes. With nil data
// it makes a workbook of just these sheets. The result is deterministic.
func AppendSheets(data []byte, sheets []Sheet) ([]byte, error) {
	var f *excelize.File
	fresh := data == nil
	if fresh {
		f = excelize.NewFile()
	} else {
		var err error
		f, err = excelize.OpenReader(bytes.NewReader(data), WorkbookOpenOptions(Options{}))
		if err != nil {
			return nil, fmt.Errorf("open workbook: %w", err)
		}
	}
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Noto Sans CJK SC", Color: "000000"},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, s := range sheets {
		if fresh && i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		sw, err := f.NewStreamWriter(s.Name)
		if err != nil {
			return nil, err
		}
		for c, w := range s.Widths {
			if w > 0 {
				if err := sw.SetColWidth(c+1, c+1, w); err != nil {
					return nil, err
				}
			}
		}
		if s.Header > 0 {
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: s.Header, TopLeftCell: fmt.Sprintf("A%d", s.Header+1), ActivePane: "bottomLeft"}); err != nil {
				return nil, err
			}
		}
		rows := s.Rows
		if s.Comment != "" {
			rows = append(rows[:len(rows):len(rows)], []any{s.Comment})
		}
		for r, row := range rows {
			vals := make([]any, len(row))
			for c, v := range row {
				if r < s.Header {
					vals[c] = excelize.Cell{StyleID: bold, Value: v}
				} else {
					vals[c] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, vals); err != nil {
				return nil, err
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	if fresh && len(sheets) > 0 {
		f.SetActiveSheet(0)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
