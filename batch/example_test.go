package batch_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/xxgk/xxgk/batch"
)

// Results come back in input order whatever order the workers finish in.
func ExampleEach() {
	items := []string{"a.txt", "b.txt", "c.txt"}
	batch.Each(context.Background(), 2, items, func(_ context.Context, item string) batch.Result {
		return batch.Result{Value: strings.ToUpper(item)}
	}, func(i int, r batch.Result) {
		fmt.Println(i, r.Item, r.Value)
	})
	// Output:
	// 0 a.txt A.TXT
	// 1 b.txt B.TXT
	// 2 c.txt C.TXT
}

// Outputs keep relative paths and never collide.
func ExampleOutputs() {
	files := []batch.File{{Path: "in/x.txt", Rel: "x.txt"}, {Path: "in/x.md", Rel: "x.md"}, {Path: "in/sub/y.txt", Rel: "sub/y.txt"}}
	for _, o := range batch.Outputs(files, "out", ".xlsx") {
		fmt.Println(o)
	}
	// Output:
	// out/x.xlsx
	// out/x-2.xlsx
	// out/sub/y.xlsx
}
