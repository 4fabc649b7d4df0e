package batch

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

func TestCSV(t *testing.T) {
	r := report.New()
	r.Format, r.Year, r.Agency = "2019", 2020, "=HYPERLINK(\"x\")测试局"
	r.Cells["t3.new_received.natural"] = 23
	r.Cells["t2.license.items_change"] = -8
	r.Cells["t2.procurement.amount"] = 7004.69
	r.Missing["t3.new_received.total"] = "—"
	r.Cells["t3.other.fee_unpaid.natural"] = 0 // not a 2019 cell, but present: printed as is

	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	require.NoError(t, w.Write("a,\"b\".txt", r))
	require.NoError(t, w.Write("@c.txt", report.New()))
	require.NoError(t, w.Flush())
	out := buf.String()
	require.True(t, strings.HasPrefix(out, "\uFEFF"), "BOM")
	assert.Contains(t, out, "\r\n", "CRLF")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	hdr := recs[0]
	assert.Equal(t, []string{"file", "agency", "year", "format"}, hdr[:4])
	assert.Len(t, hdr, 4+len(schema.AllIDs()))
	col := func(id string) int {
		for i, h := range hdr {
			if h == id {
				return i
			}
		}
		t.Fatalf("no column %s", id)
		return -1
	}
	row := recs[1]
	assert.Equal(t, "a,\"b\".txt", row[0], "quoted round trip")
	assert.Equal(t, "'=HYPERLINK(\"x\")测试局", row[1], "injection defused")
	assert.Equal(t, "2020", row[2])
	assert.Equal(t, "2019", row[3])
	assert.Equal(t, "23", row[col("t3.new_received.natural")])
	assert.Equal(t, "-8", row[col("t2.license.items_change")], "numbers are not prefixed")
	assert.Equal(t, "7004.69", row[col("t2.procurement.amount")])
	assert.Equal(t, "", row[col("t3.new_received.total")], "missing is blank, never 0")
	assert.Equal(t, "", row[col("t2.rules.issued")], "a 2021 cell in a 2019 report is blank")
	assert.Equal(t, "'@c.txt", recs[2][0])
	assert.Equal(t, "", recs[2][2], "no year")

	var empty bytes.Buffer
	require.NoError(t, NewCSVWriter(&empty).Flush())
	assert.Equal(t, 1, strings.Count(empty.String(), "\r\n"), "header only")
}

func benchReport() *report.Report {
	r := report.New()
	r.Format, r.Year, r.Agency = "2021", 2023, "测试局"
	for i, id := range schema.Get("2021").IDs(nil) {
		r.Cells[id] = float64(i)
	}
	return r
}
