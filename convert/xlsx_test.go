package convert

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

func writeWB(t testing.TB, r *report.Report, o WorkbookOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteWorkbook(&buf, r, o))
	return buf.Bytes()
}

func jsonOf(t testing.TB, r *report.Report) string {
	t.Helper()
	c := r.Clone()
	c.Generator = ""
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, c))
	return buf.String()
}

// edgeReport is a sample with everything the workbook must carry through:
// missing markers, blanks, unreadable text, a printed （七）总计 that
// disagrees, a blank total whose parts hold numbers, notes, a paragraph
// longer than a cell holds, text that looks like a formula.
func edgeReport(format string, layout []string) *report.Report {
	r := sampleReport(format, layout)
	r.SetMissing("t3.denied.state_secret.research", "—", "")
	r.SetMissing("t3.denied.state_secret.total", "", "")
	r.SetMissing("t4.rev.pending", "/", "")
	r.SetMissing("t4.rev.total", "", "")
	r.SetMissing("t3.unable.unclear.commercial", "约30", "")
	if format == schema.F2019 {
		r.SetMissing("t2.procurement.amount", "7004.69", "")
		r.AddNote(report.NoteUnitUnknown, "report.txt:35", "金额“7004.69”未注明单位", "t2.procurement.amount")
	}
	r.SetMissing("t3.granted.research", "12", "")
	r.AddNote(report.NoteUnreadableValue, "report.txt:44", "“12”与相邻单元格粘连，无法确定", "t3.granted.research")
	r.AddNote(report.NoteUnreadableValue, "report.txt:40", "“约30”不是明确的数字", "t3.unable.unclear.commercial")
	r.Cells["t3.result_total.natural"] += 6
	r.AddNote(report.NotePublishedTotal, "report.txt:57", "表三（七）总计·自然人：报告所印与各项之和不符", "t3.result_total.natural")
	r.SetMissing("t3.carry_forward.total", "", "")
	r.AddNote(report.NotePublishedTotal, "report.txt:58", "总计空白而分项有数", "t3.carry_forward.total")
	long := strings.Repeat("政府信息公开", 6000) + "𠀀" + strings.Repeat("末", 100)
	r.Sections[1].Paragraphs = append(r.Sections[1].Paragraphs, "=SUM(A1:A2)", "+1", "-2", "@x", long, " 前后空格 ")
	r.AddNote(report.NoteChromeDropped, "report.txt:1", "网站页头："+long)
	r.Sections[3].Heading = "三、收到和处理政府信息公开申请情况（印刷标题）"
	r.Sections = append(r.Sections[:5], r.Sections[6:]...) // s5 missing
	r.Sections[5].Paragraphs = nil                         // s6 heading only
	return r
}

func TestWorkbookRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		r    *report.Report
	}{
		{"2019", sampleReport(schema.F2019, nil)},
		{"2021", sampleReport(schema.F2021, nil)},
		{"2021-single-row", sampleReport(schema.F2021, []string{schema.LayoutOtherSingleRow})},
		{"2019-edges", edgeReport(schema.F2019, nil)},
		{"2021-edges", edgeReport(schema.F2021, nil)},
		{"empty", func() *report.Report {
			// A reader accounts for every cell: what is not a number is missing.
			r := report.New()
			r.Format = "2021"
			for _, id := range schema.Get("2021").IDs(nil) {
				r.Missing[id] = ""
			}
			return r
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := writeWB(t, tt.r, WorkbookOptions{})
			got, err := ReadWorkbook("book.xlsx", data, Options{})
			require.NoError(t, err)
			assert.Equal(t, jsonOf(t, tt.r), jsonOf(t, got))
			assert.Equal(t, report.Generator, got.Generator)
		})
	}
}

func TestWorkbookPositions(t *testing.T) {
	r := sampleReport(schema.F2019, nil)
	got, err := ReadWorkbook("b.xlsx", writeWB(t, r, WorkbookOptions{}), Options{})
	require.NoError(t, err)
	assert.Equal(t, "b.xlsx:三、依申请公开!D29", got.Pos["t3.result_total.natural"])
	assert.Equal(t, "b.xlsx:二、主动公开!B7", got.Pos["t2.rules.made_new"])
}

