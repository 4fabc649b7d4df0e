package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/report"
)

// TestSink: outputs land whole in directories made on demand; a failure
// names the output; buffers come back empty and large ones are dropped.
func TestSink(t *testing.T) {
	dir := t.TempDir()
	s := NewSink()
	assert.Nil(t, s.Buffer(), "no buffer free yet")
	p := filepath.Join(dir, "a", "b", "out.json")
	require.NoError(t, s.Write(p, []byte("{}")))
	require.NoError(t, s.Write(filepath.Join(dir, "a", "b", "two.json"), []byte("[]")))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "{}", string(b))

	require.NoError(t, os.MkdirAll(filepath.Join(dir, "taken", "x"), 0o755))
	err = s.Write(filepath.Join(dir, "taken"), []byte("x"))
	var we *WriteError
	require.True(t, errors.As(err, &we), "%v", err)
	assert.Equal(t, filepath.Join(dir, "taken"), we.Path)
	assert.NotNil(t, errors.Unwrap(err))

	s.Release(append(make([]byte, 0, 64), "used"...))
	got := s.Buffer()
	assert.Empty(t, got)
	assert.Equal(t, 64, cap(got))
	s.Release(make([]byte, 0, DeferWriteMax+1))
	assert.Nil(t, s.Buffer(), "a large buffer is not kept")
}

// TestTableFile: the table appears only on Commit, whole, with its header;
// closed without Commit it leaves nothing behind.
func TestTableFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "all.csv")
	tf, err := CreateTable(path)
	require.NoError(t, err)
	r := report.New()
	r.Format, r.Year, r.Agency = "2021", 2022, "甲局"
	require.NoError(t, tf.Write("甲局.txt", r))
	assert.NoFileExists(t, path, "not before Commit")
	require.NoError(t, tf.Commit())
	tf.Close()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "\uFEFFfile,agency,year,format,"))
	assert.Contains(t, string(b), "甲局.txt,甲局,2022,2021")
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

	gone := filepath.Join(dir, "gone.csv")
	tf, err = CreateTable(gone)
	require.NoError(t, err)
	require.NoError(t, tf.Write("x.txt", r))
	tf.Close()
	assert.NoFileExists(t, gone)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp-", "temporary file left")
	}
}
