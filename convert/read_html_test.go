package convert

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// dumpDoc prints a Document for eyeballing in tests.
func dumpDoc(d *Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if bl.Kind == Para {
			fmt.Fprintf(&b, "P %s h=%v b=%v %q\n", bl.Pos, bl.Heading, bl.Body, bl.Text)
			continue
		}
		fmt.Fprintf(&b, "G %s\n", bl.Pos)
		for _, row := range bl.Rows {
			var cs []string
			for _, c := range row {
				t := c.Text
				if c.Cont {
					t = "^"
				}
				cs = append(cs, t)
			}
			fmt.Fprintf(&b, "  %s\n", strings.Join(cs, " | "))
		}
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "N %s %s %.200s\n", n.Kind, n.Pos, n.Detail)
	}
	return b.String()
}

func TestDumpDoc(t *testing.T) {
	path := os.Getenv("XXGK_DOC")
	if path == "" {
		t.Skip("set XXGK_DOC to a file to print its Document")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var d *Document
	switch Ext(path) {
	case ".html":
		d, err = readHTML("x"+Ext(path), text)
	case ".md":
		d, err = readMarkdown("x.md", text)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + dumpDoc(d))
}
