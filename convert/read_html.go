package convert

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/xxgk/xxgk/report"
	"github.com/xxgk/xxgk/schema"
)

// The HTML reader turns a web page into a Document.
//
//   - The article is the element holding the report: the smallest element
//     that contains every table and every section heading of the page. What
//     lies outside it (site menus, breadcrumbs, footers), and navigation
//     inside it, is dropped with a chrome_dropped note that keeps its text.
//   - Paragraphs outside tables become Para blocks (<br> ends a paragraph),
//     <h1>–<h6> are marked Heading. In a page written by xxgk every <p> is
//     marked Body and its text is kept exactly.
//   - Tables become Grid blocks with rowspan/colspan expanded: a merged cell
//     appears at every position it covers, Cont set on all but its first.
//     Text split over several <p>, <div> or <br> inside a cell is joined
//     without a space when both sides are CJK ("<p>商业</p><p>企业</p>" →
//     "商业企业"), with one space otherwise; runs of white space and &nbsp;
//     are trimmed at the ends of each piece. A table that holds another
//     table, or has at most one cell per row, is page layout: its cells are
//     read as blocks.
//   - Word-exported markup (<o:p>, MsoNormal, mso-* styles, conditional
//     comments) needs nothing special; elements hidden with display:none or
//     mso-hide:all are skipped, as are <script>, <style> and the <head>.
//   - A page held in a JavaScript string ("<table border=\"1\">") is
//     unescaped first. Bytes were decoded by the shared front (UTF-8, GBK,
//     GB18030), so a meta charset needs no attention here.

// maxSpan caps rowspan and colspan against hostile pages.
const maxSpan = 1000

func readHTML(name, text string) (*Document, error) {
	if !strings.Contains(strings.ToLower(text), "<script") {
		// A file that is itself a JavaScript string or a JSON payload.
		text = unwrapJSString(text)
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	body := findElement(root, "body")
	if body == nil {
		body = root
	}
	if !hasReportContent(body) {
		// The report may be held in a script string (a portal clone that
		// writes the article with document.write or a JSON payload).
		for _, inner := range []string{scriptHTML(root), unwrapJSString(text)} {
			if inner == "" || inner == text {
				continue
			}
			if r2, err := html.Parse(strings.NewReader(inner)); err == nil {
				if b2 := findElement(r2, "body"); b2 != nil && hasReportContent(b2) {
					root, body = r2, b2
					break
				}
			}
		}
	}
	hr := &htmlReader{doc: &Document{Name: name}, name: name, own: isXXGKPage(root)}
	article := findArticle(body)
	if chrome := chromeText(body, article); chrome != "" {
		hr.doc.Notes = append(hr.doc.Notes, DocNote{Kind: report.NoteChromeDropped, Pos: name,
			Detail: "网页中正文以外的内容（菜单、页眉页脚等）已略去：" + chrome})
	}
	hr.walk(article)
	hr.flush()
	if len(hr.inner) > 0 {
		hr.doc.Notes = append(hr.doc.Notes, DocNote{Kind: report.NoteChromeDropped, Pos: name,
			Detail: "正文中的导航内容已略去：" + strings.Join(hr.inner, "\n")})
	}
	return hr.doc, nil
}

type htmlReader struct {
	doc   *Document
	name  string
	own   bool // a page written by xxgk: keep text exactly, mark <p> as Body
	acc   textAcc
	body  bool // the paragraph being collected is a <p> of an xxgk page
	paras int
	grids int
	inner []string // navigation dropped inside the article
}

// isXXGKPage reports whether the page says xxgk wrote it.
func isXXGKPage(root *html.Node) bool {
	found := false
	eachElement(root, func(n *html.Node) bool {
		if n.Data == "meta" && strings.EqualFold(attr(n, "name"), "generator") &&
			strings.HasPrefix(strings.TrimSpace(attr(n, "content")), "xxgk") {
			found = true
		}
		return !found
	})
	return found
}

// skipTags are never part of the report text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "head": true, "title": true,
	"iframe": true, "object": true, "embed": true, "svg": true, "xml": true, "select": true,
	"button": true, "input": true, "textarea": true, "canvas": true, "video": true, "audio": true,
}

// blockTags end a paragraph before and after them.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"section": true, "article": true, "blockquote": true, "pre": true, "center": true, "form": true,
	"header": true, "footer": true, "nav": true, "aside": true, "main": true, "address": true,
	"figure": true, "figcaption": true, "hr": true, "tr": true, "td": true, "th": true, "tbody": true,
	"thead": true, "tfoot": true, "caption": true, "body": true, "html": true, "fieldset": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true,
}

