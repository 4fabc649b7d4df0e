package batch

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Result is what a function run over one item returns.
type Result struct {
	// Item is the input item; Run and Each fill it in when the function
	// leaves it empty.
	Item string
	// Value carries whatever the caller needs back (an output path,
	// findings, counts). Keep it small: results wait in a window until
	// every earlier item is done.
	Value any
	// Err is the item's failure; the batch goes on with the other items.
	Err error
}

// Jobs returns the number of workers for a requested count: n when n > 0,
// else the number of CPUs.
func Jobs(n int) int {
	if n > 0 {
		return n
	}
	if c := runtime.NumCPU(); c > 0 {
		return c
	}
	return 1
}

// Each runs fn over items with at most Jobs(jobs) concurrent calls and calls
// emit(i, result) for every item in input order, from the calling goroutine
// (emit needs no locking). A panic in fn becomes that item's Result with an
// ErrPanic error; the other items go on. At most a few results per worker wait for their
// turn, so memory does not grow with the number of items.
//
// When ctx is cancelled no new item starts; items already started finish
// (fn should watch ctx if it can stop early) and are emitted, in order; the
// items never started are not emitted. Each returns ctx.Err() in that case, else nil.
func Each(ctx context.Context, jobs int, items []string, fn func(ctx context.Context, item string) Result, emit func(i int, r Result)) error {
	return EachN(ctx, jobs, len(items), func(ctx context.Context, i int) Result {
		r := call(ctx, fn, items[i])
		if r.Item == "" {
			r.Item = items[i]
		}
		return r
	}, emit)
}

// EachN is Each over the indices 0 … n-1, for callers that hold their items
// in their own form: a batch of 10,000 files need not build 10,000 item
// strings. A panicking fn gives a Result without Item.
func EachN(ctx context.Context, jobs int, n int, fn func(ctx context.Context, i int) Result, emit func(i int, r Result)) error {
	workers := Jobs(jobs)
	if workers > n {
		workers = n
	}
	if workers == 0 {
		return ctx.Err()
	}
	// window bounds how far workers may run ahead of the oldest item not
	// yet emitted: the reorder buffer never holds more than window results.
	window := 4 * workers
	slots := make(chan struct{}, window)
	type done struct {
		i int
		r Result
	}
	results := make(chan done, window)
	// Each worker takes a place in the window, then the next index: no
	// feeder goroutine between them (handing each index over through one
	// was a second wake-up per item; a scheduler trace of a -j 1 batch had
	// the worker waiting for it a tenth of the time). Indices are taken in
	// order and every index taken is run, so the items started are always
	// 0 … k-1.
	var taken atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case slots <- struct{}{}:
				}
				if ctx.Err() != nil {
					<-slots
					return
				}
				i := int(taken.Add(1) - 1)
				if i >= n {
					<-slots
					return
				}
				results <- done{i, callN(ctx, fn, i)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	want := 0
	for d := range results {
		pending[d.i] = d.r
		for {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			emit(want, r)
			want++
			<-slots
		}
	}
	if want < n {
		return ctx.Err()
	}
	return nil
}

// ErrPanic marks the Result of an item whose function panicked: one bad
// input must not take the rest of the batch down with it.
var ErrPanic = errors.New("internal error (panic)")

// call runs fn on one item, turning a panic into an ErrPanic result that
// carries the panic value and the place it came from.
func call(ctx context.Context, fn func(ctx context.Context, item string) Result, item string) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Item: item, Err: fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())}
		}
	}()
	return fn(ctx, item)
}

func callN(ctx context.Context, fn func(ctx context.Context, i int) Result, i int) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Err: fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())}
		}
	}()
	return fn(ctx, i)
}

// Run runs fn over items like Each and returns the results in input order.
// It holds every Result, so use Each when the items are many and the results
// large.
func Run(ctx context.Context, jobs int, items []string, fn func(ctx context.Context, item string) Result) []Result {
	out := make([]Result, 0, len(items))
	Each(ctx, jobs, items, fn, func(_ int, r Result) { out = append(out, r) })
	return out
}
