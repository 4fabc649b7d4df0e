package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/schema"
)

// TestHelpListsGenerated: check --help names every rule check runs once,
// convert --help and its --from/--to every format the registry reads and
// writes, and no help keeps a placeholder.
func TestHelpListsGenerated(t *testing.T) {
	for name := range commands {
		code, out, _ := runCLI(name, "--help")
		require.Equal(t, exitOK, code, name)
		assert.NotContains(t, out, "{{", name)
	}

	_, out, _ := runCLI("check", "--help")
	titled := map[string]bool{"merge": true}
	for _, s := range ruleScopes {
		titled[s.scope] = true
	}
	for _, r := range schema.Rules {
		assert.True(t, titled[r.Scope], "scope %s of %s has a title in ruleScopes", r.Scope, r.ID)
		n := len(regexp.MustCompile(`(^|[\s：])`+regexp.QuoteMeta(r.ID)+`(\s|$)`).FindAllString(out, -1))
		if r.Scope == "merge" {
			assert.Zero(t, n, r.ID)
		} else {
			assert.Equal(t, 1, n, r.ID)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, displayWidth(line), 160, line)
	}

	_, out, _ = runCLI("convert", "--help")
	from := lineWith(t, out, "--from string")
	to := lineWith(t, out, "--to string")
	for _, ext := range convert.Readable() {
		assert.Contains(t, out, " "+ext, "read list")
		assert.Contains(t, from, strings.TrimPrefix(ext, "."), "--from")
	}
	for _, ext := range convert.Writable() {
		assert.Contains(t, lineWith(t, out, "写出："), ext, "write list")
		assert.Contains(t, to, strings.TrimPrefix(ext, "."), "--to")
	}
	assert.Contains(t, convert.Writable(), ".csv", "the CLI registers the one-row table")
}

func lineWith(t *testing.T, text, sub string) string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	t.Fatalf("no line with %q", sub)
	return ""
}

// TestFormatChoices: --format accepts exactly schema's formats and auto,
// and the help names them.
func TestFormatChoices(t *testing.T) {
	assert.Equal(t, "a", orList([]string{"a"}))
	assert.Equal(t, "a 或 b", orList([]string{"a", "b"}))
	assert.Equal(t, "a、b 或 c", orList([]string{"a", "b", "c"}))
	_, out, _ := runCLI("template", "--help")
	for key := range schema.Formats {
		assert.Contains(t, lineWith(t, out, "--format string"), key)
		assert.Contains(t, lineWith(t, out, "用法："), key)
	}
	code, _, stderr := runCLI("template", filepath.Join(t.TempDir(), "t.xlsx"), "--format", "1999", "--year", "2022")
	assert.Equal(t, exitBad, code)
	assert.Contains(t, stderr, "--format 只能是 auto、"+orList(formatKeys()))
}
