package schema

import (
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/width"
)

// Normalize folds a printed label to the form labels are compared in: full
// width to half width, traditional to simplified characters (those the
// report vocabulary uses), whitespace removed, quotes removed, item
// numbering unified ("1、" "1．" "1." → "1.") and 本年度新收 / 上年度结转
// read as 本年新收 / 上年结转. Two labels that differ only in
// these ways are the same label and need no note.
func Normalize(s string) string {
	if plainASCII(s) {
		return fixNumbering(s) // numbers and codes: nothing else applies
	}
	if len(s) > normMemoMaxLen {
		n, _ := normalizeMax(s, -1)
		return n
	}
	if n, ok := normMemo.load(s); ok {
		return n
	}
	n, _ := normalizeMax(s, -1)
	normMemo.store(s, n)
	return n
}

// normMemo remembers Normalize of short texts (labels and headers): every
// report of a batch prints the same official labels, and the recognizer
// asks for the same label several times (which table, which row, which
// column): 950 calls a report, all but a few of them hits. Long texts
// (paragraphs) are not kept, and the memo starts over when full: a batch
// meets new texts with every report (titles, agency names), and a memo that
// filled up and kept them was most of the growth of a batch's live heap
// (peak RSS 32 MB for 1,000 reports, 47 MB for 10,000); started over, it
// refills with the labels that recur within a few reports.
var normMemo memo

const (
	normMemoMaxLen     = 256
	normMemoMaxEntries = 4096
	// normMemoBatch is how many new texts wait in the locked map before
	// they are published to the lock-free one.
	normMemoBatch = 64
)

// memo is a string map read without locks, like sync.Map but typed (no
// boxing of the key on every lookup). Reads go to an immutable map
// published through an atomic pointer; new entries collect in a locked map
// and are published together. The memo had been a map behind an RWMutex:
// its read lock is an atomic add on one shared word, and with two workers
// reading 950 times a report each, that word moved between the cores at
// every call.
type memo struct {
	read  atomic.Pointer[map[string]string] // never written once published
	mu    sync.Mutex
	dirty map[string]string // entries not yet in read
}

func (m *memo) load(s string) (string, bool) {
	if r := m.read.Load(); r != nil {
		if n, ok := (*r)[s]; ok {
			return n, true
		}
	}
	m.mu.Lock()
	n, ok := m.dirty[s]
	m.mu.Unlock()
	return n, ok
}

func (m *memo) store(s, n string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirty == nil {
		m.dirty = make(map[string]string, normMemoBatch)
	}
	m.dirty[strings.Clone(s)] = n
	if len(m.dirty) < normMemoBatch {
		return
	}
	var old map[string]string
	if r := m.read.Load(); r != nil {
		old = *r
	}
	if len(old)+len(m.dirty) > normMemoMaxEntries {
		old = nil // full: start over with the newest entries
	}
	next := make(map[string]string, len(old)+len(m.dirty))
	for k, v := range old {
		next[k] = v
	}
	for k, v := range m.dirty {
		next[k] = v
	}
	m.read.Store(&next)
	m.dirty = make(map[string]string, normMemoBatch)
}

// normalizeMax is Normalize giving up (false) as soon as the result is
// certain to be longer than max bytes (max < 0: no limit). fixNumbering,
// the only step after the rune loop, shortens by at most two bytes
// ("1、" → "1."), so the loop stops at max+2.
func normalizeMax(s string, max int) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x80 {
			// Per rune, what width.Narrow.String does to the whole string,
			// without its transformer machinery (it was most of the
			// recognizer's time). CJK ideographs have no narrow form
			// (TestNormalizeIdeographFastPath) and are most of the text.
			if r < 0x4E00 || r > 0x9FFF {
				if n := width.LookupRune(r).Narrow(); n != 0 {
					r = n
				}
			}
		}
		if r < 0x80 {
			if asciiSpace[r] {
				continue
			}
		} else if r == '\u0085' || r == '\u00a0' || r == '\u1680' || (r >= '\u2000' && r <= '\u200b') ||
			r == '\u2028' || r == '\u2029' || r == '\u202f' || r == '\u205f' || r == '\u3000' || r == '\ufeff' {
			continue // unicode.IsSpace beyond ASCII, U+200B, U+FEFF
		}
		switch r {
		case '“', '”', '"', '\'', '‘', '’', '「', '」', '『', '』':
			continue
		case '､': // width.Narrow turns 、 into its half-width form: undo
			r = '、'
		case '｡':
			r = '。'
		}
		if isTrad(r) {
			r = tradToSimp[r]
		}
		b.WriteRune(r)
		if max >= 0 && b.Len() > max+2 {
			return "", false
		}
	}
	out := b.String()
	// "1、" / "1．" → "1." at the start (after an optional group label).
	out = fixNumbering(out)
	if strings.Contains(out, "年度") {
		// 本年度新收 / 上年度结转 are the official 本年新收 / 上年结转.
		out = yearFold.Replace(out)
	}
	if max >= 0 && len(out) > max {
		return "", false
	}
	return out, true
}

