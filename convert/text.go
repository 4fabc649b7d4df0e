package convert

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// The .txt reader. Plain text comes in many layouts (xxgk's own txt, pipe
// text, tab-separated text, one cell per line, pdftotext output, glued
// crawler text). The reader splits the text into lines, blanks the lines
// that are not the report (a crawler's header block), asks every registered
// layout how well it fits, and lets the best one build the Document.
//
// Layouts live in their own files and register themselves from init:
//
//	func init() {
//		registerTextLayout(textLayout{name: "pipe", score: scorePipe, parse: parsePipe})
//	}

// textLayout is one way plain text may lay out a report.
type textLayout struct {
	// name identifies the layout in notes and tests ("pipe", "xxgk").
	name string
	// score says how well the lines fit the layout: 0 not at all; the
	// highest score wins, ties go to the layout registered first (by name
	// order, so the choice never depends on init order).
	score func(s *lineScan) int
	// parse builds the Document. lines[i] is line i+1 of the file (chrome
	// lines are blanked, never removed, so positions stay true); name is the
	// base file name for positions ("report.txt:57").
	parse func(name string, lines []string) (*Document, error)
}

var textLayouts []textLayout

// registerTextLayout makes a layout available to the .txt reader.
func registerTextLayout(l textLayout) {
	textLayouts = append(textLayouts, l)
	sort.SliceStable(textLayouts, func(i, j int) bool { return textLayouts[i].name < textLayouts[j].name })
}

// linePos is the position of line i (0-based index) of file name.
func linePos(name string, i int) string { return name + ":" + strconv.Itoa(i+1) }

// splitLines splits text into lines: \r\n and \r end lines as \n does; form
// feeds are kept inside lines (layouts treat them as white space).
func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// pickTextLayout returns the best-fitting layout for the lines.
func pickTextLayout(lines []string) textLayout {
	best, bestScore := -1, -1
	s := newLineScan(lines)
	for i, l := range textLayouts {
		if s := l.score(s); s > bestScore {
			best, bestScore = i, s
		}
	}
	return textLayouts[best]
}

// lineScan holds the lines being scored with what several layouts ask of
// each line, worked out once: whether it holds a cell separator ('|', '｜'
// or a tab) and its valueRowGaps. Every layout scoring every line on its own
// was a fifth of reading a report (BENCHMARKS.md).
type lineScan struct {
	lines []string
	facts []lineFacts
}

type lineFacts struct {
	sep  int8 // 0 not yet known, 1 no separator, 2 separator
	gaps int8 // valueRowGaps + 1; 0 not yet known
}

func newLineScan(lines []string) *lineScan {
	return &lineScan{lines: lines, facts: make([]lineFacts, len(lines))}
}

// hasSep reports strings.ContainsAny(line i, "|｜\t").
func (s *lineScan) hasSep(i int) bool {
	f := &s.facts[i]
	if f.sep == 0 {
		f.sep = 1
		if hasSepText(s.lines[i]) {
			f.sep = 2
		}
	}
	return f.sep == 2
}

// gaps is valueRowGaps(line i).
func (s *lineScan) gaps(i int) int {
	f := &s.facts[i]
	if f.gaps == 0 {
		f.gaps = int8(valueRowGaps(s.lines[i])) + 1
	}
	return int(f.gaps) - 1
}

// hasSepText is strings.ContainsAny(t, "|｜\t") with byte scans (IndexAny
// decodes rune by rune once its set holds a non-ASCII character).
func hasSepText(t string) bool {
	return strings.IndexByte(t, '|') >= 0 || strings.IndexByte(t, '\t') >= 0 || strings.Contains(t, "｜")
}

// readText is the DocFunc of the .txt reader.
func readText(name, text string) (*Document, error) {
	lines := splitLines(text)
	notes := dropChrome(name, lines)
	joinSplitHeadings(lines)
	flat, orig, reflowed := reflow(lines)
	if reflowed {
		lines = flat
	}
	l := pickTextLayout(lines)
	doc, err := l.parse(name, lines)
	if err != nil {
		return nil, err
	}
	if reflowed {
		remapPositions(doc, name, orig)
	}
	doc.Name = name
	doc.Notes = append(notes, doc.Notes...)
	doc.RepeatsDropped = repeatsDropped(lines)
	return doc, nil
}

// minLinesForRepeats: a text this long with no line equal to the one
// before it has had its repeats dropped (tables printed one cell per line
// repeat "0" lines everywhere otherwise).
const minLinesForRepeats = 80

// repeatsDropped reports whether no non-empty line repeats the non-empty
// line before it in a text long enough to show it.
func repeatsDropped(lines []string) bool {
	n, prev := 0, ""
	for _, ln := range lines {
		t := strings.TrimSpace(ln)
		if t == "" {
			continue
		}
		if t == prev {
			return false
		}
		prev = t
		n++
	}
	return n >= minLinesForRepeats
}