// navTags and navWords mark navigation inside the article.
var navTags = map[string]bool{"nav": true, "aside": true, "header": true, "footer": true}
var navWords = []string{"nav", "menu", "footer", "breadcrumb", "crumb", "share", "sidebar", "position", "location"}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func hidden(n *html.Node) bool {
	st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "mso-hide:all") ||
		strings.Contains(st, "visibility:hidden") || hasAttr(n, "hidden")
}

// eachElement visits the elements under n in document order until f
// returns false.
func eachElement(n *html.Node, f func(*html.Node) bool) bool {
	if n.Type == html.ElementNode && !f(n) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !eachElement(c, f) {
			return false
		}
	}
	return true
}

func findElement(n *html.Node, tag string) *html.Node {
	var out *html.Node
	eachElement(n, func(e *html.Node) bool {
		if e.Data == tag {
			out = e
			return false
		}
		return true
	})
	return out
}

// findArticle returns the smallest element under body that holds every
// data table and every section heading of the page (body when there are
// none).
func findArticle(body *html.Node) *html.Node {
	scores := map[*html.Node]int{}
	var score func(n *html.Node) int
	score = func(n *html.Node) int {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return 0
		}
		if n.Type == html.ElementNode && (skipTags[n.Data] || hidden(n)) {
			return 0
		}
		s := 0
		if n.Data == "table" && !layoutTable(n) {
			s++
		}
		if n.Data == "p" || n.Data == "li" || (len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6') {
			if isSectionHeading(plainText(n)) {
				s++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			s += score(c)
		}
		scores[n] = s
		return s
	}
	total := score(body)
	if total == 0 {
		return body
	}
	n := body
	for {
		var next *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if scores[c] == total {
				next = c
				break
			}
		}
		if next == nil || next.Data == "table" && !layoutTable(next) {
			return n
		}
		n = next
	}
}

// isSectionHeading reports whether a text starts with one of the six
// headings (or a known variant) of either format.
func isSectionHeading(text string) bool {
	t := schema.Normalize(text)
	if t == "" {
		return false
	}
	for _, s := range schema.Get(schema.F2021).Sections {
		for _, h := range append([]string{s.Heading}, s.Variants...) {
			if strings.HasPrefix(t, schema.Normalize(h)) {
				return true
			}
		}
	}
	return false
}

// plainText is the text under n, white space collapsed.
func plainText(n *html.Node) string { return nodeText(n, textAcc{}, true) }

// nodeText collects the text under n into a, skipping hidden elements; a
// <br>, and with blocks a block element, separates words.
func nodeText(n *html.Node, a textAcc, blocks bool) string {
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			a.add(n.Data)
		case html.ElementNode:
			if skipTags[n.Data] || hidden(n) {
				return
			}
			if n.Data == "br" || blocks && blockTags[n.Data] {
				a.add(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return a.take()
}

// chromeText is the text of body outside article, one line per block.
func chromeText(body, article *html.Node) string {
	if body == article || skipTags[body.Data] || hidden(body) {
		return ""
	}
	lines := blockPieces(body, textAcc{}, article, "〔正文〕")
	if len(lines) == 1 && lines[0] == "〔正文〕" {
		return ""
	}
	return strings.Join(lines, "\n")
}

// blockPieces collects the visible text under n (skipTags and hidden
// elements left out) into a, one piece per block: a <br> and the start and
// end of a block element end a piece. The element marker, when met, ends the
// piece and stands as the piece mark, its content unread.
func blockPieces(n *html.Node, a textAcc, marker *html.Node, mark string) []string {
	var pieces []string
	end := func() {
		if s := a.take(); s != "" {
			pieces = append(pieces, s)
		}
	}
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if marker != nil && n == marker {
			end()
			pieces = append(pieces, mark)
			return
		}
		switch n.Type {
		case html.TextNode:
			a.add(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.Data] || hidden(n) {
				return
			}
			if blockTags[n.Data] || n.Data == "br" {
				end()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			end()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		rec(c)
	}
	end()
	return pieces
}

// isNav reports whether an element inside the article is navigation: a nav
// tag or a class/id naming a menu, and no report content inside.
func isNav(n *html.Node) bool {
	nav := navTags[n.Data]
	if !nav {
		ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		for _, w := range navWords {
			if strings.Contains(ci, w) {
				nav = true
				break
			}
		}
	}
	if !nav {
		return false
	}
	content := false
	eachElement(n, func(e *html.Node) bool {
		if e.Data == "table" || ((e.Data == "p" || e.Data[0] == 'h') && isSectionHeading(plainText(e))) {
			content = true
		}
		return !content
	})
	return !content
}

func (hr *htmlReader) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		hr.acc.add(n.Data)
		return
	case html.DocumentNode:
	case html.ElementNode:
		tag := n.Data
		if skipTags[tag] || hidden(n) {
			return
		}
		if isNav(n) {
			if t := plainText(n); t != "" {
				hr.inner = append(hr.inner, t)
			}
			return
		}
		switch {
		case tag == "br":
			hr.flush()
			return
		case tag == "table" && !layoutTable(n):
			hr.flush()
			hr.table(n)
			return
		case len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
			hr.flush()
			if t := hr.text(n); t != "" {
				hr.paras++
				hr.doc.Blocks = append(hr.doc.Blocks, Block{Kind: Para, Text: t, Heading: true,
					Pos: hr.name + ":p" + strconv.Itoa(hr.paras)})
			}
			return
		case blockTags[tag]:
			hr.flush()
			hr.body = hr.own && tag == "p"
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				hr.walk(c)
			}
			hr.flush()
			return
		}
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		hr.walk(c)
	}
}

