package batch

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func items(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("item%03d", i)
	}
	return out
}

func TestEachOrderAndBound(t *testing.T) {
	for _, jobs := range []int{1, 2, 8} {
		t.Run(fmt.Sprint("j", jobs), func(t *testing.T) {
			in := items(100)
			var running, peak atomic.Int32
			var got []string
			var idx []int
			err := Each(context.Background(), jobs, in, func(ctx context.Context, item string) Result {
				n := running.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(time.Duration(rand.Intn(300)) * time.Microsecond)
				running.Add(-1)
				return Result{Value: item + "!"}
			}, func(i int, r Result) {
				idx = append(idx, i)
				got = append(got, r.Value.(string))
				assert.Equal(t, in[i], r.Item, "Item filled in")
			})
			require.NoError(t, err)
			require.Len(t, got, 100)
			for i := range in {
				assert.Equal(t, i, idx[i])
				assert.Equal(t, in[i]+"!", got[i])
			}
			assert.LessOrEqual(t, int(peak.Load()), jobs, "never more than jobs at once")
		})
	}
}

func TestEachWindowBoundsMemory(t *testing.T) {
	// The first item is slow: the others may not run further ahead than the
	// window (4 × jobs) while it is outstanding.
	in := items(200)
	var started atomic.Int32
	var aheadWhenFirstDone int32
	Each(context.Background(), 2, in, func(ctx context.Context, item string) Result {
		if item == in[0] {
			time.Sleep(50 * time.Millisecond)
			aheadWhenFirstDone = started.Load()
		}
		started.Add(1)
		return Result{}
	}, func(int, Result) {})
	assert.LessOrEqual(t, aheadWhenFirstDone, int32(8), "window of 4 × jobs")
}

func TestEachCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := items(1000)
	var emitted []int
	err := Each(ctx, 4, in, func(ctx context.Context, item string) Result {
		if item == "item010" {
			cancel()
		}
		time.Sleep(100 * time.Microsecond)
		return Result{}
	}, func(i int, r Result) { emitted = append(emitted, i) })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, len(emitted), 1000)
	assert.GreaterOrEqual(t, len(emitted), 11, "every started item is emitted")
	for i, v := range emitted {
		assert.Equal(t, i, v, "a prefix, in order")
	}
}

func TestRunEmpty(t *testing.T) {
	assert.Empty(t, Run(context.Background(), 3, nil, func(context.Context, string) Result { return Result{} }))
	rs := Run(context.Background(), 0, []string{"a", "b"}, func(_ context.Context, s string) Result {
		return Result{Err: fmt.Errorf("bad %s", s)}
	})
	require.Len(t, rs, 2)
	assert.EqualError(t, rs[1].Err, "bad b")
}

func TestExpandAndOutputs(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) string {
		full := filepath.Join(dir, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte("x"), 0o644))
		return full
	}
	mk("a/x.txt")
	mk("a/x.md")
	mk("a/sub/y.HTM")
	mk("a/notes.pdf")
	mk("a/.x.xlsx.tmp-1")
	mk("a/.hidden/z.txt")
	mk("b/x.txt")
	single := mk("c/x-2.json")
	files, err := Expand([]string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), single, filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "nope.txt")},
		[]string{".txt", ".md", ".html", ".json"})
	require.NoError(t, err)
	var rels []string
	for _, f := range files {
		rels = append(rels, fmt.Sprint(f.Arg, ":", f.Rel))
	}
	assert.Equal(t, []string{"0:sub/y.HTM", "0:x.md", "0:x.txt", "1:x.txt", "2:x-2.json", "4:nope.txt"}, rels)
	outs := Outputs(files, "out", ".xlsx")
	assert.Equal(t, []string{
		filepath.Join("out", "sub", "y.xlsx"),
		filepath.Join("out", "x.xlsx"),
		filepath.Join("out", "x-3.xlsx"), // x-2 is another file's own name
		filepath.Join("out", "x-4.xlsx"),
		filepath.Join("out", "x-2.xlsx"),
		filepath.Join("out", "nope.xlsx"),
	}, outs)
}

func TestEachRecoversPanic(t *testing.T) {
	rs := Run(context.Background(), 2, []string{"a", "boom", "c"}, func(_ context.Context, s string) Result {
		if s == "boom" {
			var m map[string]int
			m["x"]++ // a nil-map write: the kind of bug a hostile input finds
		}
		return Result{Value: s}
	})
	require.Len(t, rs, 3)
	assert.Equal(t, "a", rs[0].Value)
	assert.ErrorIs(t, rs[1].Err, ErrPanic)
	assert.Equal(t, "boom", rs[1].Item)
	assert.Contains(t, rs[1].Err.Error(), "nil map")
	assert.Equal(t, "c", rs[2].Value, "the batch goes on")
}
