package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/convert"
)

// Concurrency: batches at -j 8 with duplicate base names and shared output
// directories write every output exactly once, leave no temporary files, give
// the same bytes as -j 1 in every output format, and an interrupted batch
// (SIGINT to the process) leaves only complete outputs.

// batchInputs writes n reports in several directories, with base names that
// collide across directories, across extensions (a.txt, a.json → a.xlsx) and
// with the names disambiguation makes (a-2.txt). It returns the input dirs
// and agency by input path.
func batchInputs(t *testing.T, root string, n int) ([]string, map[string]string) {
	sample := sampleText(t)
	agencies := map[string]string{}
	dirs := []string{filepath.Join(root, "一"), filepath.Join(root, "二"), filepath.Join(root, "三", "子")}
	for _, d := range dirs {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	for i := 0; i < n; i++ {
		agency := fmt.Sprintf("青禾县第%d局", i)
		text := strings.ReplaceAll(sample, "青禾县人民政府", agency)
		dir := dirs[i%len(dirs)]
		var name string
		switch i % 4 {
		case 0:
			name = fmt.Sprintf("报告%d.txt", i/8) // collides across dirs
		case 1:
			name = "报告.txt"
		case 2:
			name = "报告-2.txt" // the name disambiguation would pick
		default:
			name = fmt.Sprintf("r%d.txt", i)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err == nil {
			// Same base name, another extension: a JSON of the report.
			r, err := convert.ReadBytes(name, ".txt", []byte(text), convert.Options{})
			require.NoError(t, err)
			path = strings.TrimSuffix(path, ".txt") + ".json"
			if _, err := os.Stat(path); err == nil {
				path = filepath.Join(dir, fmt.Sprintf("x%d.txt", i))
			} else {
				require.NoError(t, convert.WriteFile(path, r, convert.Options{}))
				agencies[path] = agency
				continue
			}
		}
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		agencies[path] = agency
	}
	return []string{filepath.Join(root, "一"), filepath.Join(root, "二"), filepath.Join(root, "三")}, agencies
}

// noTemp asserts that no temporary file is left under dir.
func noTemp(t *testing.T, dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		assert.NotContains(t, d.Name(), ".tmp-", "temporary file left: %s", p)
		return nil
	})
}

func TestBatchConcurrentDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("batch of every format: skipped in -short")
	}
	root := t.TempDir()
	dirs, agencies := batchInputs(t, root, 24)
	require.Len(t, agencies, 24)
	for _, to := range []string{"xlsx", "json", "txt", "md", "html", "docx", "csv"} {
		t.Run(to, func(t *testing.T) {
			var trees []map[string]string
			for _, j := range []string{"1", "8"} {
				out := filepath.Join(t.TempDir(), "out")
				args := append([]string{"convert"}, dirs...)
				args = append(args, "-o", out, "--to", to, "-j", j, "-q")
				code, _, stderr := runCLI(args...)
				require.Equal(t, exitOK, code, stderr)
				noTemp(t, out)
				tree := treeBytes(t, out)
				if to == "csv" {
					require.Len(t, tree, 1)
					for _, b := range tree {
						assert.Equal(t, 1+len(agencies), strings.Count(b, "\n"), "one row per report")
					}
				} else {
					require.Len(t, tree, len(agencies), "one output per input, none written twice")
					// Every output is a whole report: the agencies are all
					// there, each once.
					seen := map[string]int{}
					for name := range tree {
						r, err := convert.ReadFile(filepath.Join(out, name), convert.Options{})
						require.NoError(t, err, name)
						seen[r.Agency]++
					}
					for _, a := range agencies {
						assert.Equal(t, 1, seen[a], a)
					}
				}
				trees = append(trees, tree)
			}
			assert.Equal(t, trees[0], trees[1], "same bytes at -j 1 and -j 8")
		})
	}
}

// Two batches at once into one output directory: every file present is
// complete, no temporary file is left, and each batch reports success.
func TestBatchSharedOutputDir(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	root := t.TempDir()
	dirs, agencies := batchInputs(t, root, 16)
	out := filepath.Join(t.TempDir(), "out")
	var wg sync.WaitGroup
	results := make([]childResult, 3)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = runChild(t, root, append(append([]string{"convert"}, dirs...), "-o", out, "--to", "xlsx", "-j", "8", "-q")...)
		}(i)
	}
	wg.Wait()
	for _, r := range results {
		assert.Equal(t, exitOK, r.code, r.stderr)
	}
	noTemp(t, out)
	tree := treeBytes(t, out)
	assert.Len(t, tree, len(agencies))
	for name := range tree {
		_, err := convert.ReadFile(filepath.Join(out, name), convert.Options{})
		assert.NoError(t, err, name)
	}
}

// SIGINT to the running process (the built CLI): exit 2 saying so, and every
// output present opens and reads back.
func TestBatchSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	root := t.TempDir()
	dirs, agencies := batchInputs(t, root, 160)
	for _, to := range []string{"xlsx", "json"} {
		for _, after := range []int{1, 20} {
			t.Run(fmt.Sprintf("%s/after%d", to, after), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				cmd := exec.Command(os.Args[0], append(append([]string{"convert"}, dirs...), "-o", out, "--to", to, "-j", "8", "-q")...)
				cmd.Env = append(os.Environ(), "XXGK_CLI_CHILD=1")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				require.NoError(t, cmd.Start())
				err := interruptAfter(t, cmd, out, after)
				n := countFiles(out)
				if err == nil {
					// The batch finished before the signal arrived.
					require.Equal(t, len(agencies), n)
				} else {
					ee, ok := err.(*exec.ExitError)
					require.True(t, ok, "%v", err)
					assert.Equal(t, exitBad, ee.ExitCode(), stderr.String())
					assert.Contains(t, stderr.String(), "interrupted")
					assert.Less(t, n, len(agencies), "stopped early")
				}
				noTemp(t, out)
				var names []string
				filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						names = append(names, p)
					}
					return nil
				})
				sort.Strings(names)
				for _, p := range names {
					r, err := convert.ReadFile(p, convert.Options{})
					if assert.NoError(t, err, "complete output %s", p) {
						assert.Contains(t, r.Agency, "青禾县第")
					}
				}
				t.Logf("%s: interrupted after %d outputs; %d complete outputs present", to, after, len(names))
			})
		}
	}
}

// interruptAfter sends SIGINT to the running batch once `after` outputs are
// in out, however long that takes, and returns how it ended; a batch that
// ends first is not signalled.
func interruptAfter(t *testing.T, cmd *exec.Cmd, out string, after int) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			return err
		default:
		}
		if countFiles(out) >= after {
			if err := cmd.Process.Signal(syscall.SIGINT); !errors.Is(err, os.ErrProcessDone) {
				require.NoError(t, err)
			}
			return <-done
		}
		time.Sleep(time.Millisecond)
	}
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(d.Name(), ".tmp-") {
			n++
		}
		return nil
	})
	return n
}
