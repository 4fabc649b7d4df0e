package check

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/internal/testenv"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// canonicalWorkbook lays a Report out as the canonical workbook of
// templates.Layout: labels, values, total formulas with correct cached
// values, defined names, the version stamp. It stands in for the wb writer
// in these tests, so that they exercise check against the layout contract
// itself.
func canonicalWorkbook(t *testing.T, r *report.Report) *excelize.File {
	t.Helper()
	b := templates.Layout(r.Format, r.Layout)
	require.NotNil(t, b)
	f := excelize.NewFile()
	for _, s := range templates.SheetNames {
		_, err := f.NewSheet(s)
		require.NoError(t, err)
	}
	require.NoError(t, f.DeleteSheet("Sheet1"))
	for _, l := range b.Labels {
		require.NoError(t, f.SetCellStr(l.Sheet, l.Ref, l.Text))
	}
	for _, c := range b.Cells {
		if v, ok := r.Cells[c.ID]; ok {
			require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, v))
		}
		if c.IsTotal() {
			require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, c.Formula))
		}
		require.NoError(t, f.SetDefinedName(&excelize.DefinedName{Name: c.Name, RefersTo: c.AbsRef()}))
	}
	require.NoError(t, f.SetDefinedName(&excelize.DefinedName{Name: templates.CheckOKName, RefersTo: b.CheckOK()}))
	require.NoError(t, f.SetCellFormula(templates.SheetCheck, templates.CheckOKRef, b.CheckOKFormula()))
	for _, c := range b.Checks {
		for i, fm := range []string{c.Left, c.Right, c.Diff, c.Status} {
			ref, _ := excelize.CoordinatesToCellName(3+i, c.Row)
			require.NoError(t, f.SetCellFormula(templates.SheetCheck, ref, fm))
		}
	}
	require.NoError(t, f.SetCellStr(templates.SheetInfo, "A1", "模板版本"))
	require.NoError(t, f.SetCellStr(templates.SheetInfo, "B1", templates.TemplateVersion))
	return f
}

func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

type tamper struct {
	name string
	// apply changes the workbook (and the Report, where the reader would
	// read the change) and returns the rule and the cell it must be found
	// at ("" pos: any position; cell "" : any cells).
	apply func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (rule, pos, cell string)
}

func refOf(b *templates.Book, id string) string { c := b.Cell(id); return c.Sheet + "!" + c.Ref }

