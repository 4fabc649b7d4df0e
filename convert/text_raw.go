package convert

// PDF text as `pdftotext -raw` prints it: one table row per line with single
// spaces (`1.属于国家秘密 0 0 0 0 0 0 0`), the vertical label one character per
// line (三 / 、 / 本 / 年 …), header cells one fragment per line (结果 / 维持),
// a group label and its first item on one line (`（四）无法提供
// 1.本机关不掌握相关政府信息 31 0 0 0 0 0 31`), page numbers (- 3 -) between
// rows. Tables are read as for `-layout` (text_layout.go); paragraphs have no
// indentation to go by, so a line continues the paragraph until a sentence
// ends.

func init() {
	registerTextLayout(textLayout{name: "pdfraw", score: scorePDFRaw, parse: parsePDFRaw})
}

// scorePDFRaw counts rows of values separated by single spaces.
func scorePDFRaw(s *lineScan) int {
	n := 0
	for i := range s.lines {
		if s.hasSep(i) {
			continue
		}
		if s.gaps(i) == 1 {
			n++
		}
	}
	if n < 5 {
		return 0
	}
	return 3 * n
}

func parsePDFRaw(name string, lines []string) (*Document, error) {
	return parsePDFText(name, lines, true)
}
