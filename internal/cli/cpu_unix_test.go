//go:build unix

package cli

import "syscall"

// cpuTime is the process's user+system CPU time in nanoseconds: benchmarks
// report it per op beside ns/op, because on a shared, loaded machine the
// wall time measures the neighbours as much as the code.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
