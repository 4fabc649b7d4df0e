package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// File is one input of a batch.
type File struct {
	// Path is the file to read, as the user can find it.
	Path string
	// Rel is the path below the directory argument it was found in, with
	// slashes; the base name for a file argument. Outputs keep it, so a
	// tree converts into the same tree.
	Rel string
	// Arg is the index of the command-line argument the file came from.
	Arg int
}

// Paths returns the files' paths, in order.
func Paths(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	return out
}

// Expand turns the command-line inputs into files: a file argument is taken
// as it is (even with an extension no reader knows, so the batch reports it
// as a failure rather than silently skipping it; a path that does not exist
// likewise); a directory is walked recursively, in lexical order, for files
// whose extension (lower-case, ".htm" counted as ".html") is in exts. Hidden
// files and directories (starting with ".", such as xxgk's own temporary
// files) are skipped. A file named by two arguments is listed once.
func Expand(inputs []string, exts []string) ([]File, error) {
	want := map[string]bool{}
	for _, e := range exts {
		want[strings.ToLower(e)] = true
	}
	var out []File
	seen := map[string]bool{}
	add := func(f File) {
		if len(inputs) == 1 {
			// One argument: its walk lists each file once; no map of
			// absolute paths for 10,000 files.
			out = append(out, f)
			return
		}
		key := f.Path
		if abs, err := Abs(f.Path); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, f)
	}
	for ai, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil || !fi.IsDir() {
			add(File{Path: in, Rel: filepath.Base(in), Arg: ai})
			continue
		}
		var found []File
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if p != in && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			e := strings.ToLower(filepath.Ext(name))
			if e == ".htm" {
				e = ".html"
			}
			if !want[e] {
				return nil
			}
			// Rel shares Path's bytes where it can: a batch holds one copy
			// of each path.
			var rel string
			if prefix := in + string(filepath.Separator); strings.HasPrefix(p, prefix) && filepath.Clean(in) == in {
				rel = p[len(prefix):]
			} else if rel, err = filepath.Rel(in, p); err != nil {
				return err
			}
			found = append(found, File{Path: p, Rel: filepath.ToSlash(rel), Arg: ai})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", in, err)
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].Rel < found[j].Rel })
		for _, f := range found {
			add(f)
		}
	}
	// The list lives as long as the batch: not with append's spare room.
	return slices.Clone(out), nil
}

// Outputs names one output per file under dir with extension ext (".xlsx"):
// dir/Rel with its extension replaced. Names never collide: when two files
// would get the same output (x.txt and x.md, or x.txt in two directory
// arguments), the first in input order keeps the name and each later one
// gets "-2", "-3", … before the extension, skipping names already taken.
// The result depends only on the order of files, so it is deterministic.
func Outputs(files []File, dir, ext string) []string {
	names := OutputNames(files, dir, ext)
	out := make([]string, len(files))
	for i := range files {
		out[i] = names.Name(i)
	}
	return out
}

// Names are the outputs Outputs gives, kept compactly: only the renamed
// ones are stored, the others are worked out again when asked for, so that
// a batch of many files holds no second list of paths.
type Names struct {
	files   []File
	dir     string
	ext     string
	renamed map[int]string
}

// Name is the output of file i.
func (n *Names) Name(i int) string {
	if r, ok := n.renamed[i]; ok {
		return r
	}
	return naturalOutput(n.files[i], n.dir, n.ext)
}

func naturalOutput(f File, dir, ext string) string {
	rel := filepath.FromSlash(f.Rel)
	rel = strings.TrimSuffix(rel, filepath.Ext(rel)) + ext
	return filepath.Join(dir, rel)
}

// OutputNames names the outputs as Outputs does.
func OutputNames(files []File, dir, ext string) *Names {
	names := &Names{files: files, dir: dir, ext: ext, renamed: map[int]string{}}
	count := map[string]int{}
	for _, f := range files {
		count[key(naturalOutput(f, dir, ext))]++
	}
	taken := map[string]bool{}
	var dup []int
	// First pass: unique natural names and the first of each duplicate.
	for i, f := range files {
		n := key(naturalOutput(f, dir, ext))
		if taken[n] {
			dup = append(dup, i)
			continue
		}
		taken[n] = true
	}
	for _, i := range dup {
		stem := strings.TrimSuffix(naturalOutput(files[i], dir, ext), ext)
		for k := 2; ; k++ {
			c := fmt.Sprintf("%s-%d%s", stem, k, ext)
			if !taken[key(c)] && count[key(c)] == 0 {
				taken[key(c)] = true
				names.renamed[i] = c
				break
			}
		}
	}
	return names
}

// key folds case so that outputs do not collide on case-insensitive file
// systems either.
func key(p string) string { return strings.ToLower(p) }

// cwd is the working directory, looked up once: filepath.Abs asks the
// system for it at every call (two stat calls), three times per file of a
// batch given relative paths. xxgk never changes directory.
var cwd = sync.OnceValues(os.Getwd)

// Abs is filepath.Abs with the working directory looked up once.
func Abs(path string) (string, error) {
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	wd, err := cwd()
	if err != nil {
		return "", err
	}
	return filepath.Join(wd, path), nil
}
