package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/width"
)

// normalizeReference is Normalize as first written (width.Narrow over the
// whole string): the per-rune version must give the same result.
func normalizeReference(s string) string {
	s = width.Narrow.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		switch r {
		case '“', '”', '"', '\'', '‘', '’', '「', '」', '『', '』':
			continue
		case '､':
			r = '、'
		case '｡':
			r = '。'
		}
		if t, ok := tradToSimp[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return yearFold.Replace(fixNumbering(b.String()))
}

func TestNormalizeSameAsReference(t *testing.T) {
	inputs := []string{"0", "12", "1,", "1,2", "12.5", "1、", "t3.x", "a'b", "a\"b", " 1", "1 ", "\x7f1", "N/A", "１．属于国家秘密", "（三） 不予公开", "危及「三安全一稳定」", "本年新 制作数量", "規範性文件", "ＡＢＣ　１２３", "｢x｣", "＂x＂", "，。、；：！？（）【】", "\u200b\ufeff1、重复申请"}
	for _, f := range Formats {
		for _, c := range f.Cells(nil) {
			inputs = append(inputs, c.RowLabel, c.ColLabel)
		}
		for _, s := range f.Sections {
			inputs = append(inputs, s.Heading)
			inputs = append(inputs, s.Variants...)
		}
	}
	// Real text when the corpus is there: every line of every report.
	files, _ := filepath.Glob("../../shared/corpus/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			inputs = append(inputs, strings.Split(string(b), "\n")...)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		inputs = append(inputs, string(r), "1"+string(r)+"x")
	}
	for _, r := range []rune{0x10000, 0x1F600, 0x20000, 0x2F800, 0xE0001, 0x10FFFF} {
		inputs = append(inputs, string(r))
	}
	for _, in := range inputs {
		assert.Equal(t, normalizeReference(in), Normalize(in), "%q", in)
	}
}

// TestNormalizeMax: normalizeMax gives Normalize's result exactly when it
// fits in max bytes, and false otherwise.
func TestNormalizeMax(t *testing.T) {
	inputs := []string{"", "1、重复申请", "12、 重复申请", "一、总体情况", "　　二〇二〇年，本区坚持以公开为常态。", "“”", "１．属于国家秘密"}
	for _, in := range inputs {
		full := Normalize(in)
		for max := 0; max <= len(full)+4; max++ {
			got, ok := normalizeMax(in, max)
			if len(full) <= max {
				assert.True(t, ok, "%q max %d", in, max)
				assert.Equal(t, full, got, "%q max %d", in, max)
			} else {
				assert.False(t, ok, "%q max %d", in, max)
			}
		}
	}
}

// TestNormalizeIdeographFastPath: no CJK unified ideograph has a narrow
// form, which lets Normalize skip the width lookup for them.
func TestNormalizeIdeographFastPath(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		assert.Zero(t, width.LookupRune(r).Narrow(), "%U", r)
	}
}

func BenchmarkNormalize(b *testing.B) {
	for b.Loop() {
		Normalize("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
	}
}

// TestMemo: the lock-free memo returns what was stored, publishes new
// entries in batches, and stays bounded when a batch keeps meeting new
// texts.
func TestMemo(t *testing.T) {
	var m memo
	_, ok := m.load("a")
	assert.False(t, ok)
	for i := 0; i < 3*normMemoMaxEntries; i++ {
		k := fmt.Sprintf("标签%d", i)
		m.store(k, "v"+k)
		v, ok := m.load(k)
		require.True(t, ok, k)
		require.Equal(t, "v"+k, v)
		n := len(m.dirty)
		if r := m.read.Load(); r != nil {
			n += len(*r)
		}
		require.LessOrEqual(t, n, normMemoMaxEntries+normMemoBatch, "bounded")
	}
	r := m.read.Load()
	require.NotNil(t, r)
	assert.NotEmpty(t, *r, "published")
}

// TestNormalizeConcurrent: workers normalizing the same and different
// labels at once get what normalizeMax gives (run with -race).
func TestNormalizeConcurrent(t *testing.T) {
	labels := []string{"（一）依申请公开", "三、本年度办理结果", "行政复议", "其他处理", "本年新制作数量"}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				s := labels[i%len(labels)]
				if i%3 == 0 {
					s = fmt.Sprintf("测 试%d区", i+w*1000)
				}
				want, _ := normalizeMax(s, -1)
				if got := Normalize(s); got != want {
					t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkNormalizeParallel: labels normalized by two workers at once, as
// a -j 2 batch does (95 ns/op with the RWMutex memo, 21 with the
// lock-free one, on the 2-core build machine).
func BenchmarkNormalizeParallel(b *testing.B) {
	labels := []string{"（一）依申请公开", "三、本年度办理结果", "行政复议", "其他处理", "本年新制作数量"}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			Normalize(labels[i%len(labels)])
			i++
		}
	})
}
