package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress is a one-line progress bar on stderr, drawn only when stderr is a
// terminal and -q is not given. Hand-written (a dozen lines) rather than a
// dependency: all a batch needs is a count, a bar and the failures so far.
type progress struct {
	w       io.Writer
	total   int
	n       int
	last    time.Time
	enabled bool
}

func newProgress(e *env, total int) *progress {
	p := &progress{w: e.stderr, total: total}
	if f, ok := e.stderr.(*os.File); ok && !e.quiet && total > 1 {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.enabled = true
		}
	}
	return p
}

func (p *progress) step(failed int) {
	p.n++
	if !p.enabled {
		return
	}
	// Redraw at most 10 times a second, and always at the end.
	if now := time.Now(); p.n < p.total && now.Sub(p.last) < 100*time.Millisecond {
		return
	} else {
		p.last = now
	}
	const width = 30
	k := p.n * width / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", k), strings.Repeat(".", width-k), p.n, p.total)
	if failed > 0 {
		fmt.Fprintf(p.w, "  失败 %d", failed)
	}
}

func (p *progress) clear() {
	if p.enabled {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) done() { p.clear() }
