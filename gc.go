package main

import (
	"os"
	"runtime/debug"
)

// tuneGC lets the heap grow to 4× the live data between collections instead
// of 2× (unless GOGC is set), with a soft limit of 160 MiB. A report's live
// data is a few hundred KiB, so the default collected every few reports and
// took about a tenth of a batch's CPU (BENCHMARKS.md); the limit keeps a
// batch of any size well under 200 MB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
}
