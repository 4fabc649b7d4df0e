package convert

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/xxgk/xxgk/report"
)

// htmlCSS is the page's minimal, print-friendly style: official documents
// are set in 仿宋 with headings in 黑体 and the title in 小标宋.
const htmlCSS = `body{margin:0;background:#fff;color:#000}
.xxgk-report{max-width:60em;margin:2em auto;padding:0 1.5em;font-family:"仿宋_GB2312","FangSong","STFangsong","Noto Serif CJK SC","SimSun",serif;font-size:16px;line-height:1.8}
.xxgk-report h1{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","Noto Serif CJK SC","SimSun",serif;font-size:26px;font-weight:normal;text-align:center;line-height:1.5;margin:1em 0}
.xxgk-report h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-size:18px;font-weight:normal;margin:1em 0 .5em;break-after:avoid;page-break-after:avoid}
.xxgk-report p{text-indent:2em;margin:0}
.xxgk-report table{border-collapse:collapse;margin:.8em auto 1.2em;font-size:13px;line-height:1.4;page-break-inside:auto}
.xxgk-report th,.xxgk-report td{border:1px solid #000;padding:3px 5px;vertical-align:middle}
.xxgk-report th{font-weight:normal;text-align:center}
.xxgk-report td.l{text-align:left}
.xxgk-report td.v,.xxgk-report td.t{text-align:center;min-width:2.5em}
.xxgk-report td.t{background:#e6e6e6}
.xxgk-report table.xxgk-t3,.xxgk-report table.xxgk-t4{width:100%}
.xxgk-report table.xxgk-t3 td.v,.xxgk-report table.xxgk-t3 td.t{width:4em}
.xxgk-report tr{page-break-inside:avoid}
@media print{.xxgk-report{max-width:none;margin:0;padding:0}.xxgk-report td.t{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:2.5cm 2cm}
`

// writeHTML renders a complete standalone page, or with opt.Fragment only
// the <article> for pasting into a CMS. Every text from the report is
// escaped; tables carry the official merges as rowspan/colspan.
func writeHTML(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	if !opt.Fragment {
		title := r.Title
		if title == "" {
			title = strings.TrimSpace(r.Agency + " " + yearText(r.Year) + "政府信息公开工作年度报告")
		}
		bw.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
		bw.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
		fmt.Fprintf(bw, "<meta name=\"generator\" content=\"%s\">\n", esc(report.Generator))
		fmt.Fprintf(bw, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", esc(oneLine(title)), htmlCSS)
	}
	bw.WriteString("<article class=\"xxgk-report\">\n")
	if r.Title != "" {
		fmt.Fprintf(bw, "<h1>%s</h1>\n", esc(oneLine(r.Title)))
	}
	for _, s := range planSections(r) {
		if s.Heading != "" {
			fmt.Fprintf(bw, "<h2>%s</h2>\n", esc(oneLine(s.Heading)))
		}
		for _, p := range s.Paras {
			fmt.Fprintf(bw, "<p>%s</p>\n", esc(oneLine(p)))
		}
		if s.Table != nil {
			writeHTMLTable(bw, s.Table)
		}
	}
	bw.WriteString("</article>\n")
	if !opt.Fragment {
		bw.WriteString("</body>\n</html>\n")
	}
	return bw.Flush()
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf("%d年", y)
}

// writeHTMLTable prints a table with the official merges. Borders and
// collapse are also attributes, so that a CMS that strips <style> still
// shows a ruled table.
func writeHTMLTable(bw *bufio.Writer, t *outTable) {
	fmt.Fprintf(bw, "<table class=\"xxgk-%s\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n", t.ID)
	for i, row := range t.Rows {
		if i == 0 && t.Heading > 0 {
			bw.WriteString("<thead>\n")
		}
		if i == t.Heading && t.Heading > 0 {
			bw.WriteString("<tbody>\n")
		}
		bw.WriteString("<tr>")
		for _, c := range row {
			tag, class := "td", ""
			switch c.Kind {
			case outHeader:
				tag = "th"
			case outLabel:
				class = "l"
			case outValue, outBlank:
				class = "v"
			case outTotal:
				class = "t"
			}
			bw.WriteString("<" + tag)
			if class != "" {
				bw.WriteString(" class=\"" + class + "\"")
			}
			if c.RowSpan > 1 {
				fmt.Fprintf(bw, " rowspan=\"%d\"", c.RowSpan)
			}
			if c.ColSpan > 1 {
				fmt.Fprintf(bw, " colspan=\"%d\"", c.ColSpan)
			}
			if c.ID != "" {
				fmt.Fprintf(bw, " data-id=\"%s\"", c.ID)
			}
			bw.WriteString(">" + html.EscapeString(strings.TrimSpace(oneLine(c.Text))) + "</" + tag + ">")
		}
		bw.WriteString("</tr>\n")
		if i == t.Heading-1 && t.Heading > 0 {
			bw.WriteString("</thead>\n")
		}
	}
	if t.Heading > 0 {
		bw.WriteString("</tbody>\n")
	}
	bw.WriteString("</table>\n")
}

func init() {
	RegisterWriter(".html", writeHTML)
}
