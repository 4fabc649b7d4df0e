package templates

// InfoKey is one key/value row of the 信息 sheet: column A the key, B its
// label in Chinese, C the value.
type InfoKey struct {
	Key   string
	Label string
	// Editable keys are unlocked in templates (staff may fill them).
	Editable bool
}

// InfoKeys are the rows of 信息 from InfoFirstRow, in order.
var InfoKeys = []InfoKey{
	{"agency", "填报机关", true},
	{"year", "报告年度", true},
	{"format", "报告格式", false},
	{"layout", "版式变体", false},
	{"title", "标题", true},
	{"template_version", "模板版本", false},
	{"generator", "生成程序", false},
	{"source_name", "来源文件", false},
	{"source_sha256", "来源文件 SHA-256", false},
}

// 信息 rows: a header row, the keys, a blank row, the notes' header row, then
// one row per note (A kind, B pos, C cells separated by spaces, D detail).
const (
	InfoFirstRow       = 2
	InfoNotesHeaderRow = InfoFirstRow + 9 + 1
	InfoNotesFirstRow  = InfoNotesHeaderRow + 1
)
