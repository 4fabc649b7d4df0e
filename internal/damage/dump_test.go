package damage

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var dumpDir = flag.String("damage.dump", "", "write one document per class into this directory")

// TestDump writes one document per class for reading by eye.
func TestDump(t *testing.T) {
	if *dumpDir == "" {
		t.Skip("run with -damage.dump DIR")
	}
	corpus := loadCorpus(t)
	for i := range Classes() {
		c := Generate(runSeed, i, corpus)
		name := filepath.Join(*dumpDir, string(c.Class.Layout)+"_"+c.Class.Damage.Name+c.Class.Layout.Ext())
		require.NoError(t, os.WriteFile(name, []byte(c.Text), 0o644))
	}
}
