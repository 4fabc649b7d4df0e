//go:build unix

package convert

import (
	"os"
	"syscall"
)

// rename is os.Rename without its Lstat of the new name (which only turns
// "is a directory" into "file exists"): rename(2) refuses to put a file
// over a directory by itself, and a batch renames thousands of outputs.
func rename(oldpath, newpath string) error {
	if err := syscall.Rename(oldpath, newpath); err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}
