//go:build !unix

package convert

import "os"

// rename is os.Rename where rename(2) is not there to call directly.
func rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
