package batch

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/xxgk/xxgk/convert"
)

// DeferWriteMax is the largest output a worker should hand to the collector
// to write (Sink.Write in emit) rather than write itself: creating a file is
// kernel work that need not hold a worker, and larger outputs waiting in the
// pool's window would hold too much memory.
const DeferWriteMax = 1 << 20

// Sink writes the outputs of one batch whole (temporary file, rename),
// making each directory once: a batch writes many outputs into few
// directories. It also recycles the buffers outputs were rendered into.
// The zero value is not usable: call NewSink. Safe for concurrent use.
type Sink struct {
	made sync.Map // directories made or found
	// free holds written outputs' buffers for the next outputs; a channel,
	// not a sync.Pool, because every garbage collection empties a Pool.
	free chan []byte
}

// NewSink returns a Sink keeping up to 16 buffers for reuse.
func NewSink() *Sink { return &Sink{free: make(chan []byte, 16)} }

// Buffer returns an empty buffer to render an output into (nil when none
// is free).
func (s *Sink) Buffer() []byte {
	select {
	case b := <-s.free:
		return b
	default:
		return nil
	}
}

// Release gives back an output's buffer once written. Buffers larger than
// DeferWriteMax are dropped, so the free list stays a few MB at most.
func (s *Sink) Release(b []byte) {
	if cap(b) > DeferWriteMax {
		return
	}
	select {
	case s.free <- b[:0]:
	default:
	}
}

// Write writes data to path atomically (without fsync: a batch's outputs
// can be made again), making its directory first. A failure is a
// *WriteError naming path.
func (s *Sink) Write(path string, data []byte) error {
	if err := s.write(path, data); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	return nil
}

func (s *Sink) write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if _, done := s.made.Load(dir); !done {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		s.made.Store(dir, true)
	}
	return convert.AtomicWriteNoSync(path, data)
}

// WriteError is a failure to write one output.
type WriteError struct {
	Path string
	Err  error
}

func (w *WriteError) Error() string { return w.Path + ": " + w.Err.Error() }

// Unwrap returns the cause.
func (w *WriteError) Unwrap() error { return w.Err }
