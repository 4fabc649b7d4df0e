// Package testenv tells tests what the machine offers beyond Go: the
// LibreOffice components a test needs, each probed once per test binary by
// converting a minimal document, so that a machine with Calc but no Writer
// (or neither) runs the rest and skips the rest with the reason.
package testenv

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// probeMark is the text every probe document holds and its conversion must
// show.
const probeMark = "xxgkprobe"

// NeedCalc skips the test unless LibreOffice Calc converts a workbook.
func NeedCalc(t testing.TB) {
	t.Helper()
	if err := Calc(); err != nil {
		t.Skip(err.Error())
	}
}

// NeedWriter skips the test unless LibreOffice Writer converts a document.
func NeedWriter(t testing.TB) {
	t.Helper()
	if err := Writer(); err != nil {
		t.Skip(err.Error())
	}
}

// Calc returns nil when soffice converts a minimal .xlsx to CSV showing its
// cell, else why not.
func Calc() error { return calc() }

// Writer returns nil when soffice converts a minimal .docx to text showing
// its paragraph, else why not.
func Writer() error { return writer() }

var (
	calc = sync.OnceValue(func() error {
		return probe("LibreOffice Calc", "probe.xlsx", xlsxParts, "csv", "probe.csv")
	})
	writer = sync.OnceValue(func() error {
		return probe("LibreOffice Writer", "probe.docx", docxParts, "txt:Text", "probe.txt")
	})
)

// probe converts a document made of parts with soffice and looks for
// probeMark in the output.
func probe(component, name string, parts map[string]string, filter, outName string) error {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return fmt.Errorf("%s unavailable: soffice not installed", component)
	}
	dir, err := os.MkdirTemp("", "xxgk-testenv-")
	if err != nil {
		return fmt.Errorf("%s unavailable: %v", component, err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, zipParts(parts), 0o644); err != nil {
		return fmt.Errorf("%s unavailable: %v", component, err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", filter, "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s unavailable: soffice --convert-to %s: %v: %s", component, filter, err, strings.TrimSpace(string(msg)))
	}
	b, err := os.ReadFile(filepath.Join(out, outName))
	if err != nil || !bytes.Contains(b, []byte(probeMark)) {
		return fmt.Errorf("%s unavailable: soffice --convert-to %s produced nothing from %s: %s", component, filter, name, strings.TrimSpace(string(msg)))
	}
	return nil
}

func zipParts(parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// [Content_Types].xml first, as Office writes it.
	names := []string{"[Content_Types].xml"}
	for n := range parts {
		if n != names[0] {
			names = append(names, n)
		}
	}
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write([]byte(parts[n]))
	}
	zw.Close()
	return buf.Bytes()
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

var xlsxParts = map[string]string{
	"[Content_Types].xml": xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`</Types>`,
	"_rels/.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`,
	"xl/workbook.xml": xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`</Relationships>`,
	"xl/worksheets/sheet1.xml": xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + probeMark + `</t></is></c></row></sheetData></worksheet>`,
}

var docxParts = map[string]string{
	"[Content_Types].xml": xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`</Types>`,
	"_rels/.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`,
	"word/document.xml": xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:body><w:p><w:r><w:t>` + probeMark + `</w:t></w:r></w:p></w:body></w:document>`,
}
