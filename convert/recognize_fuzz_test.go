package convert

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xxgk/xxgk/schema"
)

// FuzzReadText: any text either is not a report or reads into a Report
// whose cells and missing cells are ids of its format, never both, and
// whose notes all carry a position.
func FuzzReadText(f *testing.F) {
	for _, name := range []string{"sample-2019", "sample-2021"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", name+".txt")); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"一、总体情况2020年，某某县坚持公开。\n",
		"三、收到和处理政府信息公开申请情况\n（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
		"四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n1 | 2 |\n",
		"规章 |\n0 |\n|\n||||\n",
		"\u3000\u3000一、总体情况\n| 类别 | 数据1 |\n|---|---|\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := readText("f.txt", text)
		if err != nil {
			return
		}
		r, err := Recognize(doc, Options{})
		if errors.Is(err, ErrNotReport) {
			return
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		fm := schema.Get(r.Format)
		if fm == nil {
			t.Fatalf("format %q", r.Format)
		}
		for id := range r.Cells {
			if !fm.HasCell(id, r.Layout) {
				t.Fatalf("cell %s not in format %s %v", id, r.Format, r.Layout)
			}
			if _, ok := r.Missing[id]; ok {
				t.Fatalf("cell %s both present and missing", id)
			}
		}
		for id := range r.Missing {
			if !fm.HasCell(id, r.Layout) {
				t.Fatalf("missing %s not in format %s %v", id, r.Format, r.Layout)
			}
		}
		if len(r.Cells)+len(r.Missing) != len(fm.IDs(r.Layout)) {
			t.Fatalf("%d cells + %d missing ≠ %d", len(r.Cells), len(r.Missing), len(fm.IDs(r.Layout)))
		}
		for _, n := range r.Notes {
			if n.Pos == "" {
				t.Fatalf("note without position: %+v", n)
			}
		}
	})
}