var tampers = []tamper{
	{"constant typed over a total", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.granted.total")
		require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, r.Cells[c.ID]))
		require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, ""))
		return "wb.formula_replaced", refOf(b, c.ID), c.ID
	}},
	{"edited formula", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t4.rev.total")
		p := b.Cell("t4.rev.upheld")
		require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, "SUM("+p.Ref+":"+p.Ref+")"))
		return "wb.formula_changed", refOf(b, c.ID), c.ID
	}},
	{"stale cached value", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.result_total.natural")
		require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, r.Cells[c.ID]+7))
		require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, c.Formula))
		return "wb.cache_stale", refOf(b, c.ID), c.ID
	}},
	{"changed label", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		for _, l := range b.Labels {
			if l.Sheet == templates.SheetT3 && l.Row == "granted" {
				require.NoError(t, f.SetCellStr(l.Sheet, l.Ref, "（一）全部公开"))
				return "wb.label_changed", l.Sheet + "!" + l.Ref, ""
			}
		}
		t.Fatal("no granted label")
		return "", "", ""
	}},
	{"inserted row", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.partial.natural")
		require.NoError(t, f.InsertRows(c.Sheet, c.Row, 1))
		for _, l := range b.Labels {
			if l.Sheet == templates.SheetT3 && l.Row == "partial" {
				return "wb.layout_shifted", l.Sheet + "!" + l.Ref, ""
			}
		}
		return "wb.layout_shifted", "", ""
	}},
	{"deleted column", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t4.rev.corrected")
		col, _ := excelize.ColumnNumberToName(c.Col)
		require.NoError(t, f.RemoveCol(c.Sheet, col))
		for _, l := range b.Labels {
			if l.Sheet == c.Sheet && l.Kind == templates.LabelHeader && l.Text == "其他结果" {
				return "wb.layout_shifted", l.Sheet + "!" + l.Ref, ""
			}
		}
		return "wb.layout_shifted", "", ""
	}},
	{"deleted column in 表三", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.granted.research")
		col, _ := excelize.ColumnNumberToName(c.Col)
		require.NoError(t, f.RemoveCol(c.Sheet, col))
		return "wb.layout_shifted", "", ""
	}},
	{"inserted row in 表二", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t2.rules.issued")
		if c == nil {
			c = b.Cell("t2.rules.made_new")
		}
		require.NoError(t, f.InsertRows(c.Sheet, c.Row, 1))
		return "wb.layout_shifted", "", ""
	}},
	{"renamed sheet", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		require.NoError(t, f.SetSheetName(templates.SheetT4, "复议诉讼"))
		return "wb.sheet_missing", "", ""
	}},
	{"deleted 信息 sheet", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: templates.VersionProperty, Value: templates.TemplateVersion}); err != nil {
			t.Fatal(err)
		}
		require.NoError(t, f.DeleteSheet(templates.SheetInfo))
		return "wb.sheet_missing", "", ""
	}},
	{"moved defined name", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.unable.unclear.research")
		require.NoError(t, f.DeleteDefinedName(&excelize.DefinedName{Name: c.Name}))
		require.NoError(t, f.SetDefinedName(&excelize.DefinedName{Name: c.Name, RefersTo: b.Cell("t3.unable.unclear.natural").AbsRef()}))
		return "wb.name_missing", refOf(b, c.ID), c.ID
	}},
	{"moved check_ok", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		require.NoError(t, f.DeleteDefinedName(&excelize.DefinedName{Name: templates.CheckOKName}))
		require.NoError(t, f.SetDefinedName(&excelize.DefinedName{Name: templates.CheckOKName, RefersTo: "'" + templates.SheetCheck + "'!$C$2"}))
		return "wb.name_missing", templates.SheetCheck + "!" + templates.CheckOKRef, ""
	}},
	{"校验 status typed over", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		ref := fmt.Sprintf("%s%d", templates.CheckStatusCol, b.Checks[0].Row)
		require.NoError(t, f.SetCellFormula(templates.SheetCheck, ref, ""))
		require.NoError(t, f.SetCellStr(templates.SheetCheck, ref, templates.CheckStatusOK))
		return "wb.formula_changed", templates.SheetCheck + "!" + ref, ""
	}},
	{"hidden row", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.denied.third_party.natural")
		require.NoError(t, f.SetRowVisible(c.Sheet, c.Row, false))
		return "wb.hidden", fmt.Sprintf("%s!A%d", c.Sheet, c.Row), ""
	}},
	{"hidden row of 正文", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		require.NoError(t, f.SetCellStr(templates.SheetText, "C3", "本段被隐藏。"))
		require.NoError(t, f.SetRowVisible(templates.SheetText, 3, false))
		return "wb.hidden", templates.SheetText + "!A3", ""
	}},
	{"hidden sheet", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		require.NoError(t, f.SetSheetVisible(templates.SheetCheck, false))
		return "wb.hidden", templates.SheetCheck, ""
	}},
	{";;; number format", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.new_received.commercial")
		fm := ";;;"
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
		require.NoError(t, err)
		require.NoError(t, f.SetCellStyle(c.Sheet, c.Ref, c.Ref, st))
		return "wb.hidden", refOf(b, c.ID), c.ID
	}},
	{"hidden column", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.granted.research")
		col, _ := excelize.ColumnNumberToName(c.Col)
		require.NoError(t, f.SetColVisible(c.Sheet, col, false))
		return "wb.hidden", c.Sheet + "!" + col + "1", ""
	}},
	{"number format showing a constant", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t4.lit_direct.total")
		fm := `"0"`
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
		require.NoError(t, err)
		require.NoError(t, f.SetCellStyle(c.Sheet, c.Ref, c.Ref, st))
		return "wb.hidden", refOf(b, c.ID), c.ID
	}},
	{"a value that breaks 勾稽关系", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		c := b.Cell("t3.new_received.natural")
		r.Cells[c.ID] += 3
		r.Cells["t3.new_received.total"] += 3 // the formula recomputes; the reader reads it
		require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, r.Cells[c.ID]))
		return "t3.balance", "", c.ID
	}},
	{"wrong version stamp", func(t *testing.T, f *excelize.File, b *templates.Book, r *report.Report) (string, string, string) {
		require.NoError(t, f.SetCellStr(templates.SheetInfo, "B1", "xxgk-template/9"))
		return "wb.version_unknown", templates.SheetInfo + "!B1", ""
	}},
}

