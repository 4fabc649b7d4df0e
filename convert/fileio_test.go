package convert

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAtomicWrite: outputs appear whole with mode 0644 whatever the umask,
// replace what was there, leave no temporary file, and a directory that
// does not exist is an error naming the path.
func TestAtomicWrite(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	for _, write := range []struct {
		name string
		fn   func(string, []byte) error
	}{{"sync", AtomicWrite}, {"nosync", AtomicWriteNoSync}} {
		t.Run(write.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out.json")
			require.NoError(t, write.fn(p, []byte("first")))
			require.NoError(t, write.fn(p, []byte("second, longer")))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.Equal(t, "second, longer", string(b))
			fi, err := os.Stat(p)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

			var wg sync.WaitGroup
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					assert.NoError(t, write.fn(p, []byte("same")))
				}()
			}
			wg.Wait()
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Len(t, entries, 1, "no temporary file left")
			assert.Equal(t, "out.json", entries[0].Name())

			err = write.fn(filepath.Join(dir, "missing", "x.json"), []byte("x"))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "missing")
			require.Error(t, write.fn(dir, []byte("x")), "a directory is not replaced")
		})
	}
}

// TestReadFileLimits: ReadFile refuses a file over the cap, a directory and
// a missing file with an InputError naming the path, and reads one exactly
// at the cap.
func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	body := []byte("一、总体情况\n\u3000\u3000本机关坚持公开。\n")
	p := filepath.Join(dir, "r.txt")
	require.NoError(t, os.WriteFile(p, body, 0o644))
	for _, tc := range []struct {
		name string
		path string
		max  int64
		want string
	}{
		{"over the cap", p, int64(len(body)) - 1, "cap"},
		{"directory", dir, 0, "is a directory"},
		{"missing", filepath.Join(dir, "nope.txt"), 0, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFile(tc.path, Options{MaxSize: tc.max})
			require.Error(t, err)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.path, ie.File)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := ReadFile(p, Options{MaxSize: int64(len(body))})
	if err != nil {
		assert.NotErrorIs(t, err, ErrTooLarge, "a file exactly at the cap is read")
	}
	_, err = ReadFile(p, Options{MaxSize: 1<<63 - 1})
	if err != nil {
		assert.NotErrorIs(t, err, ErrTooLarge)
	}
}
