package convert

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xxgk/xxgk/schema"
)

// unzipPart returns one part of a package.
func unzipPart(t *testing.T, data []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func TestDocxPackage(t *testing.T) {
	b, err := Render(exportSample(schema.F2021, nil, 0), ".docx", Options{})
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		assert.True(t, f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)), "%s has the fixed time", f.Name)
	}
	assert.Equal(t, []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/fontTable.xml", "word/settings.xml"}, names)
	doc := unzipPart(t, b, "word/document.xml")
	assert.Equal(t, 3, strings.Count(doc, "<w:tbl>"))
	// 表三's header: the note spans 3 columns and 3 rows; 三、本年度办理结果
	// spans 22 rows in 2021 (restart + 21 continuations).
	assert.Contains(t, doc, `<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>`)
	assert.Equal(t, 3+2+2+22+8+3+5+3+5*2, strings.Count(doc, `<w:vMerge w:val="restart"/>`)+strings.Count(doc, `<w:vMerge/>`),
		"every vertical merge position of 表三 and 表四")
	assert.Contains(t, doc, `<w:gridSpan w:val="10"/>`, "行政诉讼 over 10 columns")
	assert.Contains(t, doc, `<w:pgSz w:w="11906" w:h="16838"/>`, "A4")
	styles := unzipPart(t, b, "word/styles.xml")
	for _, font := range []string{"方正小标宋简体", "黑体", "仿宋_GB2312"} {
		assert.Contains(t, styles, `w:eastAsia="`+font+`"`)
	}
	assert.Contains(t, unzipPart(t, b, "word/fontTable.xml"), `<w:altName w:val="仿宋"/>`)
}

// writeZip builds a package from parts for reader tests.
func writeZip(t *testing.T, parts map[string]string, order []string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = io.WriteString(w, parts[name])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func TestReadDocxWordDocument(t *testing.T) {
	// A document as Word writes it: Chinese style ids, outline levels, a
	// table with gridSpan and vMerge, text split over runs and paragraphs.
	docXML := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>青石县2023年</w:t></w:r><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">　　正文第一段。</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>商业</w:t></w:r></w:p><w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>`
	stylesXML := `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style></w:styles>`
	data := writeZip(t, map[string]string{"word/document.xml": docXML, "word/styles.xml": stylesXML},
		[]string{"word/styles.xml", "word/document.xml"})
	d, err := docxDocument("w.docx", data)
	require.NoError(t, err)
	require.Len(t, d.Blocks, 4)
	assert.Equal(t, "青石县2023年政府信息公开工作年度报告", d.Blocks[0].Text)
	assert.True(t, d.Blocks[0].Heading)
	assert.True(t, d.Blocks[1].Heading)
	assert.Equal(t, "正文第一段。", d.Blocks[2].Text, "indent trimmed, deleted text and field codes dropped")
	assert.False(t, d.Blocks[2].Heading)
	assert.Equal(t, [][]string{{"商业企业", "^", "1"}, {"^", "^", "2"}}, gridTexts(d.Blocks[3]))
	assert.Equal(t, 2, d.Blocks[3].Rows[0][0].RowSpan)
	assert.Equal(t, 2, d.Blocks[3].Rows[0][0].ColSpan)
}

func TestReadDocxLimits(t *testing.T) {
	t.Run("zip bomb", func(t *testing.T) {
		big := `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>` + strings.Repeat("0", 4<<20) + `</w:t></w:r></w:p></w:body></w:document>`
		data := writeZip(t, map[string]string{"word/document.xml": big}, []string{"word/document.xml"})
		require.Less(t, len(data), 64<<10, "compresses well")
		_, err := docxDocument("bomb.docx", data)
		assert.ErrorIs(t, err, ErrDocxLimit)
	})
	t.Run("external entity", func(t *testing.T) {
		x := `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ` + wNS + `><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
		data := writeZip(t, map[string]string{"word/document.xml": x}, []string{"word/document.xml"})
		d, err := docxDocument("xxe.docx", data)
		if err == nil {
			for _, b := range d.Blocks {
				assert.NotContains(t, b.Text, "root:")
			}
		}
		assert.Error(t, err, "an undefined entity is an error, never resolved")
	})
	t.Run("not a package", func(t *testing.T) {
		_, err := docxDocument("x.docx", []byte("PK\x03\x04 not really"))
		assert.Error(t, err)
		_, err = docxDocument("x.docx", writeZip(t, map[string]string{"a.txt": "x"}, []string{"a.txt"}))
		assert.ErrorContains(t, err, "no word/document.xml")
	})
}

func TestReadDocxNumbering(t *testing.T) {
	numbering := `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="6"/></w:num></w:numbering>`
	styles := `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`
	p := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	lvl := func(n int) string {
		return `<w:numPr><w:ilvl w:val="` + strconv.Itoa(n) + `"/><w:numId w:val="1"/></w:numPr>`
	}
	body := p(`<w:pStyle w:val="2"/>`, "总体情况") +
		p(lvl(1), "主动公开") + p(lvl(2), "加强组织领导。") + p(lvl(2), "强化考核评估。") + p(lvl(1), "依申请公开") +
		p(`<w:numPr><w:numId w:val="2"/></w:numPr>`, "项目符号") +
		p(`<w:pStyle w:val="2"/>`, "主动公开政府信息情况") + p(lvl(2), "重新编号") +
		`<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr></w:p>` + p(`<w:pStyle w:val="2"/>`, "收到和处理政府信息公开申请情况")
	docXML := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
	data := writeZip(t, map[string]string{"word/document.xml": docXML, "word/styles.xml": styles, "word/numbering.xml": numbering},
		[]string{"word/styles.xml", "word/numbering.xml", "word/document.xml"})
	d, err := docxDocument("n.docx", data)
	require.NoError(t, err)
	assert.Equal(t, []string{"一、总体情况", "（一）主动公开", "1.加强组织领导。", "2.强化考核评估。", "（二）依申请公开",
		"项目符号", "二、主动公开政府信息情况", "1.重新编号", "四、收到和处理政府信息公开申请情况"}, paras(d))
	assert.True(t, d.Blocks[0].Heading)
	assert.Equal(t, "九十九", chineseNumeral(99))
	assert.Equal(t, "十一", chineseNumeral(11))
}

func TestReadDocxHMerge(t *testing.T) {
	docXML := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body><w:tbl>
<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>第二十条第（一）项</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>`
	d, err := docxDocument("h.docx", writeZip(t, map[string]string{"word/document.xml": docXML}, []string{"word/document.xml"}))
	require.NoError(t, err)
	g := grids(d)[0]
	assert.Equal(t, [][]string{{"第二十条第（一）项", "^", "^"}, {"规章", "1", "2"}}, gridTexts(g))
	assert.Equal(t, 3, g.Rows[0][0].ColSpan)
}
