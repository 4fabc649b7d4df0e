package convert

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

func TestReadValue(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind schema.Kind
		unit string
		want float64
		ok   bool
		note string
	}{
		{"plain", "23", schema.Count, "", 23, true, ""},
		{"padded", "\u00a0 0\u00a0\u00a0", schema.Count, "", 0, true, ""},
		{"full width", "２３", schema.Count, "", 23, true, ""},
		{"thousands", "1,302", schema.Count, "", 1302, true, ""},
		{"thousands full width comma", "1，302", schema.Count, "", 1302, true, ""},
		{"big", "3985758", schema.Count, "", 3985758, true, ""},
		{"unit word", "12件", schema.Count, "", 12, true, ""},
		{"signed plus", "+3", schema.SignedCount, "", 3, true, ""},
		{"signed minus", "-8", schema.SignedCount, "", -8, true, ""},
		{"plus on count", "+3", schema.Count, "", 0, false, report.NoteUnreadableValue},
		{"double minus", "--253", schema.SignedCount, "", 0, false, report.NoteUnreadableValue},
		{"question", "12件?", schema.Count, "", 0, false, report.NoteUnreadableValue},
		{"about", "约30", schema.Count, "", 0, false, report.NoteUnreadableValue},
		{"blank", "", schema.Count, "", 0, false, ""},
		{"em dash", "—", schema.Count, "", 0, false, ""},
		{"full dash", "－", schema.Count, "", 0, false, ""},
		{"hyphen", "-", schema.Count, "", 0, false, ""},
		{"slash", "/", schema.Count, "", 0, false, ""},
		{"full slash", "／", schema.Count, "", 0, false, ""},
		{"wu", "无", schema.Count, "", 0, false, ""},
		{"wanyuan inline", "7004.69万元", schema.Amount, "", 7004.69, true, ""},
		{"yuan inline", "251000元", schema.Amount, "", 25.1, true, report.NoteUnitConverted},
		{"yuan decimals", "73802895.90元", schema.Amount, "", 7380.28959, true, report.NoteUnitConverted},
		{"header wanyuan", "4166.241619", schema.Amount, "万元", 4166.241619, true, ""},
		{"bare amount", "7004.69", schema.Amount, "", 0, false, report.NoteUnitUnknown},
		{"negative amount", "-5万元", schema.Amount, "", 0, false, report.NoteUnreadableValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ReadValue(tt.text, tt.kind, tt.unit)
			assert.Equal(t, tt.ok, v.OK)
			if tt.ok {
				assert.InDelta(t, tt.want, v.Num, 1e-9)
			}
			assert.Equal(t, tt.note, v.NoteKind)
		})
	}
}

func TestHeaderUnit(t *testing.T) {
	assert.Equal(t, "万元", HeaderUnit("采购总金额（单位：万元）"))
	assert.Equal(t, "万元", HeaderUnit("本年收费金额（单位：万元）"))
	assert.Equal(t, "万元", HeaderUnit("采购总金额(万元,保留四位小数)"))
	assert.Equal(t, "", HeaderUnit("采购总金额"))
}
