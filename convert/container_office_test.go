package convert

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/internal/testenv"
)

// The LibreOffice tests print their inputs in one soffice run per filter:
// starting LibreOffice costs far more than converting a small file, and the
// machine is shared. officeOut returns a converted file by its output name
// ("wp-sample-2019.pdf"), skipping when its input could not be made (the
// spec missing) or the component its filter needs (Writer, Calc) is not
// there, and failing when a working component lost it.

type officeInput struct {
	name   string // input file name; outputs are named after it
	data   []byte
	filter string // soffice --convert-to
}

var (
	officeOnce    sync.Once
	officeOutputs map[string][]byte
	officeWanted  map[string]string // output name → the filter making it
	officeErr     error             // making the inputs failed
	officeRunErr  map[string]error  // filter → its soffice run's failure
)

// officeTargets maps a filter to the extension of its output.
var officeTargets = map[string]string{
	"pdf:writer_pdf_Export": ".pdf",
	"doc:MS Word 97":        ".doc",
	"xls":                   ".xls",
}

// officeComponent is the LibreOffice component a filter needs.
var officeComponent = map[string]func() error{
	"pdf:writer_pdf_Export": testenv.Writer,
	"doc:MS Word 97":        testenv.Writer,
	"xls":                   testenv.Calc,
}

// blankedSample is sample-2021 with a few cells blanked, and those cells.
func blankedSample() (string, map[string]bool, error) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "sample-2021.txt"))
	if err != nil {
		return "", nil, err
	}
	blanked := map[string]bool{}
	var out []string
	for _, ln := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(ln, "规章 |"):
			ln, blanked["t2.rules.repealed"] = "规章 | 0 |  | 3 |", true
		case strings.HasPrefix(ln, "3.其他 |"):
			ln = "3.其他 | 0 |  | 0 | 0 | 0 |  | 0 | |"
			blanked["t3.other.other.commercial"], blanked["t3.other.other.other_org"] = true, true
		case strings.Contains(ln, "（一）予以公开 |"):
			cells, _ := pipeCells(ln)
			for i, c := range cells {
				if c == "3" && i > 2 {
					cells[i] = ""
					blanked["t3.granted.commercial"] = true
					break
				}
			}
			ln = strings.Join(cells, " | ") + " |"
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n"), blanked, nil
}

// officeInputs makes every input the tests print. The samples are in the
// repo and every reader and writer exists: failing to make their inputs is
// an error; only the official tables of ../shared may be absent.
func officeInputs() ([]officeInput, error) {
	var in []officeInput
	for _, s := range []string{"sample-2019", "sample-2021"} {
		src, err := os.ReadFile(filepath.Join("..", "testdata", s+".txt"))
		if err != nil {
			return nil, err
		}
		page := []byte(pipeToHTML(string(src)))
		in = append(in, officeInput{"wp-" + s + ".html", page, "pdf:writer_pdf_Export"})
		if s == "sample-2021" {
			in = append(in, officeInput{"legacy-" + s + ".html", page, "doc:MS Word 97"})
		}
		r, err := ReadBytes(s+".txt", ".txt", src, Options{})
		if err != nil {
			return nil, err
		}
		for ext, filter := range map[string]string{".docx": "pdf:writer_pdf_Export", ".xlsx": "xls"} {
			b, err := Render(r, ext, Options{})
			if err != nil {
				return nil, err
			}
			in = append(in, officeInput{"own-" + s + ext, b, filter})
		}
	}
	text, _, err := blankedSample()
	if err != nil {
		return nil, err
	}
	in = append(in, officeInput{"blank.html", []byte(pipeToHTML(text)), "pdf:writer_pdf_Export"})
	for _, f := range []string{"2019", "2021"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "shared", "spec", "official-tables-"+f+".html")); err == nil {
			in = append(in, officeInput{"official-" + f + ".html", b, "pdf:writer_pdf_Export"})
		}
	}
	return in, nil
}

func runOffice() {
	dir, err := os.MkdirTemp("", "xxgk-office-test-")
	if err != nil {
		officeErr = err
		return
	}
	defer os.RemoveAll(dir)
	officeOutputs, officeWanted, officeRunErr = map[string][]byte{}, map[string]string{}, map[string]error{}
	byFilter := map[string][]string{}
	inputs, err := officeInputs()
	if err != nil {
		officeErr = err
		return
	}
	for _, in := range inputs {
		p := filepath.Join(dir, "in", in.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			officeErr = err
			return
		}
		if err := os.WriteFile(p, in.data, 0o644); err != nil {
			officeErr = err
			return
		}
		byFilter[in.filter] = append(byFilter[in.filter], p)
		officeWanted[strings.TrimSuffix(in.name, filepath.Ext(in.name))+officeTargets[in.filter]] = in.filter
	}
	for filter, files := range byFilter {
		if officeComponent[filter]() != nil {
			continue // officeOut skips, naming the component
		}
		out := filepath.Join(dir, "out-"+officeTargets[filter][1:])
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
			"--convert-to", filter, "--outdir", out}, files...)
		if b, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
			officeRunErr[filter] = fmt.Errorf("soffice %s: %v: %s", filter, err, b)
			continue
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(out, e.Name())); err == nil {
				officeOutputs[e.Name()] = b
			}
		}
	}
}

// officeOut returns a file the LibreOffice run produced.
func officeOut(t *testing.T, name string) []byte {
	t.Helper()
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	if strings.HasSuffix(name, ".pdf") {
		needHelper(t, "pdftotext")
	}
	officeOnce.Do(runOffice)
	require.NoError(t, officeErr)
	filter, wanted := officeWanted[name]
	if !wanted {
		t.Skip("input for " + name + " not available (../shared absent)")
	}
	if err := officeComponent[filter](); err != nil {
		t.Skip(err.Error())
	}
	require.NoError(t, officeRunErr[filter])
	b, ok := officeOutputs[name]
	require.True(t, ok, "LibreOffice produced no %s", name)
	return b
}
