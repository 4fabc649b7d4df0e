package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sample() *Report {
	r := New()
	r.Format, r.Year, r.Agency, r.Title = "2019", 2020, "测试区", "测试区2020年政府信息公开工作年度报告"
	r.Sections = []Section{{ID: "s0", Paragraphs: []string{"本年度报告<&>“引号”"}}, {ID: "s1", Heading: "一、总体情况", Paragraphs: []string{"=SUM(A1)", "二、像标题的段落"}}}
	r.Cells["t3.new_received.natural"] = 23
	r.Cells["t2.procurement.amount"] = 7004.69
	r.Missing["t3.new_received.total"] = "—"
	r.AddNote(NoteLabelVariant, "report.txt:61", "3.危机“三安全一稳定” → 3.危及“三安全一稳定”", "t3.denied.security_stability.natural")
	r.Source = Source{Name: "report.txt", SHA256: "ab"}
	r.Generator = "xxgk test"
	return r
}

func TestJSONRoundTrip(t *testing.T) {
	r := sample()
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, r))
	assert.Contains(t, buf.String(), `"t3.new_received.natural": 23`)
	assert.Contains(t, buf.String(), `本年度报告<&>`)
	back, err := ReadJSON(&buf)
	require.NoError(t, err)
	r.Normalize()
	back.Pos = r.Pos
	assert.Equal(t, r, back)
	var again bytes.Buffer
	require.NoError(t, WriteJSON(&again, back))
	var first bytes.Buffer
	require.NoError(t, WriteJSON(&first, r))
	assert.Equal(t, first.String(), again.String(), "deterministic")
}

func TestReadJSONRefuses(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"format", `{"format":"2022"}`, "unknown format"},
		{"cell", `{"format":"2021","cells":{"t2.rules.made_new":1}}`, "not in format 2021"},
		{"missing cell", `{"format":"2019","missing":{"t9.x":""}}`, "not in format 2019"},
		{"syntax", `{"format":`, "json:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// FuzzReadJSON: the JSON reader never panics; what it accepts writes and
// reads back to the same Report.
func FuzzReadJSON(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteJSON(&buf, sample())
	f.Add(buf.String())
	f.Add(`{"format":"2021","cells":{"t4.rev.total":1e308}}`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ReadJSON(strings.NewReader(s))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteJSON(&out, r); err != nil {
			t.Fatal(err)
		}
		back, err := ReadJSON(&out)
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		back.Pos = r.Pos
		if back.Generator == "" || r.Generator == "" {
			back.Generator, r.Generator = "", ""
		}
		assert.Equal(t, r, back)
	})
}
