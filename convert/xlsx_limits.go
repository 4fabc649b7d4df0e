package convert

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook, checked on the zip before excelize parses anything:
// excelize unmarshals a whole worksheet into memory (a million-row sheet of
// 50 MB of XML costs gigabytes) and holds every part unzipped. A report
// workbook has six sheets of well under a hundred rows and unzips to about a
// megabyte.
const (
	// WorkbookMaxRows caps the rows of one worksheet.
	WorkbookMaxRows = 20000
	// WorkbookMaxCells caps the cells of the whole workbook.
	WorkbookMaxCells = 400000
	// workbookMaxPart caps one unzipped part other than a worksheet
	// (sharedStrings.xml, styles.xml, …).
	workbookMaxPart = 32 << 20
)

// WorkbookOpenOptions returns the excelize options every workbook is opened
// with: the whole package may unzip to at most the input cap (--max-size),
// and no part is spilled to a temporary file.
func WorkbookOpenOptions(opt Options) excelize.Options {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	return excelize.Options{UnzipSizeLimit: max, UnzipXMLSizeLimit: max}
}

// CheckWorkbookLimits refuses a workbook that unzips to more than the input
// cap, has a part larger than its cap, a worksheet with more than
// WorkbookMaxRows rows or more than WorkbookMaxCells cells in all. It streams
// the worksheets (constant memory) and declares nothing about bytes that are
// not a zip (excelize says what is wrong with them).
func CheckWorkbookLimits(data []byte, opt Options) error {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(max) {
			return fmt.Errorf("%w: the workbook unzips to more than %d bytes (raise with --max-size)", ErrTooLarge, max)
		}
	}
	cells := 0
	for _, f := range zr.File {
		sheet := strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml")
		if !sheet {
			if f.UncompressedSize64 > workbookMaxPart && int64(f.UncompressedSize64) > max/2 {
				return &InputError{Pos: f.Name, Err: fmt.Errorf("%w: %d bytes unzipped", ErrTooLarge, f.UncompressedSize64)}
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil // excelize reports the broken part
		}
		_, n, err := countRowsCells(io.LimitReader(rc, max+1))
		rc.Close()
		if errors.Is(err, errTooManyRows) {
			return &InputError{Pos: f.Name, Err: fmt.Errorf("%w: more than %d rows in one sheet (a report table has fewer than a hundred)", ErrTooLarge, WorkbookMaxRows)}
		}
		if err != nil {
			return nil
		}
		cells += n
		if cells > WorkbookMaxCells {
			return &InputError{Pos: f.Name, Err: fmt.Errorf("%w: more than %d cells in the workbook", ErrTooLarge, WorkbookMaxCells)}
		}
	}
	return nil
}

var errTooManyRows = errors.New("too many rows")

// countRowsCells counts "<row" and "<c" elements in worksheet XML (with or
// without a namespace prefix) in one pass, stopping at WorkbookMaxRows.
func countRowsCells(r io.Reader) (rows, cells int, err error) {
	buf := make([]byte, 64<<10)
	var carry []byte
	for {
		n, rerr := r.Read(buf)
		chunk := append(carry, buf[:n]...)
		// Count tags that end inside chunk; keep a short tail for tags
		// split across reads.
		end := len(chunk)
		if rerr == nil {
			end = max(end-24, 0)
		}
		for i := 0; i < end; i++ {
			if chunk[i] != '<' {
				continue
			}
			j := i + 1
			// skip a namespace prefix "x:"
			for k := j; k < len(chunk) && k < j+16; k++ {
				if chunk[k] == ':' {
					j = k + 1
					break
				}
				if !isNameByte(chunk[k]) {
					break
				}
			}
			if j+3 < len(chunk) && chunk[j] == 'r' && chunk[j+1] == 'o' && chunk[j+2] == 'w' && !isNameByte(chunk[j+3]) {
				rows++
				if rows > WorkbookMaxRows {
					return rows, cells, errTooManyRows
				}
			} else if j+1 < len(chunk) && chunk[j] == 'c' && !isNameByte(chunk[j+1]) {
				cells++
			}
		}
		carry = append(carry[:0:0], chunk[end:]...)
		if rerr == io.EOF {
			return rows, cells, nil
		}
		if rerr != nil {
			return rows, cells, rerr
		}
	}
}

func isNameByte(b byte) bool {
	return b == '_' || b == '-' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
