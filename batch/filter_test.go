package batch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func touch(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
}

func rels(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Rel)
	}
	return out
}

// TestWithoutTree: the outputs of an earlier run inside the walked
// directory are dropped; a file named on the command line is kept.
func TestWithoutTree(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "reports")
	out := filepath.Join(in, "out")
	touch(t, filepath.Join(in, "a.txt"), filepath.Join(out, "a.json"), filepath.Join(in, "z.txt"))
	files, err := Expand([]string{filepath.Join(out, "a.json"), in}, []string{".txt", ".json"})
	require.NoError(t, err)
	require.Len(t, files, 3, "a.json is listed once, as named")
	assert.Equal(t, []string{"a.json", "a.txt", "z.txt"}, rels(WithoutTree(files, out)))

	files, err = Expand([]string{in}, []string{".txt", ".json"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "z.txt"}, rels(WithoutTree(files, out)))
	kept := WithoutTree(files, filepath.Join(root, "elsewhere"))
	assert.Equal(t, &files[0], &kept[0], "nothing dropped: the same list")
}

// TestWithoutLockFiles: lock files found in a directory are dropped, a
// lock file named as an argument is kept.
func TestWithoutLockFiles(t *testing.T) {
	dir := t.TempDir()
	touch(t, filepath.Join(dir, "d", "a.docx"), filepath.Join(dir, "d", "~$a.docx"), filepath.Join(dir, "~$b.docx"))
	args := []string{filepath.Join(dir, "d"), filepath.Join(dir, "~$b.docx")}
	files, err := Expand(args, []string{".docx"})
	require.NoError(t, err)
	require.Len(t, files, 3)
	assert.Equal(t, []string{"a.docx", "~$b.docx"}, rels(WithoutLockFiles(files, args)))
}
