package convert

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAppendXMLEscaped: the same bytes as encoding/xml.EscapeText (line
// feeds aside when kept), over every rune of the first planes, invalid
// UTF-8, and every corpus line.
func TestAppendXMLEscaped(t *testing.T) {
	inputs := prefilterInputs(t)
	inputs = append(inputs, "\xff", "a\xe4\xb8", "\xed\xa0\x80", "=SUM(A1)&\"x\"<'y'>\t\r\n", "\x00\x01\x1f\x7f")
	for r := rune(0); r < 0x11000; r++ {
		inputs = append(inputs, "a"+string(r)+"b")
	}
	inputs = append(inputs, string(rune(0x10FFFF)), string(rune(0x1F600)))
	for _, s := range inputs {
		var want bytes.Buffer
		require.NoError(t, xml.EscapeText(&want, []byte(s)))
		var got bytes.Buffer
		appendXMLEscaped(&got, s, false)
		require.Equal(t, want.String(), got.String(), "%q", s)
		got.Reset()
		writeXMLText(&got, s)
		require.Equal(t, strings.ReplaceAll(want.String(), "&#xA;", "\n"), got.String(), "%q", s)
	}
}
