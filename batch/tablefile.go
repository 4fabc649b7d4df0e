package batch

import (
	"bufio"
	"os"
	"path/filepath"
)

// TableFile streams the flat CSV table into a temporary file beside its
// name, renamed into place by Commit: rows are written as they come, never
// held, and an interrupted batch leaves no half table.
type TableFile struct {
	*CSVWriter
	path string
	tmp  *os.File
	buf  *bufio.Writer
}

// CreateTable starts the table path (making its directory).
func CreateTable(path string) (*TableFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(tmp, 64<<10)
	return &TableFile{CSVWriter: NewCSVWriter(buf), path: path, tmp: tmp, buf: buf}, nil
}

// Commit flushes the table and renames it into place.
func (t *TableFile) Commit() error {
	err := t.Flush()
	if err == nil {
		err = t.buf.Flush()
	}
	if err == nil {
		err = t.tmp.Sync()
	}
	if err == nil {
		err = t.tmp.Close()
	}
	if err == nil {
		err = os.Chmod(t.tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(t.tmp.Name(), t.path)
	}
	return err
}

// Close removes the temporary file; after Commit it does nothing.
func (t *TableFile) Close() {
	t.tmp.Close()
	os.Remove(t.tmp.Name())
}
