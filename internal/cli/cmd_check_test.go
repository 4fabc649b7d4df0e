package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// sampleReport is a complete, balanced 2021 report of an invented agency.
func sampleReport(agency string, year int) *report.Report {
	f := schema.Get("2021")
	r := report.New()
	r.Format, r.Year, r.Agency = "2021", year, agency
	r.Source = report.Source{Name: "sample.txt"}
	for _, c := range f.Cells(nil) {
		r.Cells[c.ID] = 0
	}
	set := func(row string, v float64) {
		r.Cells["t3."+row+".natural"] = v
		r.Cells["t3."+row+".total"] = v
	}
	set("new_received", 5)
	set("carried_over", 1)
	set("granted", 4)
	set("result_total", 4)
	set("carry_forward", 2)
	for _, s := range f.Sections {
		r.Sections = append(r.Sections, report.Section{ID: s.ID, Heading: s.Heading, Paragraphs: []string{"本年度各项工作平稳有序推进。"}})
	}
	return r
}

func writeJSONReport(t *testing.T, dir, name string, r *report.Report) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, r))
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	return p
}

type jsonReport struct {
	Valid bool `json:"valid"`
	Stats struct {
		Files, Errors, Warnings, Notices, Unreadable int
	} `json:"stats"`
	Tasks []struct {
		File   string `json:"file"`
		Valid  bool   `json:"valid"`
		Format string `json:"format"`
		Year   int    `json:"year"`
		Agency string `json:"agency"`
		Errors []struct {
			Rule, Severity, Pos, Message string
			Cells                        []string
			Want, Got                    any
		} `json:"errors"`
	} `json:"tasks"`
}

func TestCheckExitAndJSON(t *testing.T) {
	dir := t.TempDir()
	good := writeJSONReport(t, dir, "good.json", sampleReport("示例县", 2022))
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3 // parts no longer sum to （七）总计
	bad := writeJSONReport(t, dir, "bad.json", badR)
	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte("{"), 0o644))

	code, out, _ := runCLI("check", good)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "汇总：1 个文件，0 个错误")

	code, out, _ = runCLI("check", "--json", bad)
	assert.Equal(t, 1, code)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.False(t, rep.Valid)
	require.Len(t, rep.Tasks, 1)
	assert.Equal(t, "2021", rep.Tasks[0].Format)
	assert.Equal(t, 2022, rep.Tasks[0].Year)
	var got []string
	for _, e := range rep.Tasks[0].Errors {
		got = append(got, e.Rule+"@"+e.Cells[0])
	}
	assert.Equal(t, []string{"t3.result_total@t3.result_total.natural", "t3.row_total@t3.granted.total"}, got)
	assert.Equal(t, 2, rep.Stats.Errors)
	assert.Equal(t, "表三（七）总计·自然人：各项之和为3，表中为4", rep.Tasks[0].Errors[0].Message)

	// --severity filters what is printed, never the exit status.
	code, out, _ = runCLI("check", "--severity", "notice", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "t3.result_total")

	// One unreadable file is reported, counted, and does not stop the batch.
	code, out, errs := runCLI("check", "--json", good, broken, bad)
	assert.Equal(t, 2, code)
	rep = jsonReport{}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Len(t, rep.Tasks, 3)
	assert.Equal(t, 1, rep.Stats.Unreadable)
	assert.Equal(t, 2, rep.Stats.Errors)
	assert.Contains(t, errs, "broken.json")

	// A directory is read recursively.
	code, out, _ = runCLI("check", "-q", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "bad.json")

	code, _, _ = runCLI("check", "--severity", "fatal", good)
	assert.Equal(t, 2, code)
	code, _, _ = runCLI("check")
	assert.Equal(t, 2, code)
}

func TestCheckBaseline(t *testing.T) {
	dir := t.TempDir()
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3
	bad := writeJSONReport(t, dir, "bad.json", badR)
	code, out, _ := runCLI("check", "--json", bad)
	require.Equal(t, 1, code)
	base := filepath.Join(dir, "accepted.json")
	require.NoError(t, os.WriteFile(base, []byte(out), 0o644))

	code, out, errs := runCLI("check", "--baseline", base, bad)
	assert.Equal(t, 0, code, "accepted findings do not fail the run")
	assert.NotContains(t, out, "t3.result_total")
	assert.Contains(t, errs, "已接受的 2 条结果未显示")

	badR.Cells["t4.rev.upheld"] = 1 // a new finding is still reported
	writeJSONReport(t, dir, "bad.json", badR)
	code, out, _ = runCLI("check", "--baseline", base, bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "t4.group_total")
}

func TestCheckOut(t *testing.T) {
	dir := t.TempDir()
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3
	bad := writeJSONReport(t, dir, "bad.json", badR)
	csvPath := filepath.Join(dir, "paper.csv")
	code, _, _ := runCLI("check", "-q", "--out", csvPath, bad)
	assert.Equal(t, 1, code)
	b, err := os.ReadFile(csvPath)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\ufeff文件,单位,年份,规则,严重程度,单元格,位置,应为,实为,说明\n")))
	assert.Contains(t, string(b), "示例县,2022,t3.result_total,error,t3.result_total.natural")

	xlsxPath := filepath.Join(dir, "paper.xlsx")
	code, _, _ = runCLI("check", "-q", "--out", xlsxPath, bad)
	assert.Equal(t, 1, code)
	f, err := excelize.OpenFile(xlsxPath)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("核查结果")
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, "t3.row_total", rows[2][3])
	assert.Equal(t, "3", rows[2][7])
	assert.Equal(t, "4", rows[2][8])
}