func workbookFindings(t *testing.T, data []byte, r *report.Report) []Finding {
	return append(Workbook(data, "t.xlsx", r), Report(r)...)
}

func TestTamperSuite(t *testing.T) {
	for _, v := range []struct {
		format string
		layout []string
	}{{"2019", nil}, {"2021", nil}, {"2021", []string{schema.LayoutOtherSingleRow}}} {
		name := v.format + "/" + schema.LayoutKeyString(v.layout)
		t.Run(name+"/untampered", func(t *testing.T) {
			r := balanced(v.format, v.layout...)
			fs := workbookFindings(t, bytesOf(t, canonicalWorkbook(t, r)), r)
			assert.Empty(t, fs)
		})
		for _, tp := range tampers {
			t.Run(name+"/"+tp.name, func(t *testing.T) {
				r := balanced(v.format, v.layout...)
				f := canonicalWorkbook(t, r)
				b := templates.Layout(v.format, v.layout)
				rule, pos, cell := tp.apply(t, f, b, r)
				fs := workbookFindings(t, bytesOf(t, f), r)
				found := false
				for _, fd := range fs {
					if fd.Rule != rule {
						continue
					}
					if pos != "" && fd.Pos != "t.xlsx:"+pos {
						continue
					}
					if cell != "" && !contains(fd.Cells, cell) {
						continue
					}
					found = true
				}
				assert.True(t, found, "want %s at %q %s; got %v", rule, pos, cell, brief(fs))
			})
		}
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Pos+"["+first(f.Cells)+"]")
	}
	if len(out) > 12 {
		out = append(out[:12], fmt.Sprintf("… %d more", len(out)-12))
	}
	return out
}

func TestPublishedTotalIsArithmeticNotTampering(t *testing.T) {
	r := balanced("2019")
	b := templates.Layout("2019", nil)
	f := canonicalWorkbook(t, r)
	c := b.Cell("t3.result_total.natural")
	// The report printed 20 where the parts sum to more: the writer keeps
	// the constant and lists it in 信息 as a published total.
	require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, ""))
	require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, 20))
	r.Cells[c.ID] = 20
	r.AddNote(report.NotePublishedTotal, "t.xlsx:"+c.Pos(), "各项之和与表中不符", c.ID)
	fs := workbookFindings(t, bytesOf(t, f), r)
	assert.NotContains(t, rules(fs), "wb.formula_replaced@"+c.ID)
	assert.Contains(t, rules(fs), "t3.result_total@"+c.ID)
}

func TestForeignWorkbook(t *testing.T) {
	r := balanced("2021")
	f := canonicalWorkbook(t, r)
	require.NoError(t, f.SetCellStr(templates.SheetInfo, "B1", ""))
	require.NoError(t, f.SetSheetName(templates.SheetT4, "Sheet3"))
	fs := Workbook(bytesOf(t, f), "t.xlsx", r)
	require.Len(t, fs, 1)
	assert.Equal(t, "wb.version_unknown", fs[0].Rule)
	assert.Equal(t, schema.Notice, fs[0].Severity)

	require.NoError(t, f.SetCellStr(templates.SheetInfo, "B1", "xxgk-template/2"))
	fs = Workbook(bytesOf(t, f), "t.xlsx", r)
	require.Len(t, fs, 1)
	assert.Equal(t, schema.Warning, fs[0].Severity, "an unknown xxgk version is a warning")
}

func TestHidesValue(t *testing.T) {
	for format, want := range map[string]bool{
		";;;":             true,
		`"5"`:             true,
		`\5`:              true,
		"0;-0;;@":         true, // zero shows nothing
		"0":               false,
		"#,##0":           false,
		"0.00;[Red]-0.00": false,
		`0"件"`:            false,
		"General":         false,
		"[>=0]0;0":        false,
	} {
		assert.Equal(t, want, hidesValue(format), format)
	}
}

