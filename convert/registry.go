package convert

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// Options steer reading and writing. The zero value reads with format auto
// and the default size cap, and writes complete documents.
type Options struct {
	// Format is "", "auto", "2019" or "2021". Forcing a format the labels
	// contradict is an error.
	Format string
	// Fragment makes the HTML writer emit only the article body.
	Fragment bool
	// MaxSize caps the input size in bytes; 0 means DefaultMaxSize.
	MaxSize int64
}

// DefaultMaxSize is the input cap when Options.MaxSize is 0 (--max-size
// raises it).
const DefaultMaxSize = 64 << 20

// ErrNotReport: none of the three tables and none of the six headings found.
var ErrNotReport = errors.New("not a report: none of the three tables and none of the six section headings found")

// ErrUnsupported: no reader or writer for the file's extension.
var ErrUnsupported = errors.New("unsupported file type")

// InputError is an error about an input file, with the place in it.
type InputError struct {
	File string // the file as the user named it
	Pos  string // "line 57", "三、依申请公开!J12", "" when the whole file
	Err  error
}

func (e *InputError) Error() string {
	if e.Pos != "" {
		return e.File + ": " + e.Pos + ": " + e.Err.Error()
	}
	return e.File + ": " + e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }

// ReadFunc reads the bytes of a file into a Report. name is the base name
// used in positions.
type ReadFunc func(name string, data []byte, opt Options) (*report.Report, error)

// WriteFunc renders a Report.
type WriteFunc func(w io.Writer, r *report.Report, opt Options) error

// DocFunc turns decoded text into a Document (text-based readers).
type DocFunc func(name, text string) (*Document, error)

var (
	readers = map[string]ReadFunc{}
	writers = map[string]WriteFunc{}
)

// RegisterReader makes a reader available for a file extension (".txt").
func RegisterReader(ext string, f ReadFunc) { readers[ext] = f }

// RegisterWriter makes a writer available for a file extension (".xlsx").
func RegisterWriter(ext string, f WriteFunc) { writers[ext] = f }

// RegisterTextReader registers a reader that decodes the bytes, builds a
// Document and recognizes it.
func RegisterTextReader(ext string, f DocFunc) {
	readers[ext] = func(name string, data []byte, opt Options) (*report.Report, error) {
		text, enc, err := Decode(data)
		if err != nil {
			return nil, err
		}
		if err := checkText(ext, text); err != nil {
			return nil, err
		}
		doc, err := f(name, text)
		if err != nil {
			return nil, err
		}
		if enc != "utf-8" {
			doc.Notes = append(doc.Notes, DocNote{Kind: report.NoteEncoding, Pos: name, Detail: "输入编码为 " + enc + "，已转换为 UTF-8"})
		}
		return Recognize(doc, opt)
	}
}

// Readable lists the extensions xxgk reads; Writable those it writes.
func Readable() []string { return keys(readers) }

// Writable lists the extensions xxgk writes.
func Writable() []string { return keys(writers) }

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Ext returns the lower-case extension of a path (".htm" is ".html").
func Ext(path string) string {
	e := strings.ToLower(filepath.Ext(path))
	if e == ".htm" {
		e = ".html"
	}
	return e
}

// ReadBytes reads a report from bytes with the reader of ext. The Report's
// source is set to name and the bytes' SHA-256 unless the input carried its
// own (a workbook or JSON made by xxgk names the original report).
func ReadBytes(name, ext string, data []byte, opt Options) (*report.Report, error) {
	rd, ok := readers[ext]
	if !ok {
		return nil, &InputError{File: name, Err: fmt.Errorf("%w %q (xxgk reads %s)", ErrUnsupported, ext, strings.Join(Readable(), " "))}
	}
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if int64(len(data)) > max {
		return nil, &InputError{File: name, Err: fmt.Errorf("%w: %d bytes, cap %d (raise with --max-size)", ErrTooLarge, len(data), max)}
	}
	r, err := rd(filepath.Base(name), data, opt)
	return finishRead(name, data, r, err)
}

// finishRead is what ReadBytes does with a reader's result: errors name the
// input, the Source is set, the Report normalised.
func finishRead(name string, data []byte, r *report.Report, err error) (*report.Report, error) {
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			if ie.File == "" {
				ie.File = name
			}
			return nil, ie
		}
		return nil, &InputError{File: name, Err: err}
	}
	if r.Source.Name == "" {
		sum := sha256.Sum256(data)
		r.Source = report.Source{Name: filepath.Base(name), SHA256: hex.EncodeToString(sum[:])}
	}
	r.Normalize()
	return r, nil
}

// Limits on the shape of a text input, checked before any reader builds a
// Document (whose cells cost far more memory than the bytes they come from):
// a report is a few hundred lines (a few thousand from a long PDF), its
// longest line a paragraph or a table pasted as one line, a few tens of
// kilobytes; an HTML page of a report has some tens of thousands of tags.
const (
	MaxLineBytes = 256 << 10 // one line of .txt or .md
	MaxLines     = 20000     // lines of .txt or .md
	MaxHTMLTags  = 60000     // '<' in an .html
)

