//go:build !unix

package convert

func cpuTime() int64 { return 0 }