// TestTamperSuiteRealWriter applies every tamper to workbooks written by
// xxgk's own xlsx writer and read back by its reader (convert), as `xxgk
// check` does.
func TestTamperSuiteRealWriter(t *testing.T) {
	for _, v := range []struct {
		format string
		layout []string
	}{{"2019", nil}, {"2021", nil}, {"2021", []string{schema.LayoutOtherSingleRow}}} {
		name := v.format + "/" + schema.LayoutKeyString(v.layout)
		written := func(t *testing.T) (*excelize.File, *report.Report) {
			r := balanced(v.format, v.layout...)
			data, err := convert.Render(r, ".xlsx", convert.Options{})
			require.NoError(t, err)
			f, err := excelize.OpenReader(bytes.NewReader(data))
			require.NoError(t, err)
			return f, r
		}
		read := func(t *testing.T, data []byte) *report.Report {
			r, err := convert.ReadBytes("t.xlsx", ".xlsx", data, convert.Options{})
			require.NoError(t, err)
			return r
		}
		t.Run(name+"/untampered", func(t *testing.T) {
			f, _ := written(t)
			data := bytesOf(t, f)
			r := read(t, data)
			fs := append(Workbook(data, "t.xlsx", r), Report(r)...)
			assert.Zero(t, Count(fs).Errors, "%v", brief(fs))
			assert.Empty(t, brief(fs))
		})
		for _, tp := range tampers {
			t.Run(name+"/"+tp.name, func(t *testing.T) {
				f, r := written(t)
				b := templates.Layout(v.format, v.layout)
				rule, pos, cell := tp.apply(t, f, b, r)
				data := bytesOf(t, f)
				rr := read(t, data)
				fs := append(Workbook(data, "t.xlsx", rr), Report(rr)...)
				found := false
				for _, fd := range fs {
					if fd.Rule == rule && (pos == "" || fd.Pos == "t.xlsx:"+pos) && (cell == "" || contains(fd.Cells, cell)) {
						found = true
					}
				}
				assert.True(t, found, "want %s at %q %s; got %v", rule, pos, cell, brief(fs))
			})
		}
	}
}

// TestWriterConstantsAreNotTampering: xxgk's writer keeps what the report
// printed in a total (a disagreeing number, a number over incomplete parts,
// a blank or a marker); none of it is wb.formula_replaced.
func TestWriterConstantsAreNotTampering(t *testing.T) {
	r := balanced("2021")
	r.Cells["t3.granted.total"]++         // disagrees with its parts
	delete(r.Cells, "t3.partial.natural") // parts incomplete, total printed
	r.Missing["t3.partial.natural"] = "—"
	delete(r.Cells, "t4.rev.total") // a blank total
	r.Missing["t4.rev.total"] = ""
	delete(r.Cells, "t4.lit_direct.total") // a marker in a total
	r.Missing["t4.lit_direct.total"] = "/"
	data, err := convert.Render(r, ".xlsx", convert.Options{})
	require.NoError(t, err)
	rr, err := convert.ReadBytes("t.xlsx", ".xlsx", data, convert.Options{})
	require.NoError(t, err)
	fs := Workbook(data, "t.xlsx", rr)
	for _, f := range fs {
		assert.NotEqual(t, "wb.formula_replaced", f.Rule, f.Message)
	}
	got := rules(Report(rr))
	assert.Contains(t, got, "t3.row_total@t3.granted.total")
	assert.Contains(t, got, "total.blank@t4.rev.total")
	assert.Contains(t, got, "total.blank@t4.lit_direct.total")
}