func TestCheckPrev(t *testing.T) {
	dir := t.TempDir()
	cur, prev := filepath.Join(dir, "cur"), filepath.Join(dir, "prev")
	require.NoError(t, os.MkdirAll(cur, 0o755))
	require.NoError(t, os.MkdirAll(prev, 0o755))
	p := sampleReport("平潭综合实验区党工委管委会", 2021)
	p.Cells["t3.carry_forward.natural"], p.Cells["t3.carry_forward.total"] = 2, 2
	writeJSONReport(t, prev, "p.json", p)
	other := sampleReport("淮安市人民政府", 2021)
	writeJSONReport(t, prev, "other.json", other)
	c := sampleReport("平潭综合实验区管委会", 2022) // carried_over 1 ≠ last year's 2
	cf := writeJSONReport(t, cur, "c.json", c)
	lone := writeJSONReport(t, cur, "lone.json", sampleReport("洪泽区人民政府", 2022))

	code, out, errs := runCLI("check", "--json", "--prev", prev, cf, lone)
	assert.Equal(t, 0, code, "prev.carry is a warning")
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	var got []string
	for _, e := range rep.Tasks[0].Errors {
		got = append(got, e.Rule+"@"+e.Cells[0])
	}
	assert.Equal(t, []string{"prev.carry@t3.carried_over.natural", "prev.carry@t3.carried_over.total"}, got)
	assert.Empty(t, rep.Tasks[1].Errors, "never paired across agencies")
	assert.Contains(t, errs, "other.json")
	assert.Contains(t, errs, "lone.json")

	// A single --prev file is compared whatever its agency.
	code, out, _ = runCLI("check", "--json", "--prev", filepath.Join(prev, "p.json"), cf)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "prev.carry")
	_, _, errs = runCLI("check", "--prev", cf, cf)
	assert.Contains(t, errs, "prev_year", "a --prev report of the wrong year is said so")
}

func TestCheckAnnotateWorkbook(t *testing.T) {
	dir := t.TempDir()
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3
	in := filepath.Join(dir, "bad.xlsx")
	require.NoError(t, convert.WriteFile(in, badR, convert.Options{}))
	before, err := os.ReadFile(in)
	require.NoError(t, err)
	ann := filepath.Join(dir, "annotated")
	code, out, errs := runCLI("check", "--annotate", ann, in)
	assert.Equal(t, 1, code, out+errs)
	assert.Contains(t, out, "bad.xlsx:三、依申请公开!")
	after, err := os.ReadFile(in)
	require.NoError(t, err)
	assert.Equal(t, before, after, "inputs are never modified")

	f, err := excelize.OpenFile(filepath.Join(ann, "bad.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	comments, err := f.GetComments("三、依申请公开")
	require.NoError(t, err)
	var texts []string
	for _, c := range comments {
		for _, p := range c.Paragraph {
			texts = append(texts, p.Text)
		}
	}
	assert.Contains(t, strings.Join(texts, "\n"), "t3.result_total（error）：表三（七）总计·自然人：各项之和为3，表中为4")

	// Annotating into the input's own directory would overwrite it: refused.
	code, _, errs = runCLI("check", "--annotate", dir, in)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "output_is_input")
}

func TestCheckJSONSeverity(t *testing.T) {
	dir := t.TempDir()
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3
	badR.Sections[4].Heading = "五、存在的主要问题及整改措施" // a notice
	bad := writeJSONReport(t, dir, "bad.json", badR)
	code, out, _ := runCLI("check", "--json", "--severity", "error", bad)
	assert.Equal(t, 1, code)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	for _, e := range rep.Tasks[0].Errors {
		assert.Equal(t, "error", e.Severity)
	}
	assert.Len(t, rep.Tasks[0].Errors, 2)
	assert.Equal(t, 1, rep.Stats.Notices, "stats count every finding")
}

func TestCheckAnnotateKeepsTree(t *testing.T) {
	dir := t.TempDir()
	badR := sampleReport("示例县", 2022)
	badR.Cells["t3.granted.natural"] = 3
	for _, sub := range []string{"a", "b"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "in", sub), 0o755))
		require.NoError(t, convert.WriteFile(filepath.Join(dir, "in", sub, "县.xlsx"), badR, convert.Options{}))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "in", "a", "~$县.xlsx"), []byte("lock"), 0o644))
	ann := filepath.Join(dir, "ann")
	code, out, errs := runCLI("check", "-q", "--annotate", ann, filepath.Join(dir, "in"))
	assert.Equal(t, 1, code, "office lock files in a directory are skipped: %s %s", out, errs)
	for _, sub := range []string{"a", "b"} {
		_, err := os.Stat(filepath.Join(ann, sub, "县.xlsx"))
		assert.NoError(t, err, "equal names in two directories both annotated")
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestCheckTextGolden pins the text output of check on a synthetic report
// with one error of each kind of table rule and a narrative warning.
func TestCheckTextGolden(t *testing.T) {
	dir := t.TempDir()
	r := sampleReport("示例县", 2022)
	r.Cells["t3.granted.natural"] = 3
	r.Cells["t4.rev.upheld"] = 2
	r.Sections[0].Paragraphs = []string{"2022年，本机关共新收政府信息公开申请7件，答复4件。"}
	r.Sections[4].Paragraphs = []string{"无。"}
	p := writeJSONReport(t, dir, "示例县.json", r)
	_, out, _ := runCLI("check", p)
	out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
	golden := filepath.Join("testdata", "check", "text.golden")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), out)
}