func TestWorkbookDeterministic(t *testing.T) {
	a := writeWB(t, edgeReport(schema.F2019, nil), WorkbookOptions{})
	b := writeWB(t, edgeReport(schema.F2019, nil), WorkbookOptions{})
	assert.True(t, bytes.Equal(a, b), "same Report, different bytes")
	a = writeWB(t, sampleReport(schema.F2021, nil), WorkbookOptions{Template: true})
	b = writeWB(t, sampleReport(schema.F2021, nil), WorkbookOptions{Template: true})
	assert.True(t, bytes.Equal(a, b), "same template, different bytes")
}

var reF = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*><f>([^<]*)</f>`)

// sheetXML returns the XML of every worksheet by sheet name (xxgk creates
// the sheets in order, so sheetN.xml is the N-th sheet).
func sheetXML(t testing.TB, data []byte) map[string]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		files[zf.Name] = zf
	}
	out := map[string]string{}
	for i, name := range f.GetSheetList() {
		zf := files["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"]
		require.NotNil(t, zf, name)
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out[name] = string(b)
	}
	return out
}

func TestWorkbookOnlyOwnFormulas(t *testing.T) {
	r := edgeReport(schema.F2019, nil)
	r.Agency, r.Title = `=HYPERLINK("http://x")`, "+1"
	r.AddNote("label_variant", "=A1", "@SUM(1)", "t3.granted.natural")
	b := templates.Layout(r.Format, r.Layout)
	xml := sheetXML(t, writeWB(t, r, WorkbookOptions{}))
	assert.NotContains(t, xml[templates.SheetInfo], "<f>")
	require.Len(t, xml, 6)
	n := 0
	for sheet, x := range xml {
		for _, m := range reF.FindAllStringSubmatch(x, -1) {
			n++
			if sheet == templates.SheetCheck {
				continue
			}
			c := b.CellAt(sheet, m[1])
			require.NotNil(t, c, "formula at %s!%s is not a value cell", sheet, m[1])
			assert.Equal(t, c.Formula, m[2], c.ID)
		}
	}
	// The paragraphs that look like formulas are strings.
	assert.Contains(t, xml[templates.SheetText], "=SUM(A1:A2)")
	assert.NotContains(t, xml[templates.SheetText], "<f>")
	// Totals printed otherwise are not formulas: （七）总计·自然人, 表四 复议 总计,
	// 结转 总计, the state_secret 总计.
	assert.NotRegexp(t, `<c r="D29"[^>]*><f>`, xml[templates.SheetT3])
	assert.NotRegexp(t, `<c r="E8"[^>]*><f>`, xml[templates.SheetT4])
	assert.Regexp(t, `<c r="J8"[^>]*><f>SUM\(F8:I8\)</f>`, xml[templates.SheetT4])
	assert.Greater(t, n, 42)
}

// inspect opens a workbook and checks what the template issue requires of
// every canonical workbook.
func TestWorkbookFeatures(t *testing.T) {
	for _, format := range []string{schema.F2019, schema.F2021} {
		for _, tmpl := range []bool{false, true} {
			r := edgeReport(format, nil)
			data := writeWB(t, r, WorkbookOptions{Template: tmpl})
			f, err := excelize.OpenReader(bytes.NewReader(data))
			require.NoError(t, err)
			b := templates.Layout(format, nil)
			want := templates.SheetNames
			if tmpl {
				want = templates.TemplateSheetNames
			}
			assert.Equal(t, want, f.GetSheetList())
			props, err := f.GetCustomProps()
			require.NoError(t, err)
			require.Len(t, props, 1)
			assert.Equal(t, templates.TemplateVersion, props[0].Value)
			assert.Equal(t, templates.TemplateVersion, WorkbookVersion(f))
			key, _ := f.GetCellValue(templates.SheetInfo, "A7")
			stamp, _ := f.GetCellValue(templates.SheetInfo, "C7")
			assert.Equal(t, "template_version", key)
			assert.Equal(t, templates.TemplateVersion, stamp, "version stamp in 信息")
			validated := map[string]string{}
			for _, tb := range b.Tables {
				dvs, err := f.GetDataValidations(tb.Sheet)
				require.NoError(t, err)
				for _, dv := range dvs {
					assert.NotNil(t, dv.Prompt)
					assert.NotNil(t, dv.Error)
					for _, ref := range strings.Fields(dv.Sqref) {
						validated[tb.Sheet+"!"+ref] = dv.Type + "/" + dv.Operator
					}
				}
			}
			xml := sheetXML(t, data)
			for _, s := range want {
				assert.Contains(t, xml[s], "<sheetProtection", s)
				assert.NotContains(t, xml[s], `password=`, s)
			}
			for _, c := range b.Cells {
				style, err := f.GetCellStyle(c.Sheet, c.Ref)
				require.NoError(t, err)
				st, err := f.GetStyle(style)
				require.NoError(t, err)
				require.NotNil(t, st.Protection, c.ID)
				if c.IsTotal() {
					assert.True(t, st.Protection.Locked, "total %s unlocked", c.ID)
					assert.Empty(t, validated[c.Sheet+"!"+c.Ref], c.ID)
					continue
				}
				assert.False(t, st.Protection.Locked, "input %s locked", c.ID)
				wantDV := map[schema.Kind]string{schema.Count: "whole/greaterThanOrEqual",
					schema.SignedCount: "whole/between", schema.Amount: "decimal/greaterThanOrEqual"}[c.Kind]
				assert.Equal(t, wantDV, validated[c.Sheet+"!"+c.Ref], c.ID)
			}
			for _, l := range b.Labels {
				style, err := f.GetCellStyle(l.Sheet, l.Ref)
				require.NoError(t, err)
				st, err := f.GetStyle(style)
				require.NoError(t, err)
				assert.True(t, st.Protection == nil || st.Protection.Locked, "label %s unlocked", l.Text)
				got, err := f.GetCellValue(l.Sheet, l.Ref)
				require.NoError(t, err)
				assert.Equal(t, l.Text, got)
			}
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				if dn.Scope == "Workbook" {
					names[dn.Name] = dn.RefersTo
				}
			}
			for _, c := range b.Cells {
				assert.Equal(t, c.AbsRef(), names[c.Name], c.ID)
			}
			assert.Equal(t, b.CheckOK(), names[templates.CheckOKName])
			// A published total that disagrees keeps its value with a comment.
			if !tmpl {
				cms, err := f.GetComments(templates.SheetT3)
				require.NoError(t, err)
				found := false
				for _, cm := range cms {
					if cm.Cell == b.Cell("t3.result_total.natural").Ref {
						found = true
						assert.Contains(t, cm.Text, "各分项之和为")
					}
				}
				assert.True(t, found, "no comment on the published total")
			}
			f.Close()
		}
	}
}

// TestWorkbookOpenpyxl: every workbook xxgk writes opens in openpyxl.
func TestWorkbookOpenpyxl(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		t.Skip("python3-openpyxl not installed")
	}
	dir := t.TempDir()
	var files []string
	for i, r := range []*report.Report{sampleReport("2019", nil), edgeReport("2021", nil),
		sampleReport("2021", []string{schema.LayoutOtherSingleRow})} {
		for _, tmpl := range []bool{false, true} {
			p := filepath.Join(dir, string(rune('a'+i))+map[bool]string{false: "", true: "-t"}[tmpl]+".xlsx")
			require.NoError(t, os.WriteFile(p, writeWB(t, r, WorkbookOptions{Template: tmpl}), 0o644))
			files = append(files, p)
		}
	}
	script := `