func TestVersionPropertyDisagrees(t *testing.T) {
	r := balanced("2021")
	data, err := convert.Render(r, ".xlsx", convert.Options{})
	require.NoError(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	require.NoError(t, f.SetCustomProps(excelize.CustomProperty{Name: templates.VersionProperty, Value: "xxgk-template/7"}))
	data = bytesOf(t, f)
	fs := Workbook(data, "t.xlsx", r)
	require.NotEmpty(t, fs)
	assert.Equal(t, "wb.version_unknown", fs[len(fs)-1].Rule)
	assert.Equal(t, "xxgk-template/7", fs[len(fs)-1].Got)
}

// TestRepeatedLabelChanged: 表四 prints 总计 three times; changing one is a
// changed label, not a shifted layout.
func TestRepeatedLabelChanged(t *testing.T) {
	r := balanced("2021")
	f := canonicalWorkbook(t, r)
	b := templates.Layout("2021", nil)
	var target templates.Label
	n := 0
	for _, l := range b.Labels {
		if l.Sheet == templates.SheetT4 && l.Text == "总计" {
			target = l
			n++
		}
	}
	require.Equal(t, 3, n)
	require.NoError(t, f.SetCellStr(target.Sheet, target.Ref, "合计"))
	fs := Workbook(bytesOf(t, f), "t.xlsx", r)
	require.Len(t, fs, 1, "%v", brief(fs))
	assert.Equal(t, "wb.label_changed", fs[0].Rule)
	assert.Equal(t, "t.xlsx:"+target.Sheet+"!"+target.Ref, fs[0].Pos)
}

// openpyxlResave writes r as a workbook and has openpyxl open and save it
// (as auditors' scripts do); it returns the saved file's path.
func openpyxlResave(t *testing.T, r *report.Report) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no python3")
	}
	data, err := convert.Render(r, ".xlsx", convert.Options{})
	require.NoError(t, err)
	dir := t.TempDir()
	in, saved := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "saved.xlsx")
	require.NoError(t, os.WriteFile(in, data, 0o644))
	out, err := exec.Command(py, "-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])", in, saved).CombinedOutput()
	if err != nil {
		t.Skipf("openpyxl unavailable: %s", out)
	}
	return saved
}

// TestResavedByOpenpyxl: a canonical workbook opened and saved by openpyxl
// (as auditors' scripts do) is still untampered: no finding of severity
// error, and no cache warnings for the formulas openpyxl saves without
// cached values.
func TestResavedByOpenpyxl(t *testing.T) {
	for _, format := range []string{"2019", "2021"} {
		saved := openpyxlResave(t, balanced(format))
		task := File(saved, Options{})
		require.NoError(t, task.Err)
		assert.Empty(t, brief(task.Errors), format)
	}
}

// TestTemplateHasNoError: a blank template is incomplete (missing cells are
// warnings) but never wrong: no finding of severity error, none of wb.*.
func TestTemplateHasNoError(t *testing.T) {
	for _, format := range []string{"2019", "2021"} {
		var buf bytes.Buffer
		require.NoError(t, convert.WriteTemplate(&buf, convert.TemplateOptions{Format: format, Year: 2024, Agency: "示例县"}))
		path := filepath.Join(t.TempDir(), "t.xlsx")
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		task := File(path, Options{})
		require.NoError(t, task.Err)
		assert.True(t, task.Valid, format)
		for _, f := range task.Errors {
			assert.NotEqual(t, schema.Error, f.Severity, "%s: %s %s", format, f.Rule, f.Message)
			assert.False(t, strings.HasPrefix(f.Rule, "wb."), "%s: %s %s", format, f.Rule, f.Message)
		}
	}
}

// TestFastSourceAgreesWithExcelize: the direct reading of the package
// gives the same findings as excelize's, on every tampering of the suite,
// for workbooks of the real writer and of excelize.
func TestFastSourceAgreesWithExcelize(t *testing.T) {
	for _, v := range []struct {
		format string
		layout []string
	}{{"2019", nil}, {"2021", nil}, {"2021", []string{schema.LayoutOtherSingleRow}}} {
		name := v.format + "/" + schema.LayoutKeyString(v.layout)
		for _, writer := range []string{"xxgk", "excelize"} {
			cases := append([]tamper{{name: "untampered"}}, tampers...)
			for _, tp := range cases {
				t.Run(name+"/"+writer+"/"+tp.name, func(t *testing.T) {
					r := balanced(v.format, v.layout...)
					var f *excelize.File
					if writer == "xxgk" {
						data, err := convert.Render(r, ".xlsx", convert.Options{})
						require.NoError(t, err)
						f, err = excelize.OpenReader(bytes.NewReader(data))
						require.NoError(t, err)
					} else {
						f = canonicalWorkbook(t, r)
					}
					if tp.apply != nil {
						tp.apply(t, f, templates.Layout(v.format, v.layout), r)
					}
					data := bytesOf(t, f)
					fw, err := convert.OpenFast(data, convert.Options{})
					require.NoError(t, err, "the direct reader reads excelize's output")
					src, ok := newFastSource(fw)
					require.True(t, ok)
					fast := (&wbCheck{src: src, name: "t.xlsx", r: r, grids: map[string][][]string{}}).run()
					slow := workbookExcelize(data, "t.xlsx", r, convert.Options{})
					assert.Equal(t, slow, fast)
				})
			}
		}
	}
}

