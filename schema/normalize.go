package schema

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Normalize folds a printed label to the form labels are compared in: full
// width to half width, traditional to simplified characters (those the
// report vocabulary uses), whitespace removed, quotes removed, and item
// numbering unified ("1、" "1．" "1." → "1."). Two labels that differ only in
// these ways are the same label and need no note.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		// Per rune, what width.Narrow.String does to the whole string,
		// without its transformer machinery (it was most of the
		// recognizer's time).
		if r >= 0x80 {
			if n := width.LookupRune(r).Narrow(); n != 0 {
				r = n
			}
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		switch r {
		case '“', '”', '"', '\'', '‘', '’', '「', '」', '『', '』':
			continue
		case '､': // width.Narrow turns 、 into its half-width form: undo
			r = '、'
		case '｡':
			r = '。'
		}
		if t, ok := tradToSimp[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1、" / "1．" → "1." at the start (after an optional group label).
	out = fixNumbering(out)
	return out
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
