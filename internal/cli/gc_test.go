package cli

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
// back once it is gone (with hysteresis between); armed, the hook runs
// after collections by itself.
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
	assert.Equal(t, -1, debug.SetGCPercent(-1), "GOGC off under the floor")
	assert.Equal(t, int64(gcFloor), debug.SetMemoryLimit(-1))

	for _, step := range []struct {
		live  uint64
		floor bool
	}{
		{gcFloor / 8, true},
		{gcFloor/2 - 1, true},  // between the thresholds: no change
		{gcFloor/2 + 1, false}, // a large input: proportional collection
		{gcFloor / 3, false},   // between: no change
		{gcFloor/4 - 1, true},  // gone: back to the floor
		{gcFloor * 4, false},
	} {
		gcApply(step.live)
		assert.Equal(t, step.floor, gcState.floor, "live %d", step.live)
		if step.floor {
			assert.Equal(t, -1, debug.SetGCPercent(-1))
			assert.Equal(t, int64(gcFloor), debug.SetMemoryLimit(-1))
		} else {
			assert.Equal(t, 100, debug.SetGCPercent(100))
			assert.Equal(t, int64(gcLimit), debug.SetMemoryLimit(-1))
		}
	}
	before := gcState.adjusted
	gcState.Unlock()

	// Armed, gcAdjust runs after collections without being called. Cleanups
	// run on their own goroutine once a collection found the sentinel: the
	// test allows many collections, not a span of time.
	gcArm()
	adjusted := func() bool {
		gcState.Lock()
		defer gcState.Unlock()
		return gcState.adjusted > before
	}
	for i := 0; i < 1000 && !adjusted(); i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	require.True(t, adjusted(), "gcAdjust ran after a collection")
}