import sys, warnings, openpyxl
warnings.simplefilter("error")
for p in sys.argv[1:]:
    wb = openpyxl.load_workbook(p)
    ws = wb["三、依申请公开"]
    assert ws.protection.sheet, p
    assert "check_ok" in wb.defined_names, p
    print(p, len(wb.sheetnames))
`
	out, err := exec.Command(py, append([]string{"-c", script}, files...)...).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, len(files), strings.Count(string(out), "\n"))
}

// TestWorkbookForeign: a workbook without the version stamp (an older
// template, a staff member's own sheet laid out like the official tables)
// is read by its labels, with a note.
func TestWorkbookForeign(t *testing.T) {
	for _, tc := range []struct {
		name    string
		version any
		kind    string
	}{{"no stamp", nil, NoteVersionUnknown}, {"older template", "xxgk-template/0", report.NoteTemplateUpgraded},
		{"信息 deleted", templates.TemplateVersion, report.NoteTemplateUpgraded}} {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleReport(schema.F2019, nil)
			f, err := excelize.OpenReader(bytes.NewReader(writeWB(t, r, WorkbookOptions{})))
			require.NoError(t, err)
			if tc.version == nil || tc.version == templates.TemplateVersion {
				require.NoError(t, f.DeleteSheet(templates.SheetInfo))
			}
			require.NoError(t, f.SetCustomProps(excelize.CustomProperty{Name: templates.VersionProperty, Value: tc.version}))
			buf, err := f.WriteToBuffer()
			require.NoError(t, err)
			f.Close()
			got, err := ReadWorkbook("own.xlsx", buf.Bytes(), Options{})
			require.NoError(t, err)
			assert.Equal(t, r.Cells, got.Cells)
			assert.Equal(t, "二、主动公开政府信息情况", got.Section("s2").Heading)
			assert.Equal(t, []string{"一、总体情况的正文。"}, got.Section("s1").Paragraphs)
			assert.Equal(t, "own.xlsx:三、依申请公开!D8", got.Pos["t3.new_received.natural"])
			kinds := []string{}
			for _, n := range got.Notes {
				kinds = append(kinds, n.Kind)
			}
			assert.Contains(t, kinds, tc.kind)
		})
	}
}

func TestWorkbookNotAWorkbook(t *testing.T) {
	_, err := ReadWorkbook("x.xlsx", []byte("PK not really"), Options{})
	require.ErrorIs(t, err, ErrNotWorkbook)
}

func TestTemplateHintInForce(t *testing.T) {
	prev := sampleReport(schema.F2021, nil)
	prev.Cells["t2.normative.in_force"] = 440
	r, hints, err := TemplateReport(TemplateOptions{Year: 2024, Prev: prev, PrevName: "2023.xlsx"})
	require.NoError(t, err)
	assert.Equal(t, "上年现行有效件数：440", hints["t2.normative.in_force"])
	_, ok := r.Cells["t2.normative.in_force"]
	assert.False(t, ok, "a hint, not a value")
	var buf bytes.Buffer
	require.NoError(t, WriteTemplate(&buf, TemplateOptions{Year: 2024, Prev: prev, PrevName: "2023.xlsx"}))
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	c := templates.Layout(schema.F2021, nil).Cell("t2.normative.in_force")
	got, err := f.GetCellValue(c.Sheet, templates.Ref(5, c.Row))
	require.NoError(t, err)
	assert.Equal(t, "上年现行有效件数：440", got)
}

// TestWorkbookNameLabelMismatch: the name wins, the label disagreeing is noted.
func TestWorkbookNameLabelMismatch(t *testing.T) {
	r := sampleReport(schema.F2019, nil)
	b := templates.Layout(schema.F2019, nil)
	c := b.Cell("t3.denied.state_secret.natural")
	f, err := excelize.OpenReader(bytes.NewReader(writeWB(t, r, WorkbookOptions{})))
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue(c.Sheet, templates.Ref(3, c.Row), "2.重复申请"))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	f.Close()
	got, err := ReadWorkbook("m.xlsx", buf.Bytes(), Options{})
	require.NoError(t, err)
	assert.Equal(t, r.Cells, got.Cells, "values are read by name")
	var notes []report.Note
	for _, n := range got.Notes {
		if n.Kind == report.NoteNameLabelMismatch {
			notes = append(notes, n)
		}
	}
	require.Len(t, notes, 1)
	assert.Contains(t, notes[0].Detail, "2.重复申请")
	assert.Equal(t, "m.xlsx:三、依申请公开!D12", notes[0].Pos)
	assert.Len(t, notes[0].Cells, 7)
}

// TestTemplateWorkflow: template → filled by staff (excelize, as Excel
// would) → read back → rendered with every registered writer.
func TestTemplateWorkflow(t *testing.T) {
	want := sampleReport(schema.F2021, nil)
	var buf bytes.Buffer
	require.NoError(t, WriteTemplate(&buf, TemplateOptions{Year: 2023, Agency: want.Agency}))
	filled := fillTemplate(t, buf.Bytes(), want)
	f, err := excelize.OpenReader(bytes.NewReader(filled))
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue(templates.SheetText, "C7", "2023年，本机关坚持以公开为常态。")) // s1: rows 6–9
	require.NoError(t, f.SetCellValue(templates.SheetInfo, "C6", "示例县测试局2023年政府信息公开工作年度报告"))
	b2, err := f.WriteToBuffer()
	require.NoError(t, err)
	f.Close()
	got, err := ReadWorkbook("filled.xlsx", b2.Bytes(), Options{})
	require.NoError(t, err)
	assert.Equal(t, want.Cells, got.Cells, "every number typed and every total computed")
	assert.Empty(t, got.Missing)
	assert.Equal(t, []string{"2023年，本机关坚持以公开为常态。"}, got.Section("s1").Paragraphs)
	assert.Equal(t, "示例县测试局2023年政府信息公开工作年度报告", got.Title)
	for _, ext := range Writable() {
		if ext == ".xlsx" || ext == ".csv" {
			continue
		}
		out, err := Render(got, ext, Options{})
		require.NoError(t, err, ext)
		assert.NotEmpty(t, out, ext)
	}
}

// TestWorkbookCorpusRoundTrip: every real report of ../shared/corpus that
// xxgk reads goes Report → xlsx → Report unchanged.
func TestWorkbookCorpusRoundTrip(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Skip("../shared/corpus absent")
	}
	n := 0
	for _, p := range files {
		if strings.HasSuffix(p, ".json") || strings.HasSuffix(p, "INDEX.md") {
			continue
		}
		r, err := ReadFile(p, Options{})
		if err != nil {
			continue // what this build cannot read is the recognizer's matter
		}
		n++
		t.Run(filepath.Base(p), func(t *testing.T) {
			got, err := ReadWorkbook(filepath.Base(p)+".xlsx", writeWB(t, r, WorkbookOptions{}), Options{})
			require.NoError(t, err)
			assert.Equal(t, jsonOf(t, r), jsonOf(t, got))
		})
	}
	assert.Greater(t, n, 0)
}

// TestWorkbookFormulas: xxgk recomputes SUM and + of references itself and
// evaluates nothing else; a formula over blanks is missing, never 0.
func TestWorkbookFormulas(t *testing.T) {
	r := sampleReport(schema.F2019, nil)
	b := templates.Layout(schema.F2019, nil)
	ref := func(id string) string { return b.Cell(id).Ref }
	tests := []struct {
		name, id, formula string
		want              float64
		missing           string // "" with want; else the missing text
	}{
		{"plus of refs", "t3.granted.natural", ref("t3.partial.natural") + "+" + ref("t3.partial.commercial"), r.Cells["t3.partial.natural"] + r.Cells["t3.partial.commercial"], ""},
		{"sum of a name", "t3.granted.natural", "SUM(t3_partial_natural)", r.Cells["t3.partial.natural"], ""},
		{"cached value not trusted", "t4.rev.total", "SUM(A8:D8)", r.Cells["t4.rev.total"], ""},
		{"other function", "t3.granted.natural", "AVERAGE(D11:I11)", 0, "=AVERAGE(D11:I11)"},
		{"external reference", "t3.granted.natural", "[1]Sheet1!A1", 0, "=[1]Sheet1!A1"},
		{"constant arithmetic", "t3.granted.natural", "3*4", 0, "=3*4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(writeWB(t, r, WorkbookOptions{})))
			require.NoError(t, err)
			c := b.Cell(tt.id)
			require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, tt.formula))
			if tt.name == "cached value not trusted" {
				require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, 99999))
				require.NoError(t, f.SetCellFormula(c.Sheet, c.Ref, tt.formula))
			}
			buf, err := f.WriteToBuffer()
			require.NoError(t, err)
			f.Close()
			got, err := ReadWorkbook("f.xlsx", buf.Bytes(), Options{})
			require.NoError(t, err)
			if tt.missing == "" {
				assert.Equal(t, tt.want, got.Cells[tt.id])
				return
			}
			_, ok := got.Cells[tt.id]
			assert.False(t, ok)
			assert.Equal(t, tt.missing, got.Missing[tt.id])
		})
	}
	t.Run("over blanks", func(t *testing.T) {
		e := sampleReport(schema.F2019, nil)
		for _, col := range []string{"upheld", "corrected", "other", "pending"} {
			e.SetMissing("t4.rev."+col, "", "")
		}
		e.SetMissing("t4.rev.total", "", "")
		tmpl := writeWB(t, e, WorkbookOptions{Template: true}) // totals are formulas
		got, err := ReadWorkbook("f.xlsx", tmpl, Options{})
		require.NoError(t, err)
		_, ok := got.Cells["t4.rev.total"]
		assert.False(t, ok, "SUM over blanks is not 0")
		assert.Equal(t, "", got.Missing["t4.rev.total"])
	})
}

// TestWorkbookConcurrent: batches write and read workbooks on several
// workers at once (run with -race).
func TestWorkbookConcurrent(t *testing.T) {
	want := writeWB(t, sampleReport(schema.F2021, nil), WorkbookOptions{})
	done := make(chan []byte)
	for i := 0; i < 4; i++ {
		go func() {
			var buf bytes.Buffer
			if err := WriteWorkbook(&buf, sampleReport(schema.F2021, nil), WorkbookOptions{}); err != nil {
				done <- nil
				return
			}
			if _, err := ReadWorkbook("c.xlsx", buf.Bytes(), Options{}); err != nil {
				done <- nil
				return
			}
			done <- buf.Bytes()
		}()
	}
	for i := 0; i < 4; i++ {
		assert.Equal(t, want, <-done)
	}
}

// TestWorkbookFastSameAsExcelize: the fast writer (skeleton + rows) gives
// the workbook excelize builds: same cells, formulas, merges, comments,
// names, validations; same Report read back.
func TestWorkbookFastSameAsExcelize(t *testing.T) {
	for _, r := range []*report.Report{edgeReport(schema.F2019, nil), edgeReport(schema.F2021, nil),
		sampleReport(schema.F2021, []string{schema.LayoutOtherSingleRow})} {
		require.True(t, fastEligible(r, WorkbookOptions{}))
		fast := writeWB(t, r, WorkbookOptions{})
		forceExcelize = true
		slow := writeWB(t, r, WorkbookOptions{})
		forceExcelize = false
		assert.Equal(t, dumpWorkbook(t, slow), dumpWorkbook(t, fast))
		a, err := ReadWorkbook("a.xlsx", fast, Options{})
		require.NoError(t, err)
		b, err := ReadWorkbook("a.xlsx", slow, Options{})
		require.NoError(t, err)
		assert.Equal(t, jsonOf(t, b), jsonOf(t, a))
		for _, data := range [][]byte{fast, slow} {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			require.NoError(t, err)
			cms, err := f.GetComments(templates.SheetT3)
			require.NoError(t, err)
			assert.Equal(t, len(r.Notes) > 0, len(cms) > 0)
			dvs, err := f.GetDataValidations(templates.SheetT3)
			require.NoError(t, err)
			assert.Len(t, dvs, 1)
			assert.Len(t, f.GetDefinedName(), len(templates.Layout(r.Format, r.Layout).Cells)+3)
			f.Close()
		}
		fc := sheetXML(t, fast)
		sc := sheetXML(t, slow)
		for name := range sc {
			assert.Equal(t, len(reF.FindAllString(sc[name], -1)), len(reF.FindAllString(fc[name], -1)), name)
		}
	}
	// Text excelize escapes specially goes through excelize.
	r := sampleReport(schema.F2019, nil)
	r.Sections[1].Paragraphs = []string{"_x0041_"}
	assert.False(t, fastEligible(r, WorkbookOptions{}))
	got, err := ReadWorkbook("x.xlsx", writeWB(t, r, WorkbookOptions{}), Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"_x0041_"}, got.Section("s1").Paragraphs)
}

// TestWorkbookFastReadSame: reading the sheet XML directly gives the Report
// excelize gives, on xxgk's workbooks and on one edited through excelize
// (shared strings, formulas set by another writer).
func TestWorkbookFastReadSame(t *testing.T) {
	edited := func() []byte {
		f, err := excelize.OpenReader(bytes.NewReader(writeWB(t, edgeReport(schema.F2019, nil), WorkbookOptions{})))
		require.NoError(t, err)
		defer f.Close()
		require.NoError(t, f.SetCellValue(templates.SheetT3, "E10", "—"))
		require.NoError(t, f.SetCellValue(templates.SheetT3, "F10", "12"))
		require.NoError(t, f.SetCellFormula(templates.SheetT3, "G10", "D11+E11"))
		require.NoError(t, f.SetCellValue(templates.SheetText, "C3", "编辑 & <后> 的段落"))
		buf, err := f.WriteToBuffer()
		require.NoError(t, err)
		return buf.Bytes()
	}
	for i, data := range [][]byte{
		writeWB(t, edgeReport(schema.F2019, nil), WorkbookOptions{}),
		writeWB(t, edgeReport(schema.F2021, nil), WorkbookOptions{}),
		writeWB(t, mustTemplate(t, schema.F2021), WorkbookOptions{Template: true}),
		edited(),
	} {
		fb, err := readFast(data, 0)
		require.NoError(t, err, i)
		fast, err := readCanonical("b.xlsx", fb, Options{})
		require.NoError(t, err)
		f, err := openWorkbook(data, Options{})
		require.NoError(t, err)
		slow, err := readCanonical("b.xlsx", xlsSource{f}, Options{})
		f.Close()
		require.NoError(t, err)
		assert.Equal(t, jsonOf(t, slow), jsonOf(t, fast), "case %d", i)
		assert.Equal(t, slow.Pos, fast.Pos)
	}
	_, err := readFast([]byte("not a zip"), 0)
	assert.ErrorIs(t, err, errFastRead)
}

// TestWorkbookFastReuse: the fast writer's buffers are reused between
// workbooks (getFastOut); a workbook is byte for byte the one written with
// fresh buffers, whatever was written before it (more comments, fewer
// rows, another format).
func TestWorkbookFastReuse(t *testing.T) {
	drain := func() {
		for {
			if _, ok := fastFree.get(); !ok {
				return
			}
		}
	}
	reports := []*report.Report{edgeReport(schema.F2019, nil), sampleReport(schema.F2021, nil),
		sampleReport(schema.F2021, []string{schema.LayoutOtherSingleRow}), edgeReport(schema.F2021, nil)}
	fresh := make([][]byte, len(reports))
	for i, r := range reports {
		drain()
		fresh[i] = writeWB(t, r, WorkbookOptions{})
	}
	drain()
	order := []int{0, 1, 2, 3, 3, 2, 1, 0, 2, 0, 3, 1}
	made := fastNew.Load()
	for _, i := range order {
		assert.Equal(t, fresh[i], writeWB(t, reports[i], WorkbookOptions{}), "report %d after reuse", i)
	}
	// One goroutine writing one workbook after another gets its buffers
	// back: one fastOut made for all of them.
	assert.Equal(t, int64(1), fastNew.Load()-made, "buffers are kept for the next workbook")
}

// TestForeignWorkbookOneSheet: a report's web page opened in a spreadsheet
// and saved (LibreOffice Calc here, from xxgk's HTML of the 2021 sample)
// holds the whole report in one sheet, a block a row. Its headings and
// paragraphs between the tables are read as such, and 表四's value row,
// wider than 15 in that sheet, gives its 15 cells (they were missing, with
// three paragraphs).
func TestForeignWorkbookOneSheet(t *testing.T) {
	want, err := ReadFile(filepath.Join("..", "testdata", "sample-2021.txt"), Options{})
	require.NoError(t, err)
	got, err := ReadFile(filepath.Join("testdata", "calc-web-page-2021.xlsx"), Options{})
	require.NoError(t, err)
	assert.Equal(t, want.Cells, got.Cells)
	assert.Empty(t, got.Missing)
	require.Len(t, got.Sections, len(want.Sections))
	for i, s := range want.Sections {
		assert.Equal(t, s.Paragraphs, got.Sections[i].Paragraphs, s.ID)
	}
}
