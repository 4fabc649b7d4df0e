package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The garbage collector's settings for a run of xxgk.
//
// A batch allocates a lot and keeps little: a report read and written is
// 150–300 KB of garbage, and what lives across reports (the file list, the
// workbook skeletons, the label index) is 5–10 MB. With the default
// GOGC=100 the collector ran every 4–5 MB allocated, 25–45 times for 300
// reports, and its marking, sweeping and the returning and faulting back of
// freed pages were a fifth of the CPU of a JSON batch.
//
// So xxgk runs with a heap floor: no proportional trigger (GOGC off) and a
// memory limit of gcFloor, the Go GC guide's setting for a program that
// knows its memory budget. The collector then runs when the heap reaches
// the floor, whatever the batch's size: peak memory is the floor for 300
// reports and for 10,000 (it does not grow with the batch), and a batch of
// 300 reports collects 2–4 times instead of 25–45.
//
// A large input (a 60 MB web page) can need more than the floor to be
// read; with GOGC off the collector would then run again and again near
// the limit. After each collection gcAdjust looks at the live heap: above
// gcFloor/2 it goes back to the default GOGC=100 under a soft limit of
// gcLimit, and below gcFloor/4 it returns to the floor.
//
// 32 MiB rather than more: every page of the floor is faulted in once (a
// 64 MiB floor made 14,000 page faults for 300 reports to JSON, 32 MiB
// 7,300, at the same speed).
//
// GOMEMLIMIT set in the environment is obeyed and turns all this off; GOGC
// set in the environment is obeyed under the soft limit.
const (
	gcFloor = 32 << 20
	gcLimit = 160 << 20 // soft limit in proportional mode: well under 200 MB
)

func tuneGC() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if os.Getenv("GOGC") != "" {
		debug.SetMemoryLimit(gcLimit)
		return
	}
	gcState.Lock()
	gcSetFloor(true)
	gcState.Unlock()
	gcArm()
}

var gcState struct {
	sync.Mutex
	floor    bool
	adjusted int  // collections seen (tests)
	disarmed bool // tests: stop adjusting
}

// gcSetFloor switches between the heap floor and proportional collection
// (gcState held).
func gcSetFloor(on bool) {
	if on {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(gcFloor)
	} else {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(gcLimit)
	}
	gcState.floor = on
}

// gcArm has gcAdjust run after the next collection: a cleanup on an object
// nothing refers to runs once a collection has found it unreachable.
func gcArm() {
	s := new(gcSentinel)
	runtime.AddCleanup(s, func(struct{}) {
		if gcAdjust() {
			gcArm()
		}
	}, struct{}{})
}

// gcSentinel is large enough not to share a tiny block with other objects,
// which would delay its collection.
type gcSentinel struct{ _ [32]byte }

var gcLive = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// gcAdjust picks the mode for the live heap found by the last collection;
// false once disarmed.
func gcAdjust() bool {
	gcState.Lock()
	defer gcState.Unlock()
	if gcState.disarmed {
		return false
	}
	gcState.adjusted++
	metrics.Read(gcLive)
	if gcLive[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	gcApply(gcLive[0].Value.Uint64())
	return true
}

// gcApply switches modes for a live heap of live bytes (gcState held).
func gcApply(live uint64) {
	switch {
	case gcState.floor && live > gcFloor/2:
		gcSetFloor(false)
	case !gcState.floor && live < gcFloor/4:
		gcSetFloor(true)
	}
}
