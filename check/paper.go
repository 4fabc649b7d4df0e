package check

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// PaperHeader is the header row of the working paper: one row per finding
// of a batch.
var PaperHeader = []string{"文件", "单位", "年份", "规则", "严重程度", "单元格", "位置", "应为", "实为", "说明"}

// PaperRows returns the working paper's rows: one per finding, and one per
// unreadable file (rule "unreadable", its Error as the message).
func PaperRows(tasks []*Task) [][]string {
	var rows [][]string
	for _, t := range tasks {
		if t.Err != nil {
			rows = append(rows, []string{t.File, "", "", "unreadable", "error", "", "", "", "", t.Error})
			continue
		}
		for _, f := range t.Errors {
			rows = append(rows, []string{t.File, t.Agency, fmt.Sprint(t.Year), f.Rule, string(f.Severity),
				strings.Join(f.Cells, " "), f.Pos, valueText(f.Want), valueText(f.Got), f.Message})
		}
	}
	return rows
}

func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return report.FormatNumber(x)
	case int:
		return fmt.Sprint(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// PaperCSV returns the working paper as CSV, UTF-8 with a byte order mark
// so that spreadsheets open it right.
func PaperCSV(tasks []*Task) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Write(PaperHeader)
	w.WriteAll(PaperRows(tasks))
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
