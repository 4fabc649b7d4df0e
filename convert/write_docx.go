package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xxgk/xxgk/report"
)

// The .docx writer builds the WordprocessingML package by hand (archive/zip
// and encoding/xml are all it takes): A4 portrait with the margins of GB/T
// 9704 official documents, the title in 方正小标宋简体, headings in 黑体, the
// body in 仿宋_GB2312 (fontTable.xml names the usual fallbacks), and the three
// tables in a small font with their official merges (gridSpan, vMerge). The
// zip is deterministic: fixed order, fixed timestamps.

// Style ids the reader recognizes.
const (
	docxTitleStyle   = "Title"
	docxHeadingStyle = "Heading1"
	docxBodyStyle    = "XxgkBody"
	docxTableStyle   = "XxgkTableText"
)

// docxTextWidth is the A4 text width in twips (21 cm − 2.8 cm − 2.6 cm).
const docxTextWidth = 8844

// docxTime is the fixed timestamp of every zip entry.
var docxTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func writeDocx(w io.Writer, r *report.Report, opt Options) error {
	var body bytes.Buffer
	if r.Title != "" {
		docxPara(&body, docxTitleStyle, r.Title)
	}
	for _, s := range planSections(r) {
		if s.Heading != "" {
			docxPara(&body, docxHeadingStyle, s.Heading)
		}
		for _, p := range s.Paras {
			docxPara(&body, docxBodyStyle, p)
		}
		if s.Table != nil {
			docxTable(&body, s.Table)
			// Word needs a paragraph between a table and what follows.
			body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + docxTableStyle + `"/></w:pPr></w:p>`)
		}
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<w:body>` + body.String() +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>` +
		`</w:body></w:document>`
	title := r.Title
	if title == "" {
		title = strings.TrimSpace(r.Agency + " " + yearText(r.Year) + "政府信息公开工作年度报告")
	}
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(oneLine(title)) + `</dc:title><dc:creator>` + xmlText(report.Generator) + `</dc:creator>` +
		`</cp:coreProperties>`
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", core},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/fontTable.xml", docxFontTable},
		{"word/settings.xml", docxSettings},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// xmlText escapes text for an XML element or attribute.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func docxPara(b *bytes.Buffer, style, text string) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	if text != "" {
		b.WriteString(docxRun(oneLine(text), ""))
	}
	b.WriteString(`</w:p>`)
}

// docxRun is one run of text; a tab or a line break would be lost in <w:t>,
// so they become their own elements.
func docxRun(text, rPr string) string {
	var b strings.Builder
	b.WriteString(`<w:r>` + rPr + `<w:t xml:space="preserve">`)
	for _, r := range text {
		switch r {
		case '\t':
			b.WriteString(`</w:t><w:tab/><w:t xml:space="preserve">`)
		default:
			b.WriteString(xmlText(string(r)))
		}
	}
	b.WriteString(`</w:t></w:r>`)
	return b.String()
}

// docxWidths are the grid column widths of each table, in twips.
func docxWidths(t *outTable) []int {
	switch t.ID {
	case "t2":
		return []int{2844, 2000, 2000, 2000}
	case "t3":
		w := []int{620, 1000, 2454}
		for i := 0; i < 7; i++ {
			w = append(w, 681)
		}
		return w
	}
	w := make([]int, t.Cols)
	for i := range w {
		w[i] = docxTextWidth / t.Cols
	}
	return w
}

func docxTable(b *bytes.Buffer, t *outTable) {
	widths := docxWidths(t)
	total := 0
	for _, w := range widths {
		total += w
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, total)
	b.WriteString(`<w:tblBorders>`)
	for _, e := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, e)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	grid := t.expand()
	for i, row := range grid {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if i < t.Heading {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for col := 0; col < len(row); {
			gc := row[col]
			if gc.Cell == nil {
				fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p></w:tc>`, widths[col], docxTableStyle)
				col++
				continue
			}
			c := gc.Cell
			span := c.ColSpan
			if col+span > len(row) {
				span = len(row) - col
			}
			w := 0
			for k := col; k < col+span; k++ {
				w += widths[k]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
			if span > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
			}
			switch {
			case gc.Row < i:
				b.WriteString(`<w:vMerge/>`)
			case c.RowSpan > 1:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			}
			if c.Kind == outTotal {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			jc := "center"
			if c.Kind == outLabel {
				jc = "left"
			}
			keep := ""
			if c.Kind == outHeader {
				keep = `<w:keepNext/>` // a block title or header stays with its rows
			}
			fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s<w:jc w:val="%s"/></w:pPr>`, docxTableStyle, keep, jc)
			if gc.Row == i && c.Text != "" {
				b.WriteString(docxRun(strings.TrimSpace(oneLine(c.Text)), ""))
			}
			b.WriteString(`</w:p></w:tc>`)
			col += span
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const docxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>`

const docxSettings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// Fonts of official documents with the fallbacks a machine without them
// should use (w:altName).
const docxFontTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="default"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`

// Styles: 三号 (16 pt) 仿宋_GB2312 body with a two-character first-line
// indent and a fixed 28 pt line; 二号 小标宋 title; 三号 黑体 headings; 小五
// (9 pt) table text so that the 15 columns of 表四 fit the A4 width.
const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="XxgkBody"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240" w:line="640" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="XxgkBody"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="黑体" w:hAnsi="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="XxgkBody"><w:name w:val="xxgk Body"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="XxgkTableText"><w:name w:val="xxgk Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`</w:styles>`

func init() {
	RegisterWriter(".docx", writeDocx)
}
