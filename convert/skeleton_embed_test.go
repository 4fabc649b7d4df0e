package convert

import (
	"bytes"
	"hash/crc32"
	"os"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSkeletonsEmbedded: skeletons.bin holds, for every variant, the parts
// and style ids excelize builds today (compare uncompressed: the
// compressed bytes may differ between Go versions and need not be
// rebuilt). -update rewrites it.
func TestSkeletonsEmbedded(t *testing.T) {
	if *update {
		b, err := encodeSkeletons()
		require.NoError(t, err)
		require.NoError(t, os.WriteFile("skeletons.bin", b, 0o644))
		t.Log("rewrote skeletons.bin; rebuild to embed it")
		return
	}
	m, err := decodeSkeletons(skeletonsBin)
	require.NoError(t, err, "skeletons.bin: go test ./convert -run TestSkeletonsEmbedded -update")
	require.Len(t, m, len(skeletonVariants))
	for _, v := range skeletonVariants {
		key := skeletonKey(v.format, v.layout)
		parts, st, err := buildSkeletonParts(v.format, v.layout)
		require.NoError(t, err)
		sk := embeddedSkeleton(key)
		require.NotNil(t, sk, key)
		assert.Equal(t, st, sk.st, "%s: style ids (go test ./convert -run TestSkeletonsEmbedded -update)", key)
		require.Equal(t, len(parts), len(sk.parts), key)
		for n, p := range parts {
			if e := sk.parts[n]; !bytes.Equal(p, e) {
				i := 0
				for i < len(p) && i < len(e) && p[i] == e[i] {
					i++
				}
				t.Errorf("%s: %s is stale from byte %d: built %q, embedded %q (go test ./convert -run TestSkeletonsEmbedded -update)",
					key, n, i, p[i:min(len(p), i+60)], e[i:min(len(e), i+60)])
			}
		}
		// The compressed frames inflate to the frames.
		for name, z := range sk.zframes {
			f := sk.frames[name]
			for i := 1; i < 3; i++ {
				data := append(append([]byte(nil), z[0]...), z[i]...)
				got, err := inflatePart(rawPart{crc: crc(f[0], f[i]), size: uint64(len(f[0]) + len(f[i])), data: data})
				require.NoError(t, err, "%s %s frame %d", key, name, i)
				assert.Equal(t, string(f[0])+string(f[i]), string(got))
			}
		}
	}
}

func crc(parts ...[]byte) uint32 {
	var all []byte
	for _, p := range parts {
		all = append(all, p...)
	}
	return crc32.ChecksumIEEE(all)
}

// TestSkeletonStyleFields: fields() lists every field of wbStyles, each
// once, so that skeletons.bin carries all the style ids.
func TestSkeletonStyleFields(t *testing.T) {
	var s wbStyles
	fs := s.fields()
	require.Len(t, fs, reflect.TypeOf(s).NumField())
	for i, f := range fs {
		*f = i + 1
	}
	v := reflect.ValueOf(s)
	seen := map[int64]bool{}
	for i := 0; i < v.NumField(); i++ {
		seen[v.Field(i).Int()] = true
	}
	assert.Len(t, seen, len(fs), "every field set exactly once")
	assert.False(t, seen[0])
}

// TestSkeletonsDamaged: a damaged skeletons.bin is refused, never half
// used: the skeleton is then built through excelize.
func TestSkeletonsDamaged(t *testing.T) {
	good, err := encodeSkeletons()
	require.NoError(t, err)
	_, err = decodeSkeletons(good)
	require.NoError(t, err)
	for _, b := range [][]byte{nil, []byte("xxgk"), good[:len(good)/2], append(append([]byte(nil), good...), 0)} {
		_, err := decodeSkeletons(b)
		assert.ErrorIs(t, err, errSkeletons)
	}
	m, err := decodeSkeletons(good)
	require.NoError(t, err)
	for _, v := range m {
		for n, rp := range v.raw {
			rp.crc++
			_, err := inflatePart(rp)
			assert.Error(t, err, n)
			break
		}
	}
}

// FuzzDecodeSkeletons: skeletons.bin's reader never panics and never
// returns a part pointing outside its input, whatever the bytes.
func FuzzDecodeSkeletons(f *testing.F) {
	good, err := encodeSkeletons()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(skeletonsMagic)+40])
	f.Add([]byte(skeletonsMagic + "\x01\x03abc\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeSkeletons(b)
		if err != nil {
			return
		}
		for _, v := range m {
			for _, rp := range v.raw {
				_, _ = inflatePart(rp) // damaged parts are refused, not trusted
			}
		}
	})
}
