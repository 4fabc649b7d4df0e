package report

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

// jsonPieces are the strings random Reports are built from: what JSON
// escaping must get right (quotes, backslashes, control characters, HTML
// characters that stay unescaped, U+2028/U+2029, invalid UTF-8) and what
// real reports hold.
var jsonPieces = []string{
	"", "测试区", "t3.new_received.natural", `"`, `\`, "\n", "\r\n", "\t", "\b", "\f", "\x00", "\x01", "\x1f",
	"\x7f", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe4\xb8", "（一）", "=SUM(A1)", "—", "/", " | ",
	"\u3000\u3000", "é", "😀", "\ufffd", "abc", "1.5", "“引号”",
}

var jsonFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 23, 7004.69, 0.1, 1e-6, 9.99e-7, 1e-7, 5e-324, 1e20, 1e21, 9.99e20,
	123456789.123, -2.5e-9, math.MaxFloat64, 1.0 / 3,
}

func randString(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(5); n > 0; n-- {
		b.WriteString(jsonPieces[rng.IntN(len(jsonPieces))])
	}
	return b.String()
}

func randStrings(rng *rand.Rand) []string {
	switch rng.IntN(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	out := make([]string, rng.IntN(4)+1)
	for i := range out {
		out[i] = randString(rng)
	}
	return out
}

func randReport(rng *rand.Rand) *Report {
	r := &Report{Format: randString(rng), Year: rng.IntN(3000) - 500, Agency: randString(rng), Title: randString(rng),
		Layout: randStrings(rng), Source: Source{Name: randString(rng), SHA256: randString(rng)}, Generator: randString(rng)}
	for n := rng.IntN(4); n > 0; n-- {
		r.Sections = append(r.Sections, Section{ID: randString(rng), Heading: randString(rng), Paragraphs: randStrings(rng)})
	}
	if rng.IntN(5) > 0 {
		r.Cells = map[string]float64{}
		for n := rng.IntN(30); n > 0; n-- {
			v := jsonFloats[rng.IntN(len(jsonFloats))]
			if rng.IntN(2) == 0 {
				v = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(50)-25))
			}
			r.Cells[randString(rng)] = v
		}
	}
	if rng.IntN(5) > 0 {
		r.Missing = map[string]string{}
		for n := rng.IntN(10); n > 0; n-- {
			r.Missing[randString(rng)] = randString(rng)
		}
	}
	for n := rng.IntN(4); n > 0; n-- {
		r.Notes = append(r.Notes, Note{Kind: randString(rng), Pos: randString(rng), Cells: randStrings(rng), Detail: randString(rng)})
	}
	return r
}

// TestAppendJSONMatchesEncodingJSON: the hand-written writer gives the
// bytes encoding/json gives, over random Reports (fixed seeds) and the
// sample.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	full := sample()
	for i, id := range schema.AllIDs() {
		if i%3 == 0 {
			full.Missing[id] = "—"
		} else {
			full.Cells[id] = float64(i)
		}
	}
	mixed := sample()
	mixed.Cells["not.a.cell"] = 1
	reports := []*Report{sample(), full, mixed, New(), {}}
	rng := rand.New(rand.NewPCG(7, 2026))
	for range 2000 {
		reports = append(reports, randReport(rng))
	}
	for i, r := range reports {
		want, err := encodeJSONReflect(r)
		require.NoError(t, err, "report %d", i)
		got, err := AppendJSON(nil, r)
		require.NoError(t, err, "report %d", i)
		require.Equal(t, string(want), string(got), "report %d", i)
	}
}

func TestAppendJSONRefusesNaN(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := sample()
		r.Cells["t2.procurement.amount"] = v
		_, err := AppendJSON(nil, r)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "t2.procurement.amount")
	}
}

func BenchmarkWriteJSONReport(b *testing.B) {
	r := randReport(rand.New(rand.NewPCG(1, 2)))
	for b.Loop() {
		_, _ = AppendJSON(nil, r)
	}
}
