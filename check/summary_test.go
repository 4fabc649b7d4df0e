package check

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

func summaryTasks() []*Task {
	return []*Task{
		{File: "dir/甲局.json", Valid: false, Format: "2021", Year: 2022, Agency: "甲局", Errors: []Finding{
			{Rule: "t3.balance", Severity: schema.Error, Cells: []string{"t3.a", "t3.b"}, Pos: "甲局.json", Want: 26.0, Got: 20.0, Message: "不平"},
			{Rule: "missing", Severity: schema.Warning, Cells: []string{"t3.c"}, Pos: "甲局.json", Message: "缺数"},
			{Rule: "text.year", Severity: schema.Notice, Pos: "甲局.json:3", Message: "年份"},
		}},
		{File: "乙局.json", Valid: true, Errors: []Finding{}},
		{File: "坏.txt", Err: errors.New("unreadable"), Error: "无法读取（unreadable）", Errors: []Finding{}},
	}
}

// TestSummary: stats count every finding and unreadable file; valid is
// false with an error or an unreadable file; the JSON lists the findings
// at or above the severity asked for, the stats still count all.
func TestSummary(t *testing.T) {
	s := NewSummary(summaryTasks())
	assert.False(t, s.Valid)
	assert.Equal(t, Stats{Files: 3, Errors: 1, Warnings: 1, Notices: 1, Unreadable: 1}, s.Stats)
	assert.False(t, s.Tasks[2].Valid, "unreadable is invalid")
	assert.True(t, NewSummary(summaryTasks()[1:2]).Valid)

	var buf bytes.Buffer
	require.NoError(t, s.WriteJSON(&buf, schema.Warning))
	var got struct {
		Valid bool
		Stats Stats
		Tasks []struct {
			File   string
			Error  string
			Errors []Finding
		}
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	assert.Equal(t, s.Stats, got.Stats)
	require.Len(t, got.Tasks, 3)
	assert.Len(t, got.Tasks[0].Errors, 2, "the notice is not shown")
	assert.NotNil(t, got.Tasks[1].Errors)
	assert.Equal(t, "无法读取（unreadable）", got.Tasks[2].Error)
	assert.Contains(t, buf.String(), "\n  \"valid\": false", "indented")
	assert.Contains(t, buf.String(), "不平", "no HTML escaping of text")
	assert.Len(t, s.Tasks[0].Errors, 3, "the tasks themselves are not filtered")
	assert.NotContains(t, buf.String(), "accepted")

	buf.Reset()
	require.NoError(t, s.WriteJSON(&buf, schema.Notice))
	assert.Equal(t, 3, strings.Count(buf.String(), "\"rule\""))
}

// TestBaseline: the findings of an earlier JSON report are hidden by file
// base name, rule, cells and position; validity follows what is left.
func TestBaseline(t *testing.T) {
	var buf bytes.Buffer
	old := NewSummary(summaryTasks()[:1])
	old.Tasks[0].Errors = old.Tasks[0].Errors[:1]
	require.NoError(t, old.WriteJSON(&buf, schema.Notice))
	b, err := ReadBaseline(&buf)
	require.NoError(t, err)

	task := summaryTasks()[0]
	task.File = "elsewhere/甲局.json"
	assert.Equal(t, 1, b.Filter(task))
	assert.True(t, task.Valid, "the one error was accepted")
	require.Len(t, task.Errors, 2)
	assert.Equal(t, "missing", task.Errors[0].Rule)

	other := summaryTasks()[0]
	other.File = "丙局.json"
	assert.Equal(t, 0, b.Filter(other))
	assert.False(t, other.Valid)

	_, err = ReadBaseline(strings.NewReader("{} trailing"))
	assert.Error(t, err)
}

// TestPaper: one row per finding and per unreadable file, numbers in their
// shortest form, a BOM before the CSV.
func TestPaper(t *testing.T) {
	rows := PaperRows(summaryTasks())
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"dir/甲局.json", "甲局", "2022", "t3.balance", "error", "t3.a t3.b", "甲局.json", "26", "20", "不平"}, rows[0])
	assert.Equal(t, []string{"坏.txt", "", "", "unreadable", "error", "", "", "", "", "无法读取（unreadable）"}, rows[3])
	b, err := PaperCSV(summaryTasks())
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(b, []byte("\ufeff")))
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, PaperHeader, recs[0])
	assert.Len(t, recs, 5)
	assert.Equal(t, "", valueText(nil))
	assert.Equal(t, "3", valueText(3))
	assert.Equal(t, "x", valueText("x"))
}
