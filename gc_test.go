package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGCFloor: the heap floor holds while the live heap is small, gives way
// to proportional collection when a large input keeps much alive, and comes
// back once it is gone; the hook runs after collections by itself.
func TestGCFloor(t *testing.T) {
	defer func() {
		gcState.Lock()
		gcState.disarmed = true
		gcState.Unlock()
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}()
	gcState.Lock()
	gcState.disarmed = false
	gcSetFloor(true)
	gcState.Unlock()
	assert.Equal(t, -1, debug.SetGCPercent(-1), "GOGC off under the floor")
	assert.Equal(t, int64(gcFloor), debug.SetMemoryLimit(-1))

	keep := make([]byte, gcFloor/2+(8<<20))
	for i := range keep {
		keep[i] = byte(i)
	}
	runtime.GC()
	gcAdjust()
	gcState.Lock()
	assert.False(t, gcState.floor, "a large live heap: proportional collection")
	gcState.Unlock()
	assert.Equal(t, 100, debug.SetGCPercent(100))
	assert.Equal(t, int64(gcLimit), debug.SetMemoryLimit(-1))
	runtime.KeepAlive(keep)

	keep = nil
	runtime.GC()
	gcAdjust()
	gcState.Lock()
	assert.True(t, gcState.floor, "the large input gone: back to the floor")
	gcState.Unlock()

	// Armed, gcAdjust runs after collections without being called.
	gcState.Lock()
	before := gcState.adjusted
	gcState.Unlock()
	gcArm()
	require.Eventually(t, func() bool {
		runtime.GC()
		gcState.Lock()
		defer gcState.Unlock()
		return gcState.adjusted > before
	}, 5*time.Second, 10*time.Millisecond)
}
