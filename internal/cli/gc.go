package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The garbage collector's settings for a run of xxgk. A batch allocates a
// lot and keeps little, so xxgk collects at a heap floor (GOGC off, memory
// limit gcFloor) instead of every few megabytes: a few collections per
// batch, and peak memory that does not grow with the batch. A live heap
// above gcFloor/2 (a large input) goes back to GOGC=100 under the soft
// limit gcLimit, and below gcFloor/4 returns to the floor. GOMEMLIMIT in the
// environment turns this off; GOGC is obeyed under the soft limit.
// BENCHMARKS.md has the figures.
//
// gcFloor is no larger because every page of the floor is faulted in once.
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
