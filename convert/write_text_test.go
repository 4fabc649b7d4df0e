package convert

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

func TestDumpSample(t *testing.T) {
	if os.Getenv("XXGK_DUMP") == "" {
		t.Skip("set XXGK_DUMP to print samples")
	}
	for _, f := range []string{schema.F2019, schema.F2021} {
		for _, ext := range []string{".txt", ".md", ".html", ".docx"} {
			if _, ok := writers[ext]; !ok {
				continue
			}
			b, err := Render(exportSample(f, nil, 0), ext, Options{})
			require.NoError(t, err)
			os.WriteFile(os.Getenv("XXGK_DUMP")+"/sample-"+f+ext, b, 0o644)
		}
	}
}