// text is the text of an element (a heading) collected on its own.
func (hr *htmlReader) text(n *html.Node) string {
	return nodeText(n, textAcc{raw: hr.own}, false)
}

// flush ends the paragraph being collected.
func (hr *htmlReader) flush() {
	hr.acc.raw = hr.own
	t := hr.acc.take()
	body := hr.body
	hr.body = false
	if t == "" {
		return
	}
	hr.paras++
	hr.doc.Blocks = append(hr.doc.Blocks, Block{Kind: Para, Text: t, Body: body,
		Pos: hr.name + ":p" + strconv.Itoa(hr.paras)})
}

// layoutTable reports whether a table is page layout rather than data: it
// holds another table, or none of its rows has two cells.
func layoutTable(t *html.Node) bool {
	nested := false
	wide := false
	var rec func(n *html.Node, depth int)
	rec = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "table":
				nested = true
				continue
			case "tr":
				cells := 0
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.Data == "td" || td.Data == "th") {
						cells++
					}
				}
				if cells >= 2 {
					wide = true
				}
			}
			rec(c, depth+1)
		}
	}
	rec(t, 0)
	return nested || !wide
}

// tableRows returns the <tr> of a table in order (thead, tbody, tfoot, or
// rows directly under the table), not those of nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				rec(c)
			}
		}
	}
	rec(t)
	return rows
}

func spanAttr(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	if v > maxSpan {
		return maxSpan
	}
	return v
}

// table reads a data table into a Grid block.
func (hr *htmlReader) table(t *html.Node) {
	hr.grids++
	trs := tableRows(t)
	prefix := hr.name + ":table" + strconv.Itoa(hr.grids) + "!"
	grid := make([][]Cell, len(trs))
	taken := make([][]bool, len(trs))
	origin := make([][]int, len(trs)) // the column where the covering cell starts
	set := func(r, c int, cell Cell, oc int) {
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], Cell{})
			taken[r] = append(taken[r], false)
			origin[r] = append(origin[r], len(origin[r]))
		}
		grid[r][c] = cell
		taken[r][c] = true
		origin[r][c] = oc
	}
	for r, tr := range trs {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.Data != "td" && td.Data != "th") {
				continue
			}
			for col < len(taken[r]) && taken[r][col] {
				col++
			}
			rs, cs := spanAttr(td, "rowspan"), spanAttr(td, "colspan")
			if r+rs > len(trs) {
				rs = len(trs) - r
			}
			text := hr.cellText(td)
			pos := prefix + cellRef(r, col)
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					cell := Cell{Text: text, Pos: pos, Cont: dr > 0 || dc > 0}
					if !cell.Cont {
						cell.RowSpan, cell.ColSpan = rs, cs
					}
					set(r+dr, col+dc, cell, col)
				}
			}
			col += cs
		}
	}
	// Positions skipped by a ragged row are empty cells of their own.
	for r := range grid {
		for c := range grid[r] {
			if !taken[r][c] {
				grid[r][c] = Cell{Pos: prefix + cellRef(r, c), RowSpan: 1, ColSpan: 1}
			}
		}
	}
	grid = dropPhysicalColumns(grid, origin)
	pos := prefix + "A1"
	hr.doc.Blocks = append(hr.doc.Blocks, Block{Kind: Grid, Rows: grid, Pos: pos})
}

// dropPhysicalColumns removes the grid columns in which no cell starts in
// any row (every position a horizontal continuation of a merge from the
// left): a physical grid wider than the logical one, as Word leaves behind
// when merged cells of different rows do not line up.
func dropPhysicalColumns(grid [][]Cell, origin [][]int) [][]Cell {
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	keep := make([]bool, width)
	for r, row := range grid {
		for c := range row {
			if origin[r][c] == c {
				keep[c] = true
			}
		}
	}
	drop := false
	for _, k := range keep {
		drop = drop || !k
	}
	if !drop {
		return grid
	}
	out := make([][]Cell, len(grid))
	for r, row := range grid {
		for c, cell := range row {
			if keep[c] {
				out[r] = append(out[r], cell)
				continue
			}
			// A dropped position narrows the merge that covered it.
			if o := origin[r][c]; o < c && !grid[r][o].Cont && grid[r][o].ColSpan > 1 {
				for k := range out[r] {
					if out[r][k].Pos == grid[r][o].Pos && !out[r][k].Cont {
						out[r][k].ColSpan--
					}
				}
			}
		}
	}
	return out
}

