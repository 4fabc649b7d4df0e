package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// WithoutTree drops the files found below dir while walking a directory
// argument that contains it: a second run of "convert reports -o
// reports/out" must not convert its own outputs again. A file named on the
// command line is kept. The list is returned as it is when nothing is
// dropped.
func WithoutTree(files []File, dir string) []File {
	abs, err := Abs(dir)
	if err != nil {
		return files
	}
	prefix := abs + string(filepath.Separator)
	skip := func(f File) bool {
		p, err := Abs(f.Path)
		return err == nil && strings.HasPrefix(p, prefix) && f.Rel != filepath.Base(f.Path)
	}
	first := slices.IndexFunc(files, skip)
	if first < 0 {
		return files
	}
	kept := slices.Clone(files[:first])
	for _, f := range files[first+1:] {
		if !skip(f) {
			kept = append(kept, f)
		}
	}
	return kept
}

// WithoutLockFiles drops the office lock files ("~$report.docx", left
// while a document is open) found in the directories of args; a lock file
// named on the command line is kept, so that it fails visibly.
func WithoutLockFiles(files []File, args []string) []File {
	named := map[int]bool{}
	for i, a := range args {
		if fi, err := os.Stat(a); err != nil || !fi.IsDir() {
			named[i] = true
		}
	}
	out := files[:0:0]
	for _, f := range files {
		if !named[f.Arg] && strings.HasPrefix(filepath.Base(f.Path), "~$") {
			continue
		}
		out = append(out, f)
	}
	return out
}
