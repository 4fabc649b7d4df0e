package damage

import (
	"math/rand"
	"strings"
)

// labelVariantPairs are the label variants of formats.md (official → as
// printed by real reports).
var labelVariantPairs = [][2]string{
	{"一、本年新收政府信息公开申请数量", "一、本年新收到政府信息公开申请数量"},
	{"二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开数量"},
	{"3.危及“三安全一稳定”", "3.危机“三安全一稳定”"},
	{"7.属于行政执法案卷", "7.属于行政法案卷"},
	{"2.没有现成信息需要另行制作", "2.没有现成信息需另行制作"},
	{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"},
	{"（四）无法提供", "（四）无法提 供"},
	{"（三）不予公开", "（三） 不予公开"},
	{"本年新制作数量", "本年新 制作数量"},
	{"商业企业", "商业 企业"},
	{"2.其他法律行政法规禁止公开", "2.其他法律行政止公开"},
	{"4.无正当理由大量反复申请", "4.无正当理由大量反复 申请"},
}

// punctVariants swap the width of punctuation and the numbering style.
var punctVariants = []*strings.Replacer{
	strings.NewReplacer("（", "(", "）", ")"),
	strings.NewReplacer("“", "\"", "”", "\""),
	strings.NewReplacer("“", "", "”", ""),
	strings.NewReplacer("1.", "1、", "2.", "2、", "3.", "3、", "4.", "4、", "5.", "5、", "6.", "6、", "7.", "7、", "8.", "8、"),
	strings.NewReplacer("1.", "1．", "2.", "2．", "3.", "3．", "4.", "4．", "5.", "5．", "6.", "6．", "7.", "7．", "8.", "8．"),
	strings.NewReplacer("1.", "1. ", "2.", "2. ", "3.", "3. "),
}

// labelVariants prints labels and headings as real reports vary them.
func labelVariants(d *Doc, r *rand.Rand) {
	var pairs [][2]string
	for _, p := range labelVariantPairs {
		if r.Intn(2) == 0 {
			pairs = append(pairs, p)
		}
	}
	var punct []*strings.Replacer
	for _, p := range punctVariants {
		if r.Intn(3) == 0 {
			punct = append(punct, p)
		}
	}
	vary := func(s string) string {
		for _, p := range pairs {
			if s == p[0] {
				s = p[1]
			}
		}
		for _, p := range punct {
			s = p.Replace(s)
		}
		return s
	}
	for i := range d.Items {
		it := &d.Items[i]
		if it.Kind != Para {
			for j := range it.Labels {
				it.Labels[j].Text = vary(it.Labels[j].Text)
			}
		}
	}
	headingVariants(d, r)
}

// headingVariants uses the heading variants of formats.md.
func headingVariants(d *Doc, r *rand.Rand) {
	alt := map[string]string{
		"二、主动公开政府信息情况":        "二、行政机关主动公开政府信息情况",
		"四、政府信息公开行政复议、行政诉讼情况": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
		"五、存在的主要问题及改进情况":      "五、政府信息公开工作存在的主要问题及改进情况",
		"六、其他需要报告的事项":         "六、其他报告事项",
	}
	for i := range d.Items {
		if a, ok := alt[d.Items[i].Text]; ok && d.Items[i].Heading && r.Intn(2) == 0 {
			d.Items[i].Text = a
		}
	}
}