// cellRef is a spreadsheet-style reference of a grid position ("D5").
func cellRef(r, c int) string {
	col := ""
	for c++; c > 0; c = (c - 1) / 26 {
		col = string(rune('A'+(c-1)%26)) + col
	}
	return col + strconv.Itoa(r+1)
}

// cellText joins the pieces of text in a table cell.
func (hr *htmlReader) cellText(td *html.Node) string {
	return joinPieces(blockPieces(td, textAcc{raw: hr.own}, nil, ""))
}

// joinPieces joins text pieces: no space where both sides are CJK, one
// space otherwise.
func joinPieces(pieces []string) string {
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(p)
			if !(isCJK(last) && isCJK(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// isCJK reports whether r is a Han character or CJK punctuation (full-width
// forms, ideographic punctuation, Chinese quotes and dashes).
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		(r >= 0x2010 && r <= 0x206F) || (r >= 0x3400 && r <= 0x4DBF)
}

// textAcc collects text as a browser shows it: runs of white space (and
// &nbsp;) become one space, dropped at both ends and, when the run starts
// with a line break, between two CJK characters (a source line wrapped
// inside Chinese text is not a space). raw keeps the
// text exactly (pages written by xxgk), trimming nothing but line breaks.
type textAcc struct {
	b         []rune
	pending   bool
	pendingNL bool // the pending white space holds a line break
	raw       bool
}

func isWS(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

func (a *textAcc) add(s string) {
	if a.raw {
		a.b = append(a.b, []rune(s)...)
		return
	}
	for _, r := range s {
		if isWS(r) {
			if !a.pending {
				// Only a run that starts with the line break is a wrap
				// ("部署。 \n聚焦" keeps its space).
				a.pendingNL = r == '\n' || r == '\r'
			}
			a.pending = true
			continue
		}
		if a.pending {
			if len(a.b) > 0 && !(a.pendingNL && isCJK(a.b[len(a.b)-1]) && isCJK(r)) && a.b[len(a.b)-1] != ' ' {
				a.b = append(a.b, ' ')
			}
			a.pending, a.pendingNL = false, false
		}
		a.b = append(a.b, r)
	}
}

// take returns the collected text and resets the collector.
func (a *textAcc) take() string {
	s := string(a.b)
	a.b, a.pending, a.pendingNL = a.b[:0], false, false
	if a.raw {
		return strings.Trim(s, "\r\n")
	}
	return strings.TrimFunc(s, func(r rune) bool {
		return isWS(r) || r == '\u3000' || r == '\u200b' || r == '\ufeff'
	})
}

// hasReportContent reports whether a data table or a section heading is
// visible under n.
func hasReportContent(n *html.Node) bool {
	found := false
	eachElement(n, func(e *html.Node) bool {
		if skipTags[e.Data] {
			return true
		}
		if (e.Data == "table" && !layoutTable(e)) || ((e.Data == "p" || e.Data == "div" || e.Data == "h1" || e.Data == "h2" || e.Data == "h3") && isSectionHeading(plainText(e))) {
			found = true
		}
		return !found
	})
	return found
}

// scriptHTML returns the HTML held in the string literals of the page's
// scripts (those that contain markup), unescaped and joined.
func scriptHTML(root *html.Node) string {
	var out strings.Builder
	eachElement(root, func(e *html.Node) bool {
		if e.Data != "script" || e.FirstChild == nil {
			return true
		}
		src := e.FirstChild.Data
		for i := 0; i < len(src); i++ {
			q := src[i]
			if q != '"' && q != '\'' && q != '`' {
				continue
			}
			j := i + 1
			for j < len(src) && src[j] != q {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				break
			}
			lit := src[i+1 : j]
			if strings.Contains(lit, "<") && (strings.Contains(lit, "<table") || strings.Contains(lit, "<p") || strings.Contains(lit, "<td")) {
				out.WriteString(jsUnescape(lit))
			}
			i = j
		}
		return true
	})
	return out.String()
}

// unwrapJSString undoes JavaScript string escapes when the whole file is a
// page held in a script string (most of its quotes are written \").
func unwrapJSString(s string) string {
	esc := strings.Count(s, `\"`)
	if esc < 4 || esc*2 < strings.Count(s, `"`) {
		return s
	}
	return jsUnescape(s)
}

// jsUnescape undoes the escapes of a JavaScript string literal.
func jsUnescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'u':
			if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(v))
					i += 4
					continue
				}
			}
			b.WriteString(`\u`)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func init() {
	RegisterTextReader(".html", readHTML)
}