// ErrLineTooLong: a line of a text input exceeds MaxLineBytes.
var ErrLineTooLong = errors.New("line too long")

// ErrTooManyLines: a text input has more than MaxLines lines, or an HTML
// input more than MaxHTMLTags tags.
var ErrTooManyLines = errors.New("too many lines or elements for a report")

// checkText refuses a text whose shape no report has, naming the place.
func checkText(ext, text string) error {
	if ext == ".html" {
		if n := strings.Count(text, "<"); n > MaxHTMLTags {
			return fmt.Errorf("%w: %d tags, at most %d", ErrTooManyLines, n, MaxHTMLTags)
		}
		return nil
	}
	line := 1
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		n := i
		if i < 0 {
			n = len(text)
		}
		if n > MaxLineBytes {
			return &InputError{Pos: fmt.Sprintf("line %d", line),
				Err: fmt.Errorf("%w: %d bytes, at most %d", ErrLineTooLong, n, MaxLineBytes)}
		}
		if i < 0 {
			break
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
		line++
		if line > MaxLines {
			return &InputError{Pos: fmt.Sprintf("line %d", line),
				Err: fmt.Errorf("%w: more than %d lines", ErrTooManyLines, MaxLines)}
		}
	}
	return nil
}

// ErrTooLarge: the input exceeds the size cap.
var ErrTooLarge = errors.New("input too large")

// ReadFile reads a report from a file, choosing the reader by extension.
func ReadFile(path string, opt Options) (*report.Report, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	// Open, then stat the open file: one system call fewer per input than
	// stat + os.ReadFile, which matters over thousands of small files.
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	if fi.IsDir() {
		return nil, &InputError{File: path, Err: errors.New("is a directory")}
	}
	if fi.Size() > max {
		return nil, &InputError{File: path, Err: fmt.Errorf("%w: %d bytes, cap %d (raise with --max-size)", ErrTooLarge, fi.Size(), max)}
	}
	// Read at most max+1 bytes: a file that grows past the cap after the
	// stat (or a special file without a size) is refused, never read whole.
	data := make([]byte, 0, fi.Size()+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		end := cap(data)
		if int64(end) > max {
			end = int(max) + 1 // max < cap ≤ MaxInt: no overflow
		}
		n, err := f.Read(data[len(data):end])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, &InputError{File: path, Err: fmt.Errorf("%w: more than %d bytes (raise with --max-size)", ErrTooLarge, max)}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &InputError{File: path, Err: err}
		}
	}
	r, err := ReadBytes(filepath.Base(path), Ext(path), data, opt)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.File = path
		}
		return nil, err
	}
	return r, nil
}

// Render renders a Report with the writer for ext into memory.
func Render(r *report.Report, ext string, opt Options) ([]byte, error) {
	return RenderAppend(nil, r, ext, opt)
}

// RenderAppend is Render appending to dst, so that a batch can reuse one
// buffer per output instead of growing a new one for each.
func RenderAppend(dst []byte, r *report.Report, ext string, opt Options) ([]byte, error) {
	w, ok := writers[ext]
	if !ok {
		return nil, fmt.Errorf("%w %q (xxgk writes %s)", ErrUnsupported, ext, strings.Join(Writable(), " "))
	}
	buf := bytes.NewBuffer(dst)
	if ext == ".xlsx" {
		buf.Grow(48 << 10) // a workbook is 35–40 KB, written in many pieces
	}
	if err := w(buf, r, opt); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile renders a Report to path, choosing the writer by extension. The
// output goes to a temporary file beside path and is renamed into place, so
// a failure never leaves a partial file.
func WriteFile(path string, r *report.Report, opt Options) error {
	b, err := Render(r, Ext(path), opt)
	if err != nil {
		return err
	}
	return AtomicWrite(path, b)
}

// AtomicWrite writes data to a temporary file beside path, syncs it and
// renames it into place.
func AtomicWrite(path string, data []byte) error { return atomicWrite(path, data, true) }

// AtomicWriteNoSync is AtomicWrite without the fsync. The rename still makes
// the output appear whole or not at all to every reader and to an
// interrupted process; only after a power failure might a new file be empty.
// A batch writes thousands of files and an fsync each costs about a
// millisecond of waiting, more than converting a report; like cp, it leaves
// flushing to the system.
func AtomicWriteNoSync(path string, data []byte) error { return atomicWrite(path, data, false) }

func atomicWrite(path string, data []byte, sync bool) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	// On the open file (fchmod), not by path: no second lookup.
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if sync {
		if err := f.Sync(); err != nil {
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := rename(tmp, path); err != nil {
		return err
	}
	ok = true
	return nil
}

func init() {
	RegisterReader(".json", func(name string, data []byte, opt Options) (*report.Report, error) {
		r, err := report.ReadJSON(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if opt.Format != "" && opt.Format != "auto" && opt.Format != r.Format {
			return nil, fmt.Errorf("--format %s contradicts the JSON's format %s", opt.Format, r.Format)
		}
		return r, nil
	})
	RegisterWriter(".json", func(w io.Writer, r *report.Report, opt Options) error {
		return report.WriteJSON(w, r)
	})
}
