package cli

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xxgk/xxgk/convert"
	"github.com/xxgk/xxgk/schema"
)

// The lists in the help are generated from the format registry and
// schema.Rules, so that they cannot drift from what xxgk reads, writes and
// checks. A help text names a list by a placeholder.
const (
	listReadable = "{{readable}}" // .doc .docx … （.htm 同 .html）
	listWritable = "{{writable}}" // .csv（…） .docx …
	listRules    = "{{rules}}"    // the rules check runs, a line per scope
)

// formatNotes says what an output extension means where the name alone
// does not.
var formatNotes = map[string]string{
	".xlsx": "标准工作簿",
	".txt":  "官方文本格式",
	".csv":  "一行一份报告的汇总表",
}

// ruleScopes titles the scopes of schema.Rules that check runs, in the
// order the help lists them; merge's rule belongs to xxgk merge.
var ruleScopes = []struct{ scope, title string }{
	{"arith", "算术、数值、表与章节"},
	{"text", "正文与表"},
	{"prev", "跨年度（--prev）"},
	{"wb", "工作簿（.xlsx）"},
}

// expandLists fills the placeholders of a help text.
func expandLists(help string) string {
	if !strings.Contains(help, "{{") {
		return help
	}
	return strings.NewReplacer(
		listReadable, strings.Join(convert.Readable(), " ")+" （.htm 同 .html）",
		listWritable, writableList(),
		listRules, rulesList(),
	).Replace(help)
}

func writableList() string {
	var parts []string
	for _, ext := range convert.Writable() {
		if n := formatNotes[ext]; n != "" {
			ext += "（" + n + "）"
		}
		parts = append(parts, ext)
	}
	return strings.Join(parts, " ")
}

// formatNames lists extensions as format names for a flag's help:
// "docx、html、json".
func formatNames(exts []string) string {
	names := make([]string, len(exts))
	for i, e := range exts {
		names[i] = strings.TrimPrefix(e, ".")
	}
	return strings.Join(names, "、")
}

// rulesList is one entry per scope check runs, "  title：id id …", wrapped
// under its first id; a scope the table does not title is listed under its
// own name.
func rulesList() string {
	ids := map[string][]string{}
	var scopes []string
	for _, r := range schema.Rules {
		if r.Scope == "merge" {
			continue
		}
		if ids[r.Scope] == nil {
			scopes = append(scopes, r.Scope)
		}
		ids[r.Scope] = append(ids[r.Scope], r.ID)
	}
	var b strings.Builder
	done := map[string]bool{}
	for _, s := range ruleScopes {
		if ids[s.scope] != nil {
			writeRuleLine(&b, s.title, ids[s.scope])
			done[s.scope] = true
		}
	}
	for _, s := range scopes {
		if !done[s] {
			writeRuleLine(&b, s, ids[s])
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeRuleLine writes one scope's ids, wrapped at about 100 columns.
func writeRuleLine(b *strings.Builder, title string, ids []string) {
	head := "  " + title + "："
	indent := strings.Repeat(" ", displayWidth(head))
	b.WriteString(head)
	col := displayWidth(head)
	for i, id := range ids {
		if i > 0 && col+1+len(id) > 100 {
			b.WriteString("\n" + indent)
			col = len(indent)
		} else if i > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(id)
		col += len(id)
	}
	b.WriteString("\n")
}

// displayWidth counts columns in a terminal: two for a CJK character.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// formatKeys lists the official formats schema knows, in order.
func formatKeys() []string {
	keys := make([]string, 0, len(schema.Formats))
	for k := range schema.Formats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// orList joins choices the Chinese way: "a、b 或 c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], "、") + " 或 " + items[len(items)-1]
}
