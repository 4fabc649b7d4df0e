package check

import (
	"testing"

	"github.com/xxgk/xxgk/schema"
)

// FuzzNarrative: any narrative text gives findings of narrative rules only,
// each quoting a number of the text, and never panics.
func FuzzNarrative(f *testing.F) {
	f.Add("2022年，本机关共受理政府信息公开申请3259件，答复3278件。")
	f.Add("其中 11 件已按期办结，8 件申请人主动撤销。")
	f.Add("办理上年度结转申请1件。答复11件。")
	f.Fuzz(func(t *testing.T, para string) {
		r := balanced("2021")
		r.Sections[0].Paragraphs = []string{para}
		for _, fd := range Narrative(r) {
			rule, ok := schema.RuleByID(fd.Rule)
			if !ok || rule.Scope != "text" {
				t.Fatalf("narrative gave rule %q", fd.Rule)
			}
		}
	})
}
