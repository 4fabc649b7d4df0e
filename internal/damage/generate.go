package damage

import (
	"math/rand"

	"github.com/xxgk/xxgk/schema"
)

// Case is one generated document: its truth, class and rendered text.
type Case struct {
	N     int
	Seed  int64
	Class Class
	Truth *Truth
	Text  string
	Views []View
}

// Generate makes document n of a run with the seed: the class goes round
// the classes, the truth is a corpus truth (one in four when corpus is not
// empty) or a synthetic report of either format.
func Generate(seed int64, n int, corpus []*Truth) Case {
	classes := Classes()
	cl := classes[n%len(classes)]
	s := seed*1_000_003 + int64(n)
	r := rand.New(rand.NewSource(s))
	var t *Truth
	if len(corpus) > 0 && r.Intn(4) == 0 {
		t = corpus[r.Intn(len(corpus))]
	} else {
		format := schema.F2019
		if r.Intn(2) == 0 {
			format = schema.F2021
		}
		t = Synth(r.Int63(), format)
	}
	d := Build(t, r)
	if cl.Damage.Apply != nil {
		cl.Damage.Apply(d, r)
	}
	text, views := Render(d, cl.Layout, cl.Damage.Merge)
	return Case{N: n, Seed: s, Class: cl, Truth: t, Text: text, Views: views}
}
