// Package batch runs conversions and checks over many files with a bounded
// pool of workers.
//
// Items (usually file paths, see Expand) are handed to a function by at most
// jobs goroutines; results come back in input order, whatever order the
// workers finish in, so a batch prints and writes the same at -j 1 and -j 8.
// Only a bounded window of results waits for its turn, so memory stays flat
// however many items there are: a function should return a small Result
// (paths, counts, findings), never a whole Report.
//
//	items, _ := batch.Expand([]string{"reports/"}, convert.Readable())
//	batch.Each(ctx, 0, batch.Paths(items), func(ctx context.Context, path string) batch.Result {
//		r, err := convert.ReadFile(path, convert.Options{})
//		...
//	}, func(i int, res batch.Result) { ... })
//
// Outputs are named by OutputNames, written whole by a Sink, and a batch's
// flat CSV table streams through a TableFile.
package batch
