package main

import (
	"os"
	"runtime/debug"
)

// tuneGC sets a soft memory limit of 160 MiB (unless GOMEMLIMIT is set), so
// that a batch of any size stays well under 200 MB even when the machine is
// so loaded that the collector falls behind.
//
// GOGC stays at its default. Raising it to 400 saved a few percent of CPU
// but, the live heap of a batch being small (5–10 MB: two reports in flight
// and the list of files), made the peak heap a multiple of the file list:
// measured peak RSS 75 MB for 1,000 reports and 133 MB for 10,000, where the
// default keeps both near the same small figure (BENCHMARKS.md).
func tuneGC() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
}
