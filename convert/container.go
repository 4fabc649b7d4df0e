package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// Containers: files whose report text xxgk gets through a helper program.
//
//	.pdf             pdftotext -layout (poppler-utils), then the .txt layouts
//	.doc .wps        soffice --headless --convert-to docx, then the .docx reader
//	.xls .et         soffice --headless --convert-to xlsx, then the .xlsx reader
//
// The helpers run on a copy of the input in a temporary directory that is
// removed afterwards. A missing helper is an error naming the Debian package
// that provides it. A scanned PDF (no text layer), or a report whose 表三 is
// published as an image, is an error: xxgk does no OCR.

// ErrHelperMissing: the helper program a container needs is not installed.
var ErrHelperMissing = errors.New("helper program not installed")

// ErrImageOnly: the text the report's tables are in is an image.
var ErrImageOnly = errors.New("published as an image; OCR is not supported")

// HelperError names the missing program and the Debian package to install.
type HelperError struct {
	Program, Package string
}

func (e *HelperError) Error() string {
	return fmt.Sprintf("%s: %s (install the Debian package %s)", ErrHelperMissing, e.Program, e.Package)
}

func (e *HelperError) Unwrap() error { return ErrHelperMissing }

// Code is the error code the CLI prints.
func (e *HelperError) Code() string { return "helper_missing" }

// Chinese is the message the CLI prints.
func (e *HelperError) Chinese() string {
	return "缺少外部程序 " + e.Program + "，请安装 Debian 软件包 " + e.Package + "（apt-get install " + e.Package + "）"
}

// ImageError says which part of a PDF is an image.
type ImageError struct {
	What string // "表三", or "" for the whole document (a scanned PDF)
}

func (e *ImageError) Error() string {
	if e.What == "" {
		return "the PDF has no text layer (a scanned document): " + ErrImageOnly.Error()
	}
	return e.What + " is an image: " + ErrImageOnly.Error()
}

func (e *ImageError) Unwrap() error { return ErrImageOnly }

// Code is the error code the CLI prints.
func (e *ImageError) Code() string { return "image_only" }

// Chinese is the message the CLI prints.
func (e *ImageError) Chinese() string {
	if e.What == "" {
		return "PDF 没有文字层（扫描件），xxgk 不做文字识别（OCR）"
	}
	return e.What + "是图片，xxgk 不做文字识别（OCR），无法读取其中的数字"
}

// pdfMaxPages bounds the pages of a PDF read.
const pdfMaxPages = 500

// helperTimeout bounds one helper run.
var helperTimeout = 3 * time.Minute

// lookHelper finds a helper program or returns a HelperError.
var lookHelper = func(program, pkg string) (string, error) {
	p, err := exec.LookPath(program)
	if err != nil {
		return "", &HelperError{Program: program, Package: pkg}
	}
	return p, nil
}

// withTempCopy writes data to a file named like the input in a fresh
// temporary directory and calls f with its path.
func withTempCopy(name string, data []byte, f func(dir, path string) error) error {
	dir, err := os.MkdirTemp("", "xxgk-container-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// A plain ASCII name: helpers and shells need no quoting.
	path := filepath.Join(dir, "input"+strings.ToLower(filepath.Ext(name)))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return f(dir, path)
}

func runHelper(dir string, prog string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), helperTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// The output is capped like an input: a helper never fills memory.
	out := &cappedBuffer{max: DefaultMaxSize}
	cmd.Stdout = out
	err := cmd.Run()
	if out.over {
		return nil, fmt.Errorf("%w: %s printed more than %d bytes", ErrTooLarge, filepath.Base(prog), out.max)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, fmt.Errorf("%s failed: %v %s", filepath.Base(prog), err, msg)
	}
	return out.buf.Bytes(), nil
}

// cappedBuffer keeps at most max bytes; a write beyond fails, which stops the
// copy from the helper (it then gets a broken pipe).
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		c.over = true
		return 0, ErrTooLarge
	}
	return c.buf.Write(p)
}

// pdfText runs pdftotext -layout on a PDF.
func pdfText(name string, data []byte) (string, error) {
	prog, err := lookHelper("pdftotext", "poppler-utils")
	if err != nil {
		return "", err
	}
	var text string
	err = withTempCopy(name, data, func(dir, path string) error {
		// At most pdfMaxPages pages: a report has a few dozen; a PDF of
		// thousands of pages (or a bomb of compressed text) is not read
		// whole.
		out, err := runHelper(dir, prog, "-layout", "-enc", "UTF-8", "-l", strconv.Itoa(pdfMaxPages), path, "-")
		if err != nil {
			return err
		}
		text = string(out)
		return nil
	})
	return text, err
}

// readPDF reads a PDF through pdftotext -layout and the .txt layouts.
func readPDF(name string, data []byte, opt Options) (*report.Report, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF")) {
		return nil, fmt.Errorf("not a PDF file (no %%PDF header)")
	}
	text, err := pdfText(name, data)
	if err != nil {
		return nil, err
	}
	if err := imageOnly(text); err != nil {
		return nil, err
	}
	if err := checkText(".txt", text); err != nil {
		return nil, err
	}
	doc, err := readText(name, text)
	if err != nil {
		return nil, err
	}
	return Recognize(doc, opt)
}

// imageOnly tells a PDF whose text says nothing (scanned) or whose 表三 is
// an image (the heading of section 三 is there but none of its row labels)
// from one xxgk can read.
func imageOnly(text string) error {
	n := schema.Normalize(text)
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" || len([]rune(n)) < 20 {
		return &ImageError{}
	}
	hasT3Heading := false
	for _, ln := range splitLines(text) {
		if headingOf(strings.TrimFunc(ln, isBlankRune)) == "s3" {
			hasT3Heading = true
		}
	}
	if !hasT3Heading {
		return nil
	}
	for _, l := range []string{"一、本年新收政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理", "1.属于国家秘密"} {
		if strings.Contains(n, schema.Normalize(l)) {
			return nil
		}
	}
	return &ImageError{What: "表三"}
}

// officeConvert converts an office file with soffice into target ("docx" or
// "xlsx") and returns the converted bytes.
func officeConvert(name string, data []byte, target, pkg string) ([]byte, error) {
	prog, err := lookHelper("soffice", pkg)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = withTempCopy(name, data, func(dir, path string) error {
		profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
		if _, err := runHelper(dir, prog, "-env:UserInstallation="+profile, "--headless", "--norestore",
			"--convert-to", target, "--outdir", filepath.Join(dir, "out"), path); err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, "out", "input."+target))
		if err != nil {
			return fmt.Errorf("soffice produced no %s: %w", target, err)
		}
		out = b
		return nil
	})
	return out, err
}

// officeReader reads a legacy office file by converting it to target and
// handing the result to the reader of ".target".
func officeReader(target, pkg string) ReadFunc {
	return func(name string, data []byte, opt Options) (*report.Report, error) {
		rd, ok := readers["."+target]
		if !ok {
			return nil, fmt.Errorf("%w %q: this build has no .%s reader to read the converted file", ErrUnsupported, filepath.Ext(name), target)
		}
		b, err := officeConvert(name, data, target, pkg)
		if err != nil {
			return nil, err
		}
		return rd(name, b, opt)
	}
}

func init() {
	RegisterReader(".pdf", readPDF)
	RegisterReader(".doc", officeReader("docx", "libreoffice-writer"))
	RegisterReader(".wps", officeReader("docx", "libreoffice-writer"))
	RegisterReader(".xls", officeReader("xlsx", "libreoffice-calc"))
	RegisterReader(".et", officeReader("xlsx", "libreoffice-calc"))
}
