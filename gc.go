package main

import (
	"os"
	"runtime/debug"
)

// tuneGC sets a soft memory limit of 160 MiB (unless GOMEMLIMIT is set), so
// that a batch of any size stays well under 200 MB even when the machine is
// so loaded that the collector falls behind, and, unless GOGC is set, keeps
// an 8 MiB ballast.
//
// The ballast: a batch's live heap is small (≈ 5 MB: the reports in flight
// and the file list) and a report allocates ≈ 200 KB, so with GOGC's goal of
// twice the live heap the collector ran every couple of dozen reports, and
// its work and assists were a sixth of converting them. A never-touched,
// pointer-free 8 MiB allocation raises the goal to twice (live + 8 MiB)
// without being resident (it is not written, so no page of it is mapped in)
// and without being scanned; above it the goal still follows the live heap,
// so a large input is collected as before. Measured: 300 reports to JSON at
// -j 1 0.16–0.21 → 0.12–0.17 s; 10,000 to xlsx 11–12 → 9.4–9.9 s; peak RSS
// 1,000 / 10,000 reports 29–31 / 32–33 → 37 / 41–42 MB (+10–15 %, the same
// growth as without). Raising GOGC instead multiplies the live heap, whose
// file list grows with the batch (GOGC 200: +13–18 %, 400: +20 %;
// BENCHMARKS.md).
func tuneGC() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
	if os.Getenv("GOGC") == "" {
		gcBallast = make([]byte, 8<<20)
	}
}

// gcBallast is only ever allocated (see tuneGC).
var gcBallast []byte
