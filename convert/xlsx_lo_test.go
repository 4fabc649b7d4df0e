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

// loRecalc converts workbooks with LibreOffice in one run, from a fresh
// profile that recalculates every formula on load (OOXMLRecalcMode 0), and
// returns the converted files by input base name.
func loRecalc(t *testing.T, files map[string][]byte) map[string][]byte {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	prof := filepath.Join(dir, "profile")
	require.NoError(t, os.MkdirAll(filepath.Join(prof, "user"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(prof, "user", "registrymodifications.xcu"), []byte(`<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`), 0o644))
	in := filepath.Join(dir, "in")
	out := filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(in, 0o755))
	args := []string{"-env:UserInstallation=file://" + prof, "--headless", "--convert-to", "xlsx", "--outdir", out}
	for name, data := range files {
		p := filepath.Join(in, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		args = append(args, p)
	}
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, string(msg))
	res := map[string][]byte{}
	for name := range files {
		b, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err, "LibreOffice did not convert %s: %s", name, msg)
		res[name] = b
	}
	return res
}

// spoilCache rewrites the cached value of one formula cell of a sheet.
func spoilCache(t *testing.T, data []byte, sheetFile, ref, value string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	re := regexp.MustCompile(`(<c r="` + ref + `"[^>]*><f>[^<]*</f><v>)[^<]*(</v>)`)
	done := false
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if f.Name == sheetFile {
			nb := re.ReplaceAll(b, []byte("${1}"+value+"${2}"))
			done = !bytes.Equal(nb, b)
			b = nb
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.True(t, done, "no cached value at %s %s", sheetFile, ref)
	return buf.Bytes()
}

// fillTemplate writes numbers into a template's input cells with excelize,
// as staff would in Excel (no cached values recomputed).
func fillTemplate(t *testing.T, tmpl []byte, r *report.Report) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(tmpl))
	require.NoError(t, err)
	defer f.Close()
	b := templates.Layout(r.Format, r.Layout)
	for _, c := range b.Cells {
		if c.IsTotal() {
			continue
		}
		if v, ok := r.Cells[c.ID]; ok {
			require.NoError(t, f.SetCellValue(c.Sheet, c.Ref, v))
		}
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

type wbValues struct {
	status  []string
	checkOK string
	cells   map[string]string // value cell id → shown value (raw)
	formula map[string]string // sheet!ref → raw value of every formula cell
}

func readValues(t *testing.T, data []byte, format string, layout []string) wbValues {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	b := templates.Layout(format, layout)
	v := wbValues{cells: map[string]string{}, formula: map[string]string{}}
	for _, c := range b.Checks {
		s, err := f.GetCellValue(templates.SheetCheck, templates.CheckStatusCol+strconv.Itoa(c.Row))
		require.NoError(t, err)
		v.status = append(v.status, s)
	}
	v.checkOK, err = f.GetCellValue(templates.SheetCheck, templates.CheckOKRef)
	require.NoError(t, err)
	for _, c := range b.Cells {
		s, err := f.GetCellValue(c.Sheet, c.Ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		v.cells[c.ID] = s
	}
	for _, sheet := range []string{templates.SheetT2, templates.SheetT3, templates.SheetT4, templates.SheetCheck} {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		for i, row := range rows {
			for j := range row {
				ref := templates.Ref(j+1, i+1)
				if fo, _ := f.GetCellFormula(sheet, ref); fo != "" {
					v.formula[sheet+"!"+ref] = row[j]
				}
			}
		}
	}
	return v
}

func sameNumberOrText(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 == nil && err2 == nil {
		return x-y < 1e-9 && y-x < 1e-9
	}
	norm := func(s string) string {
		switch strings.ToUpper(s) {
		case "1", "TRUE":
			return "TRUE"
		case "0", "FALSE":
			return "FALSE"
		}
		return s
	}
	return norm(a) == norm(b)
}

// TestWorkbookLibreOffice recalculates xxgk's workbooks in LibreOffice
// (one batched run) and finds its values equal to xxgk's.
func TestWorkbookLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice test skipped in -short mode")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed")
	}
	good19 := sampleReport(schema.F2019, nil)
	good21 := sampleReport(schema.F2021, nil)
	single := sampleReport(schema.F2021, []string{schema.LayoutOtherSingleRow})
	edge := edgeReport(schema.F2019, nil)
	tmpl19 := writeWB(t, mustTemplate(t, schema.F2019), WorkbookOptions{Template: true})
	tmpl21 := writeWB(t, mustTemplate(t, schema.F2021), WorkbookOptions{Template: true})
	changed := good21.Clone()
	changed.Cells["t3.new_received.natural"]++
	control := writeWB(t, good19, WorkbookOptions{})
	control = spoilCache(t, control, "xl/worksheets/sheet2.xml", "J8", "99999")

	files := map[string][]byte{
		"good19.xlsx":  writeWB(t, good19, WorkbookOptions{}),
		"single.xlsx":  writeWB(t, single, WorkbookOptions{}),
		"edge.xlsx":    writeWB(t, edge, WorkbookOptions{}),
		"control.xlsx": control,
		"empty19.xlsx": tmpl19,
		"filled.xlsx":  fillTemplate(t, tmpl21, good21),
		"changed.xlsx": fillTemplate(t, tmpl21, changed),
	}
	seedPath := filepath.Join("..", "..", "shared", "corpus", "seed-sujiatun-2020.txt")
	var seed *report.Report
	if _, err := os.Stat(seedPath); err == nil {
		seed, err = ReadFile(seedPath, Options{})
		require.NoError(t, err)
		files["seed.xlsx"] = writeWB(t, seed, WorkbookOptions{})
	}
	out := loRecalc(t, files)

	t.Run("recalculation happens", func(t *testing.T) {
		v := readValues(t, out["control.xlsx"], schema.F2019, nil)
		assert.Equal(t, report.FormatNumber(good19.Cells["t3.new_received.total"]), v.cells["t3.new_received.total"])
	})
	t.Run("LibreOffice agrees with xxgk", func(t *testing.T) {
		for name, layout := range map[string][]string{"good19.xlsx": nil, "single.xlsx": {schema.LayoutOtherSingleRow}, "edge.xlsx": nil, "empty19.xlsx": nil} {
			format := schema.F2019
			if name == "single.xlsx" {
				format = schema.F2021
			}
			mine := readValues(t, files[name], format, layout)
			lo := readValues(t, out[name], format, layout)
			require.NotEmpty(t, mine.formula)
			for ref, want := range mine.formula {
				assert.True(t, sameNumberOrText(want, lo.formula[ref]), "%s %s: xxgk %q, LibreOffice %q", name, ref, want, lo.formula[ref])
			}
			assert.True(t, sameNumberOrText(mine.checkOK, lo.checkOK), name)
		}
	})
	t.Run("balanced workbooks are OK", func(t *testing.T) {
		for _, name := range []string{"good19.xlsx", "single.xlsx", "filled.xlsx"} {
			format, layout := schema.F2021, []string(nil)
			if name == "good19.xlsx" {
				format = schema.F2019
			}
			if name == "single.xlsx" {
				layout = []string{schema.LayoutOtherSingleRow}
			}
			v := readValues(t, out[name], format, layout)
			for i, s := range v.status {
				assert.Equal(t, "OK", s, "%s row %d", name, templates.CheckFirstRow+i)
			}
			assert.Equal(t, "TRUE", v.checkOK, name)
		}
	})
	t.Run("seed balances after LibreOffice", func(t *testing.T) {
		if seed == nil {
			t.Skip("../shared/corpus absent")
		}
		v := readValues(t, out["seed.xlsx"], seed.Format, seed.Layout)
		assert.Equal(t, "TRUE", v.checkOK)
		mine := readValues(t, files["seed.xlsx"], seed.Format, seed.Layout)
		for ref, want := range mine.formula {
			assert.True(t, sameNumberOrText(want, v.formula[ref]), "%s: xxgk %q, LibreOffice %q", ref, want, v.formula[ref])
		}
	})
	t.Run("saved by LibreOffice reads back the same", func(t *testing.T) {
		for name, r := range map[string]*report.Report{"good19.xlsx": good19, "edge.xlsx": edge, "single.xlsx": single} {
			got, err := ReadWorkbook(name, out[name], Options{})
			require.NoError(t, err, name)
			assert.Equal(t, jsonOf(t, r), jsonOf(t, got), name)
		}
	})
	t.Run("one changed input", func(t *testing.T) {
		b := templates.Layout(schema.F2021, nil)
		v := readValues(t, out["changed.xlsx"], schema.F2021, nil)
		var bad []string
		for i, s := range v.status {
			in := b.Checks[i].Instance
			if s != "OK" {
				bad = append(bad, in.Rule+" "+in.Label)
				assert.True(t, involves(b, in.Cells(), "t3.new_received.natural"), "%s turned %s", in.Label, s)
			}
		}
		assert.Equal(t, []string{"t3.balance 表三·自然人：一＋二＝（七）总计＋四", "t3.balance 表三·总计：一＋二＝（七）总计＋四"}, bad)
		assert.Equal(t, "FALSE", v.checkOK)
	})
	t.Run("empty template", func(t *testing.T) {
		v := readValues(t, out["empty19.xlsx"], schema.F2019, nil)
		for i, s := range v.status {
			assert.Equal(t, "缺数", s, "row %d", templates.CheckFirstRow+i)
		}
		assert.Equal(t, "FALSE", v.checkOK)
	})
	t.Run("printed total wins", func(t *testing.T) {
		b := templates.Layout(schema.F2019, nil)
		v := readValues(t, out["edge.xlsx"], schema.F2019, nil)
		assert.Equal(t, report.FormatNumber(edge.Cells["t3.result_total.natural"]), v.cells["t3.result_total.natural"])
		for i, c := range b.Checks {
			if c.Instance.Rule == "t3.result_total" && c.Instance.Left[0] == "t3.result_total.natural" {
				assert.Equal(t, "不平", v.status[i])
			}
		}
		assert.Equal(t, "FALSE", v.checkOK)
		f, err := excelize.OpenReader(bytes.NewReader(out["edge.xlsx"]))
		require.NoError(t, err)
		defer f.Close()
		cms, err := f.GetComments(templates.SheetT3)
		require.NoError(t, err)
		found := false
		for _, cm := range cms {
			if cm.Cell == b.Cell("t3.result_total.natural").Ref {
				text := cm.Text
				for _, run := range cm.Paragraph {
					text += run.Text
				}
				found = strings.Contains(text, "各分项之和为")
			}
		}
		assert.True(t, found, "comment lost")
	})
}

func mustTemplate(t *testing.T, format string) *report.Report {
	t.Helper()
	r, _, err := TemplateReport(TemplateOptions{Format: format, Year: 2020, Agency: "示例县测试局"})
	require.NoError(t, err)
	return r
}

// involves reports whether any of ids is the cell or a total computed from
// it (the workbook's formulas carry a change into its totals).
func involves(b *templates.Book, ids []string, cell string) bool {
	for _, id := range ids {
		if id == cell {
			return true
		}
		if c := b.Cell(id); c != nil && c.IsTotal() && involves(b, c.Parts, cell) {
			return true
		}
	}
	return false
}
