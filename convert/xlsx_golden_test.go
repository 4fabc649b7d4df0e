package convert

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// dumpWorkbook prints a workbook as text: per sheet its merges, then every
// non-empty cell as ref = value | =formula | locked/input.
func dumpWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		merges, err := f.GetMergeCells(sheet)
		require.NoError(t, err)
		var ms []string
		for _, m := range merges {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		sort.Strings(ms)
		fmt.Fprintf(&b, "merges %s\n", strings.Join(ms, " "))
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		for i, row := range rows {
			for j, v := range row {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				fo, _ := f.GetCellFormula(sheet, ref)
				if v == "" && fo == "" {
					continue
				}
				line := ref + " = " + v
				if fo != "" {
					line += " | =" + fo
				}
				if sid, err := f.GetCellStyle(sheet, ref); err == nil {
					if st, err := f.GetStyle(sid); err == nil && st.Protection != nil && !st.Protection.Locked {
						line += " | input"
					}
				}
				b.WriteString(line + "\n")
			}
		}
	}
	return b.String()
}

// TestWorkbookGolden pins the canonical layout (a contract): run with
// -update after a deliberate change and review the diff.
func TestWorkbookGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		tmpl   bool
	}{{"workbook-2019", schema.F2019, false}, {"template-2021", schema.F2021, true}} {
		t.Run(tc.name, func(t *testing.T) {
			r := edgeReport(tc.format, nil)
			if tc.tmpl {
				var err error
				r, _, err = TemplateReport(TemplateOptions{Format: tc.format, Year: 2024, Agency: "示例县测试局"})
				require.NoError(t, err)
			}
			r.Sections = r.Sections[:2] // keep the golden short: no 36,000-character paragraph
			var notes []report.Note
			for _, n := range r.Notes {
				if n.Kind != report.NoteChromeDropped {
					notes = append(notes, n)
				}
			}
			r.Notes = notes
			got := dumpWorkbook(t, writeWB(t, r, WorkbookOptions{Template: tc.tmpl}))
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
		})
	}
}
