//go:build !unix

package cli

func cpuTime() int64 { return 0 }
