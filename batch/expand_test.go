package batch

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAbs: Abs gives filepath.Abs's answer.
func TestAbs(t *testing.T) {
	for _, p := range []string{"a.txt", "./x/../b/c.md", "/tmp/x/../y.json", ".", "..", "目录/报告.txt"} {
		want, err := filepath.Abs(p)
		require.NoError(t, err)
		got, err := Abs(p)
		require.NoError(t, err)
		assert.Equal(t, want, got, p)
	}
}
