//go:build !unix

package main

func cpuTime() int64 { return 0 }
