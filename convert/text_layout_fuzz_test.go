package convert

import (
	"reflect"
	"strings"
	"testing"

	"github.com/xxgk/xxgk/schema"
)

// FuzzTextLayouts feeds any text to the pdftotext and glued layouts: they
// must not panic, must give the same Document twice, and every cell a
// layout fills must sit in a row (no value without a label except 表四).
func FuzzTextLayouts(f *testing.F) {
	for _, s := range []string{
		"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量   3  0  0  0  0  0  3\n",
		"三、收到和处理政府信息公开申请情况\n三\n、\n本\n（四）无法提供 1.本机关不掌握相关政府信息 31 0 0 0 0 0 31\n- 3 -\n",
		"二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698",
		"（七）总计20 0 00 0 121四、结转下年度继续办理 0 0 00 00 0 ",
		"四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n10 1 0 0 0 0 0 0 0 0 5 0 0 0 0\n",
		"政府集中采购39573802895.90元行政处罚2648-18538",
		"11/25/26, 9:47 AM    某县2022年报告\n        （六）其他处理\n        2.申请人逾期未\n        按收费通知要求 6\n        缴纳费用、行政     2   0   0   0   1   9\nhttps://x.example.gov.cn/a.html   2/4\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		lines := splitLines(text)
		for _, p := range []func(string, []string) (*Document, error){parsePDFLayout, parsePDFRaw, parseGlued} {
			a, err := p("f.txt", append([]string(nil), lines...))
			if err != nil {
				continue
			}
			b, _ := p("f.txt", append([]string(nil), lines...))
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("not deterministic")
			}
		}
		s := newLineScan(lines)
		_ = scorePDFLayout(s) + scorePDFRaw(s) + scoreGlued(s) + scoreCells(s) + scorePipe(s)
	})
}

// FuzzSplitRun: every candidate the enumerator returns joins back to the
// run and obeys the value rules.
func FuzzSplitRun(f *testing.F) {
	f.Add("396442278", 3, false)
	f.Add("2648-18538", 3, true)
	f.Add("39573802895.90元", 2, false)
	f.Add("110024001510102", 15, false)
	f.Fuzz(func(t *testing.T, run string, n int, signed bool) {
		if n < 1 || n > 16 || len(run) > 24 {
			return
		}
		kinds := make([]schema.Kind, n)
		if signed && n > 1 {
			kinds[1] = schema.SignedCount
		}
		if strings.Contains(run, "元") || strings.Contains(run, ".") {
			kinds[n-1] = schema.Amount
		}
		groups := strings.Fields(run)
		cands, _, _ := splitRun(groups, kinds, nil)
		for _, c := range cands {
			if strings.Join(c, "") != strings.Join(groups, "") {
				t.Fatalf("candidate %v does not join back to %q", c, run)
			}
			for i, tok := range c {
				if !validToken(tok, kinds[i]) {
					t.Fatalf("candidate %v: %q invalid", c, tok)
				}
			}
		}
	})
}
