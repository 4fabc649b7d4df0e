package convert

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"sort"
	"sync"

	"github.com/xxgk/xxgk/schema"
	"github.com/xxgk/xxgk/templates"
)

// The skeletons (xlsx_fast.go) of the three workbook variants, built
// through excelize and compressed ahead of time: building one when a run
// first needed it took 8 ms, more than half of converting a single report
// and, in a batch, a stretch of the start that no second worker could
// share. TestSkeletonsEmbedded checks that skeletons.bin is what excelize
// builds today (go test ./convert -run TestSkeletonsEmbedded -update
// rewrites it); a variant missing from it is built as before.
//
//go:embed skeletons.bin
var skeletonsBin []byte

// skeletonVariants are the workbooks whose skeletons are embedded: every
// key getSkeleton can ask for (layoutOf keeps only 2021's single-row 其他处理).
var skeletonVariants = []struct {
	format string
	layout []string
}{
	{schema.F2019, nil},
	{schema.F2021, nil},
	{schema.F2021, []string{schema.LayoutOtherSingleRow}},
}

const skeletonsMagic = "xxgk skeletons 1\n"

// embeddedVariant is one variant of skeletons.bin, still compressed.
type embeddedVariant struct {
	st      wbStyles
	raw     map[string]rawPart
	zframes map[string][3][]byte
}

var embedded = sync.OnceValue(func() map[string]*embeddedVariant {
	m, err := decodeSkeletons(skeletonsBin)
	if err != nil {
		return nil // built through excelize instead
	}
	return m
})

// embeddedSkeleton returns the embedded skeleton of key, or nil.
func embeddedSkeleton(key string) *skeleton {
	v := embedded()[key]
	if v == nil {
		return nil
	}
	parts := make(map[string][]byte, len(v.raw))
	for n, rp := range v.raw {
		b, err := inflatePart(rp)
		if err != nil {
			return nil
		}
		parts[n] = b
	}
	sk, err := newSkeleton(parts, v.st, v.raw, v.zframes)
	if err != nil {
		return nil
	}
	return sk
}

// inflatePart decompresses a part and checks its size and checksum.
func inflatePart(rp rawPart) ([]byte, error) {
	// Deflate expands at most 1032 times: a larger size is damage (and
	// must not size an allocation).
	if rp.size > 1<<26 || rp.size > uint64(len(rp.data))*1032 {
		return nil, errors.New("xlsx: embedded skeleton part damaged")
	}
	fr := flate.NewReader(bytes.NewReader(rp.data))
	defer fr.Close()
	b := make([]byte, rp.size)
	var more [1]byte
	if _, err := io.ReadFull(fr, b); err != nil {
		return nil, err
	}
	if n, _ := fr.Read(more[:]); n != 0 || crc32.ChecksumIEEE(b) != rp.crc {
		return nil, errors.New("xlsx: embedded skeleton part damaged")
	}
	return b, nil
}

// styleFields lists wbStyles' fields in a fixed order, for skeletons.bin
// (TestSkeletonStyleFields: all of them).
func (s *wbStyles) fields() []*int {
	return []*int{&s.title, &s.sub, &s.unit, &s.header, &s.label, &s.group, &s.groupV, &s.input,
		&s.total, &s.totalBad, &s.plain, &s.text, &s.textKey, &s.textHead, &s.infoKey, &s.infoVal,
		&s.check, &s.checkNum, &s.checkHead, &s.hint, &s.ok, &s.bad, &s.miss, &s.guide, &s.guideHead}
}

// encodeSkeletons builds every variant through excelize and writes
// skeletons.bin: the magic line, then per variant its key, its style ids,
// its parts compressed (name, CRC-32, size, data; by name) and its sheets'
// compressed frames (in sheet order), all as uvarints and length-prefixed
// strings. Deterministic: the same build gives the same bytes.
func encodeSkeletons() ([]byte, error) {
	var b []byte
	str := func(s []byte) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	b = append(b, skeletonsMagic...)
	b = binary.AppendUvarint(b, uint64(len(skeletonVariants)))
	for _, v := range skeletonVariants {
		parts, st, err := buildSkeletonParts(v.format, v.layout)
		if err != nil {
			return nil, err
		}
		sk, err := newSkeleton(parts, st, nil, nil)
		if err != nil {
			return nil, err
		}
		str([]byte(skeletonKey(v.format, v.layout)))
		fs := st.fields()
		b = binary.AppendUvarint(b, uint64(len(fs)))
		for _, f := range fs {
			b = binary.AppendUvarint(b, uint64(*f))
		}
		names := make([]string, 0, len(sk.raw))
		for n := range sk.raw {
			names = append(names, n)
		}
		sort.Strings(names)
		b = binary.AppendUvarint(b, uint64(len(names)))
		for _, n := range names {
			rp := sk.raw[n]
			str([]byte(n))
			b = binary.AppendUvarint(b, uint64(rp.crc))
			b = binary.AppendUvarint(b, rp.size)
			str(rp.data)
		}
		b = binary.AppendUvarint(b, uint64(len(templates.SheetNames)))
		for _, name := range templates.SheetNames {
			z := sk.zframes[name]
			str([]byte(name))
			str(z[0])
			str(z[1])
			str(z[2])
		}
	}
	return b, nil
}

var errSkeletons = errors.New("xlsx: skeletons.bin damaged")

// decodeSkeletons reads skeletons.bin. The data it returns points into b.
func decodeSkeletons(b []byte) (map[string]*embeddedVariant, error) {
	if !bytes.HasPrefix(b, []byte(skeletonsMagic)) {
		return nil, errSkeletons
	}
	b = b[len(skeletonsMagic):]
	bad := false
	num := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() []byte {
		l := num()
		if bad || l > uint64(len(b)) {
			bad = true
			return nil
		}
		s := b[:l:l]
		b = b[l:]
		return s
	}
	out := map[string]*embeddedVariant{}
	for nv := num(); nv > 0 && !bad; nv-- {
		key := string(str())
		v := &embeddedVariant{raw: map[string]rawPart{}, zframes: map[string][3][]byte{}}
		fs := v.st.fields()
		if num() != uint64(len(fs)) {
			return nil, errSkeletons
		}
		for _, f := range fs {
			*f = int(num())
		}
		for np := num(); np > 0 && !bad; np-- {
			name := string(str())
			crc := num()
			size := num()
			v.raw[name] = rawPart{crc: uint32(crc), size: size, data: str()}
		}
		for ns := num(); ns > 0 && !bad; ns-- {
			name := string(str())
			v.zframes[name] = [3][]byte{str(), str(), str()}
		}
		out[key] = v
	}
	if bad || len(b) != 0 {
		return nil, errSkeletons
	}
	return out, nil
}