// TestFastSourceAgreesOnOtherTools: workbooks tampered with and saved by
// openpyxl, and then resaved by LibreOffice, give the same findings through
// the direct reading as through excelize (or the direct reading refuses
// them and excelize reads them).
func TestFastSourceAgreesOnOtherTools(t *testing.T) {
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no python3")
	}
	r := balanced("2021")
	b := templates.Layout("2021", nil)
	data, err := convert.Render(r, ".xlsx", convert.Options{})
	require.NoError(t, err)
	dir := t.TempDir()
	in, saved := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "saved.xlsx")
	require.NoError(t, os.WriteFile(in, data, 0o644))
	t3 := b.Cell("t3.granted.natural")
	total := b.Cell("t3.granted.total")
	script := `import sys, openpyxl
from openpyxl.comments import Comment
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[3]]
ws.row_dimensions[int(sys.argv[4])].hidden = True
ws.column_dimensions["D"].hidden = True
ws[sys.argv[5]].number_format = ";;;"
ws[sys.argv[6]] = 12345
ws[sys.argv[6]].comment = Comment("published_total", "x")
wb[sys.argv[7]].sheet_state = "hidden"
wb.save(sys.argv[2])
`
	out, err := exec.Command(py, "-c", script, in, saved, t3.Sheet, strconv.Itoa(t3.Row+2), t3.Ref, total.Ref, templates.SheetText).CombinedOutput()
	if err != nil {
		t.Skipf("openpyxl unavailable: %s", out)
	}
	files := []string{saved}
	// LibreOffice's copy too, when Calc is there (it is optional here).
	if testenv.Calc() == nil && !testing.Short() {
		lo := filepath.Join(dir, "lo")
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "xlsx", "--outdir", lo, saved)
		if out, err := cmd.CombinedOutput(); err == nil {
			files = append(files, filepath.Join(lo, "saved.xlsx"))
		} else {
			t.Logf("soffice: %v %s", err, out)
		}
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		rr, err := convert.ReadBytes("t.xlsx", ".xlsx", data, convert.Options{})
		require.NoError(t, err)
		slow := workbookExcelize(data, "t.xlsx", rr, convert.Options{})
		// The number format hides the cell; the comment names the
		// constant total a published one.
		assert.Contains(t, brief(slow), "wb.hidden@t.xlsx:"+t3.Sheet+"!"+t3.Ref+"["+t3.ID+"]", p)
		assert.NotContains(t, brief(slow), "wb.formula_replaced@t.xlsx:"+total.Sheet+"!"+total.Ref+"["+total.ID+"]", p)
		fw, err := convert.OpenFast(data, convert.Options{})
		if err != nil {
			t.Logf("%s: the direct reader refuses it (%v): excelize reads it", p, err)
			continue
		}
		src, ok := newFastSource(fw)
		if !ok {
			t.Logf("%s: the direct reading of its parts is refused: excelize reads it", p)
			continue
		}
		fast := (&wbCheck{src: src, name: "t.xlsx", r: rr, grids: map[string][][]string{}}).run()
		assert.Equal(t, brief(slow), brief(fast), p)
		assert.Equal(t, slow, fast, p)
	}
}

// TestFileKeepsUnzipLimits: the single direct read of a workbook keeps the
// --max-size cap on what it unzips to.
func TestFileKeepsUnzipLimits(t *testing.T) {
	data, err := convert.Render(balanced("2021"), ".xlsx", convert.Options{})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "small.xlsx")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	capped := int64(len(data)) + 1 // the file fits; what it unzips to does not
	task := File(path, Options{Convert: convert.Options{MaxSize: capped}})
	require.Error(t, task.Err)
	assert.ErrorIs(t, task.Err, convert.ErrTooLarge)
	task = File(path, Options{})
	require.NoError(t, task.Err)
	assert.True(t, task.Valid)
}