// dropChrome blanks the lines that are not the report and returns
// chrome_dropped notes keeping them: a crawler header block ending in a
// "==== 正文 ====" line, a site's breadcrumb ("当前位置：首页 > …") at the
// top, and page furniture at the bottom ("附件下载", "【打印】【关闭】").
func dropChrome(name string, lines []string) []DocNote {
	var notes []DocNote
	for i, ln := range lines {
		if i > 40 {
			break
		}
		t := strings.TrimSpace(ln)
		if strings.Contains(t, "正文") && strings.HasPrefix(t, "===") && strings.HasSuffix(t, "===") {
			kept := strings.Join(lines[:i+1], "\n")
			for j := 0; j <= i; j++ {
				lines[j] = ""
			}
			notes = append(notes, DocNote{Kind: report.NoteChromeDropped, Pos: linePos(name, 0), Detail: kept})
			break
		}
	}
	for i, ln := range lines {
		if i > 10 {
			break
		}
		t := strings.TrimSpace(ln)
		if strings.HasPrefix(t, "当前位置") || strings.HasPrefix(t, "您当前的位置") || strings.HasPrefix(t, "您的位置") {
			crumb, rest := splitBreadcrumb(t)
			if crumb != "" {
				notes = append(notes, DocNote{Kind: report.NoteChromeDropped, Pos: linePos(name, i), Detail: crumb})
			}
			lines[i] = rest
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-15; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		if !isFooterChrome(t) {
			break
		}
		notes = append(notes, DocNote{Kind: report.NoteChromeDropped, Pos: linePos(name, i), Detail: t})
		lines[i] = ""
	}
	return notes
}

// joinSplitHeadings mends a heading a crawler printed one text node per line
// ("一" / "、" / "总体情况"): the pieces move onto the heading's line and
// their own lines are left empty, so that every line keeps its number.
func joinSplitHeadings(lines []string) {
	for i := 0; i+2 < len(lines); i++ {
		num, sep := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
		rest := strings.TrimSpace(lines[i+2])
		if sep != "、" || utf8.RuneCountInString(num) != 1 || !strings.Contains("一二三四五六七八九十", num) {
			continue
		}
		if utf8.RuneCountInString(rest) < 2 || isValueText(rest) {
			continue // a vertical label printed one character per line
		}
		lines[i+2] = num + sep + rest
		lines[i], lines[i+1] = "", ""
	}
	for i := range lines {
		joinHeadingPieces(lines, i)
	}
}

// maxHeadingPieces bounds the lines one heading is gathered from.
const maxHeadingPieces = 6

// joinHeadingPieces completes a heading started on line i ("三、收到和处理")
// from the short lines after it ("政府信息" / "公开申请" / "情况") when
// together they are exactly a heading of the format.
func joinHeadingPieces(lines []string, i int) {
	acc := strings.TrimSpace(lines[i])
	if !reHeadingStart.MatchString(acc) {
		return
	}
	heads := headingsNumbered(acc)
	j := i + 1
	for ; j < len(lines) && j <= i+maxHeadingPieces; j++ {
		if isHeading(heads, schema.Normalize(acc)) {
			break
		}
		next := strings.TrimSpace(lines[j])
		if next == "" || !headingPrefix(heads, schema.Normalize(acc+next)) {
			return
		}
		acc += next
	}
	if j == i+1 || !isHeading(heads, schema.Normalize(acc)) {
		return
	}
	lines[i] = acc
	for k := i + 1; k < j; k++ {
		lines[k] = ""
	}
}

var reHeadingStart = regexp.MustCompile(`^[一二三四五六]、`)

// headingsNumbered lists the normalized headings (and their variants) of
// both formats that start with the numeral of t.
func headingsNumbered(t string) []string {
	num, _ := utf8.DecodeRuneInString(t)
	var out []string
	for _, key := range []string{schema.F2019, schema.F2021} {
		for _, s := range schema.Get(key).Sections {
			for _, h := range append([]string{s.Heading}, s.Variants...) {
				if r, _ := utf8.DecodeRuneInString(h); r == num {
					out = append(out, schema.Normalize(h))
				}
			}
		}
	}
	return out
}

func isHeading(heads []string, n string) bool {
	for _, h := range heads {
		if h == n {
			return true
		}
	}
	return false
}

func headingPrefix(heads []string, n string) bool {
	for _, h := range heads {
		if strings.HasPrefix(h, n) {
			return true
		}
	}
	return false
}

// breadcrumbMax is the longest line taken whole as a breadcrumb; a longer
// one is a page flattened onto one line, whose report text must survive.
const breadcrumbMax = 100

// splitBreadcrumb splits a line starting with a breadcrumb into the chrome
// and the report text after it: the text starts at the first sentence
// opener or section heading; without one a long line is kept whole.
func splitBreadcrumb(t string) (crumb, rest string) {
	if utf8.RuneCountInString(t) <= breadcrumbMax {
		return t, ""
	}
	cut := -1
	for _, opener := range []string{"根据", "按照", "依据", "依照", "本报告", "一、"} {
		if k := strings.Index(t, opener); k > 0 && (cut < 0 || k < cut) {
			cut = k
		}
	}
	if cut < 0 || cut > 1200 {
		return "", t
	}
	return strings.TrimSpace(t[:cut]), t[cut:]
}

// isFooterChrome recognizes a web page's furniture after the report.
func isFooterChrome(t string) bool {
	for _, p := range []string{"附件下载", "相关链接", "【打印", "【关闭", "[打印", "[关闭", "扫一扫", "分享到", "打印本页", "关闭窗口", "网站地图", "主办单位", "版权所有"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func init() {
	RegisterTextReader(".txt", readText)
}
