package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// countGluedRows must count exactly what reGluedRow finds.
func TestCountGluedRowsSameAsRegexp(t *testing.T) {
	lines := []string{
		"规章000行政规范性文件77132470", "（七）总计 1234567", "总计\u00a012345 数量 99999", "数量1234", "申请  12345",
		"信息123456789公开12345", "本年度2020年12345", "出版物００００００", "收费123456元强制12345",
	}
	files, _ := filepath.Glob("../../shared/corpus/*.*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	for _, ln := range lines {
		assert.Equal(t, len(reGluedRow.FindAllStringIndex(ln, -1)), countGluedRows(ln), "%.80q", ln)
	}
}
