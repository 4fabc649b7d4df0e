package check

import (
	"bytes"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
)

// SplitPos splits a workbook position "07.xlsx:三、依申请公开!J12" into sheet
// and cell; ok is false for a position that names no cell.
func SplitPos(pos string) (sheet, cell string, ok bool) {
	i := strings.LastIndex(pos, "!")
	if i < 0 {
		return "", "", false
	}
	sheet, cell = pos[:i], pos[i+1:]
	if j := strings.Index(sheet, ":"); j >= 0 && strings.HasSuffix(strings.ToLower(sheet[:j]), ".xlsx") {
		sheet = sheet[j+1:]
	}
	if _, _, err := excelize.CellNameToCoordinates(cell); err != nil {
		return "", "", false
	}
	return sheet, cell, sheet != ""
}

// Annotate returns a copy of the workbook at path with every cell a finding
// points at filled red and commented with the findings' messages. The file
// itself is not modified.
func Annotate(path string, fs []Finding) ([]byte, error) {
	return AnnotateWith(path, fs, convert.Options{})
}

// AnnotateWith is Annotate within opt's size cap (--max-size).
func AnnotateWith(path string, fs []Finding, opt convert.Options) ([]byte, error) {
	f, err := excelize.OpenFile(path, convert.WorkbookOpenOptions(opt))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type place = struct{ sheet, cell string }
	msgs := map[place][]string{}
	var order []place
	for _, fd := range fs {
		sheet, cell, ok := SplitPos(fd.Pos)
		if !ok {
			continue
		}
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			continue
		}
		p := place{sheet, cell}
		if _, seen := msgs[p]; !seen {
			order = append(order, p)
		}
		msgs[p] = append(msgs[p], fd.Rule+"（"+string(fd.Severity)+"）："+fd.Message)
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].sheet != order[j].sheet {
			return order[i].sheet < order[j].sheet
		}
		return order[i].cell < order[j].cell
	})
	red := map[int]int{}
	for _, p := range order {
		old, _ := f.GetCellStyle(p.sheet, p.cell)
		id, ok := red[old]
		if !ok {
			st, err := f.GetStyle(old)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FF9999"}}
			if id, err = f.NewStyle(st); err != nil {
				return nil, err
			}
			red[old] = id
		}
		if err := f.SetCellStyle(p.sheet, p.cell, p.cell, id); err != nil {
			return nil, err
		}
		_ = f.DeleteComment(p.sheet, p.cell)
		text := strings.Join(msgs[p], "\n")
		if err := f.AddComment(p.sheet, excelize.Comment{Cell: p.cell, Author: "xxgk check",
			Paragraph: []excelize.RichTextRun{{Text: text}}}); err != nil {
			return nil, err
		}
	}
	if !commentsAttached(f, order) {
		// excelize cannot extend a comments part another tool wrote under
		// an absolute path (openpyxl does): list the findings on a sheet of
		// their own so that the copy still says what the red cells mean.
		if err := findingsSheet(f, fs); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// AnnotationSheet names the sheet Annotate adds when comments cannot be
// attached.
const AnnotationSheet = "xxgk核查结果"

func commentsAttached(f *excelize.File, places []struct{ sheet, cell string }) bool {
	have := map[string]bool{}
	for _, p := range places {
		if _, done := have[p.sheet+"!"]; !done {
			have[p.sheet+"!"] = true
			cs, _ := f.GetComments(p.sheet)
			for _, c := range cs {
				have[p.sheet+"!"+c.Cell] = true
			}
		}
		if !have[p.sheet+"!"+p.cell] {
			return false
		}
	}
	return true
}

func findingsSheet(f *excelize.File, fs []Finding) error {
	if _, err := f.NewSheet(AnnotationSheet); err != nil {
		return err
	}
	rows := [][]any{{"位置", "规则", "严重程度", "说明"}}
	for _, fd := range fs {
		rows = append(rows, []any{fd.Pos, fd.Rule, string(fd.Severity), fd.Message})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(AnnotationSheet, cell, &r); err != nil {
			return err
		}
	}
	_ = f.SetColWidth(AnnotationSheet, "A", "A", 36)
	_ = f.SetColWidth(AnnotationSheet, "D", "D", 90)
	return nil
}