var yearFold = strings.NewReplacer("本年度新收", "本年新收", "上年度结转", "上年结转")

// plainASCII reports whether s is printable ASCII without spaces or quotes:
// text Normalize leaves as it is but for fixNumbering.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '\'' {
			return false
		}
	}
	return true
}

// asciiSpace is unicode.IsSpace over ASCII.
var asciiSpace = [128]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// tradBits marks the keys of tradToSimp in the Basic Multilingual Plane, so
// that most runes are decided without a map lookup.
var tradBits = func() *[1 << 16 / 64]uint64 {
	var bits [1 << 16 / 64]uint64
	for r := range tradToSimp {
		if r < 1<<16 {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return &bits
}()

// isTrad reports whether tradToSimp maps r.
func isTrad(r rune) bool {
	if r < 1<<16 {
		return tradBits[r/64]&(1<<(r%64)) != 0
	}
	_, ok := tradToSimp[r]
	return ok
}

// fixNumbering turns an item ordinal "1、" at the start into "1.".
func fixNumbering(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 || i >= len(s) {
		return s
	}
	rest := s[i:]
	for _, p := range []string{"、", "．", ".", ",", "，"} {
		if strings.HasPrefix(rest, p) {
			return s[:i] + "." + rest[len(p):]
		}
	}
	return s
}

// Simplify maps the traditional characters of the report vocabulary to
// simplified ones, leaving everything else as it is.
func Simplify(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { _, ok := tradToSimp[r]; return ok }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if t, ok := tradToSimp[r]; ok {
			return t
		}
		return r
	}, s)
}

// tradToSimp covers the traditional characters that appear in the headings,
// labels and common narrative of the reports (mirror sites reprint them in
// traditional characters).
var tradToSimp = func() map[rune]rune {
	pairs := "規规範范處处決决數数採采購购項项總总額额對对開开製制檔档務务審审請请門门關关業业機机構构會会織织結结轉转續续辦办" +
		"複复議议訴讼訟讼維维糾纠計计經经後后條条國国祕秘護护權权為为類类內内過过執执詢询無无補补確确認认獲获訪访舉举報报" +
		"費费單单萬万現现發发廢废許许強强罰罚況况據据級级區区縣县市市務务並并與与於于從从時时間间應应實实際际進进網网絡络" +
		"統统圍围質质導导組组領领擬拟問问題题處处貫贯徹彻們们來来設设點点類类檢检驗验蹤踪遞递辦办線线態态惠惠眾众" +
		"個个這这裡里說说對对當当將将義义戶户層层聯联體体據据產产勢势動动變变頻频區区歸归衝冲陸陆區区嚴严擴扩範范" +
		"舊旧條条邊边參参閱阅圖图書书館馆陳陈遠远適适鄉乡鎮镇園园專专欄栏媒媒態态號号辦办簡简稱称錄录擇择覽览歷历" +
		"決决穩稳險险證证執执員员從从舉举訊讯緣缘報报訴诉聽听詞词語语讀读寫写閉闭貼贴帶带種种準准雜杂彙汇總总" +
		"紀纪錯错誤误獎奖懲惩訂订劃划細细則则級级"
	m := map[rune]rune{}
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] != rs[i+1] {
			m[rs[i]] = rs[i+1]
		}
	}
	// 訴 → 诉 (the pair above maps 訴 through 讼 by mistake in older tables).
	m['訴'] = '诉'
	m['訟'] = '讼'
	return m
}()
