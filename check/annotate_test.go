package check

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/templates"
)

func TestSplitPos(t *testing.T) {
	for pos, want := range map[string][2]string{
		"07.xlsx:三、依申请公开!J12": {"三、依申请公开", "J12"},
		"三、依申请公开!D29":         {"三、依申请公开", "D29"},
		"report.txt:57":       {"", ""},
		"07.xlsx:校验":          {"", ""},
	} {
		s, c, ok := SplitPos(pos)
		assert.Equal(t, want[0] != "", ok, pos)
		assert.Equal(t, want, [2]string{s, c}, pos)
	}
}

func TestAnnotate(t *testing.T) {
	r := balanced("2019")
	f := canonicalWorkbook(t, r)
	path := filepath.Join(t.TempDir(), "in.xlsx")
	require.NoError(t, os.WriteFile(path, bytesOf(t, f), 0o644))
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	c := templates.Layout("2019", nil).Cell("t3.result_total.natural")
	fs := []Finding{
		newFinding("t3.result_total", []string{c.ID}, "in.xlsx:"+c.Pos(), 26, 20, "表三（七）总计·自然人：各项之和为26，表中为20"),
		newFinding("table.missing", nil, "in.xlsx", nil, nil, "缺少表四"),
	}
	// Within --max-size: a cap below the workbook's unzipped size refuses it.
	_, err = AnnotateWith(path, fs, convert.Options{MaxSize: 1024})
	require.Error(t, err, "a workbook beyond --max-size is not opened")

	out, err := Annotate(path, fs)
	require.NoError(t, err)
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after, "the input is never modified")

	g, err := excelize.OpenReader(bytesReader(out))
	require.NoError(t, err)
	defer g.Close()
	comments, err := g.GetComments(c.Sheet)
	require.NoError(t, err)
	require.Len(t, comments, 1)
	assert.Equal(t, c.Ref, comments[0].Cell)
	assert.Contains(t, comments[0].Paragraph[0].Text, "各项之和为26")
	st, _ := g.GetCellStyle(c.Sheet, c.Ref)
	style, err := g.GetStyle(st)
	require.NoError(t, err)
	assert.Equal(t, []string{"FF9999"}, style.Fill.Color)
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// TestAnnotateOpenpyxlSaved: a workbook re-saved by openpyxl keeps its
// comments under an absolute path that excelize cannot extend; the copy
// then lists the findings on a sheet of their own.
func TestAnnotateOpenpyxlSaved(t *testing.T) {
	r := balanced("2021")
	r.AddNote("label_variant", "r.txt:3", "一个注释", "t3.granted.natural") // the writer comments it
	saved := openpyxlResave(t, r)
	c := templates.Layout("2021", nil).Cell("t3.result_total.natural")
	fd := newFinding("t3.result_total", []string{c.ID}, "saved.xlsx:"+c.Pos(), 26, 20, "表三（七）总计·自然人：各项之和为26，表中为20")
	b, err := Annotate(saved, []Finding{fd})
	require.NoError(t, err)
	g, err := excelize.OpenReader(bytesReader(b))
	require.NoError(t, err)
	defer g.Close()
	attached := false
	cs, _ := g.GetComments(c.Sheet)
	for _, x := range cs {
		if x.Cell == c.Ref {
			attached = true
		}
	}
	t.Logf("comment attached: %v", attached)
	if !attached {
		rows, err := g.GetRows(AnnotationSheet)
		require.NoError(t, err, "comments not attached: the findings sheet must exist")
		require.Len(t, rows, 2)
		assert.Equal(t, fd.Message, rows[1][3])
	}
	st, _ := g.GetCellStyle(c.Sheet, c.Ref)
	style, err := g.GetStyle(st)
	require.NoError(t, err)
	assert.Equal(t, []string{"FF9999"}, style.Fill.Color)
}
