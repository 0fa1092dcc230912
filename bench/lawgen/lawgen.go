// Package lawgen writes a zhkb site shaped like a library of PRC statutes
// and regulations, for measuring builds and search on long documents: n
// documents whose sizes follow a real corpus of 5,058 statutes (median
// 15 KB, p90 30 KB, p99 61 KB, the largest 500 KB), about 70 % with 章 (and
// some with 节) headings, the rest plain 第N条 articles with 款 and 项,
// cross-references 《…》第N条, and the phrases statutes repeat (应当,
// 人民政府, 主管部门, 依法, 责令改正) about as often as statutes do. The text
// is generated from templates and a legal vocabulary; the same seed gives
// the same site. bench/genlaw is its command; its benchmarks build such a
// site and index it.
package lawgen

import (
	"fmt"
	"log"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Write creates the site at out (which must not exist): n documents from
// seed, with the layouts and static files of the zhkb repository at repo,
// whose content/ also gives the characters of the vocabulary's long tail.
func Write(out, repo string, n int, seed int64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(writeError); ok {
				err = e.err
				return
			}
			panic(r)
		}
	}()
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("lawgen: %s exists", out)
	}
	write(filepath.Join(out, "config.toml"), "title = \"法律法规库\"\ndescription = \"用于测量构建与搜索的法规全文库。\"\n")
	for i, s := range sections {
		write(filepath.Join(out, "content", s.dir, "_index.md"), fmt.Sprintf("+++\ntitle = %q\nweight = %d\n+++\n", s.title, i+1))
	}
	g := &gen{rng: rand.New(rand.NewSource(seed)), zipfs: map[*string]*rand.Zipf{}}
	g.newTerms(filepath.Join(repo, "content"), 60000)
	titles := map[string]bool{}
	var names []string // titles so far, for cross-references
	sizes := g.sizes(n)
	for i := 0; i < n; i++ {
		sec := sections[i%len(sections)]
		title := g.title(sec)
		for try := 0; titles[title]; try++ {
			title = g.title(sec) + fmt.Sprintf("（%d 年%s）", 1979+g.rng.Intn(47), g.pick([]string{"修正", "修订"}))
			if try > 20 {
				title = fmt.Sprintf("%s（%d）", g.title(sec), i)
			}
		}
		titles[title] = true
		body := g.document(title, sizes[i], names)
		names = append(names, title)
		front := fmt.Sprintf("+++\ntitle = %q\ndescription = %q\ndate = %d-%02d-%02d\ntags = [%q, %q]\n+++\n\n",
			title, g.description(title), 1979+g.rng.Intn(47), 1+g.rng.Intn(12), 1+g.rng.Intn(28), sec.title, g.pick(domains))
		write(filepath.Join(out, "content", sec.dir, fmt.Sprintf("l%05d.md", i)), front+body)
	}
	return nil
}

type section struct{ dir, title string }

var sections = []section{
	{"xianfa", "宪法相关法"}, {"minshang", "民法商法"}, {"xingzheng", "行政法"}, {"jingji", "经济法"},
	{"shehui", "社会法"}, {"xingfa", "刑法"}, {"susong", "诉讼与非诉讼程序法"}, {"fagui", "行政法规"},
	{"guizhang", "部门规章"}, {"jieshi", "司法解释"}, {"difang", "地方性法规"},
}

type gen struct {
	rng   *rand.Rand
	zipfs map[*string]*rand.Zipf
	// terms are names and technical terms (of characters drawn as often as
	// the bundled articles use them), the long tail of a law library's
	// vocabulary that templates alone would miss.
	terms    []string
	termZipf *rand.Zipf
}

// newTerms makes n terms of two to four characters from the characters of
// the Markdown files under dir, common characters more often.
func (g *gen) newTerms(dir string, n int) {
	freq := map[rune]int{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		for _, r := range string(data) {
			if r >= 0x4E00 && r <= 0x9FFF {
				freq[r]++
			}
		}
		return err
	})
	if len(freq) < 100 {
		log.Fatalf("genlaw: too few Chinese characters under %s", dir)
	}
	chars := make([]rune, 0, len(freq))
	for r := range freq {
		chars = append(chars, r)
	}
	sort.Slice(chars, func(i, j int) bool {
		if freq[chars[i]] != freq[chars[j]] {
			return freq[chars[i]] > freq[chars[j]]
		}
		return chars[i] < chars[j]
	})
	cz := rand.NewZipf(g.rng, 1.05, 10, uint64(len(chars)-1))
	seen := map[string]bool{}
	for len(g.terms) < n {
		w := make([]rune, 2+g.rng.Intn(3))
		for k := range w {
			w[k] = chars[cz.Uint64()]
		}
		if !seen[string(w)] {
			seen[string(w)] = true
			g.terms = append(g.terms, string(w))
		}
	}
	g.termZipf = rand.NewZipf(g.rng, 1.05, 2, uint64(len(g.terms)-1))
}

// object is what an article is about: mostly the statutes' own words,
// often a term of the long tail.
func (g *gen) object() string {
	if g.rng.Intn(3) == 0 {
		return g.terms[g.termZipf.Uint64()] + g.pick([]string{"", "的" + g.zipf(objects), "制度", "项目", "活动", "设施", "区域", "单位"})
	}
	return g.zipf(objects)
}

// sizes draws document sizes in bytes: log-normal around the median, with
// a heavier tail for a few, and one of the largest size.
func (g *gen) sizes(n int) []int {
	out := make([]int, n)
	for i := range out {
		sigma := 0.54
		if g.rng.Intn(25) == 0 {
			sigma = 1.0
		}
		out[i] = int(15000 * math.Exp(sigma*g.rng.NormFloat64()))
		out[i] = max(out[i], 1500)
	}
	if n > 0 {
		out[g.rng.Intn(n)] = 500_000
	}
	return out
}

// zipf picks from list with the earlier entries far more likely, as legal
// text uses its commonest subjects and verbs.
func (g *gen) zipf(list []string) string {
	z := g.zipfs[&list[0]]
	if z == nil {
		z = rand.NewZipf(g.rng, 1.3, 3, uint64(len(list)-1))
		g.zipfs[&list[0]] = z
	}
	return list[z.Uint64()]
}

func (g *gen) pick(list []string) string { return list[g.rng.Intn(len(list))] }

func (g *gen) title(sec section) string {
	d := g.pick(domains)
	switch sec.dir {
	case "fagui":
		return d + g.pick([]string{"管理条例", "条例", "实施条例", "暂行条例"})
	case "guizhang":
		return d + g.pick([]string{"管理办法", "实施办法", "暂行办法", "管理规定"})
	case "jieshi":
		return "最高人民法院关于审理" + d + "纠纷案件适用法律若干问题的" + g.pick([]string{"解释", "规定"})
	case "difang":
		return g.pick(provinces) + d + g.pick([]string{"条例", "管理条例", "若干规定"})
	}
	return "中华人民共和国" + d + g.pick([]string{"法", "法", "促进法", "管理法", "保障法"})
}

func (g *gen) description(title string) string {
	return fmt.Sprintf("%s全文，共%s。", title, g.pick([]string{"含总则、监督管理和法律责任", "含各章条文", "含附则"}))
}

// document writes a statute of about size bytes.
func (g *gen) document(title string, size int, names []string) string {
	var b strings.Builder
	kind := "法"
	if strings.HasSuffix(title, "条例") {
		kind = "条例"
	} else if strings.Contains(title, "办法") {
		kind = "办法"
	} else if strings.Contains(title, "规定") || strings.Contains(title, "解释") {
		kind = "规定"
	}
	chapters := g.rng.Intn(10) < 7
	domain := g.pick(domains)
	chapter := 1
	if chapters {
		fmt.Fprintf(&b, "## 第%s章 总则\n\n", cn(chapter))
	}
	b.WriteString(g.article(1, kind, domain, names, true))
	art := 2
	perChapter := 4 + g.rng.Intn(12)
	inChapter := 1
	for b.Len() < size {
		if chapters && inChapter >= perChapter {
			chapter++
			fmt.Fprintf(&b, "## 第%s章 %s\n\n", cn(chapter), g.zipf(chapterNames))
			if g.rng.Intn(4) == 0 {
				fmt.Fprintf(&b, "### 第一节 %s\n\n", g.zipf(chapterNames))
			}
			inChapter, perChapter = 0, 4+g.rng.Intn(12)
		}
		b.WriteString(g.article(art, kind, domain, names, false))
		art++
		inChapter++
	}
	if chapters {
		chapter++
		fmt.Fprintf(&b, "## 第%s章 附则\n\n", cn(chapter))
	}
	fmt.Fprintf(&b, "第%s条　本%s自%d年%d月%d日起施行。\n", cn(art), kind, 1980+g.rng.Intn(46), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
	return b.String()
}

// article writes one article: one to three 款, some with 项.
func (g *gen) article(n int, kind, domain string, names []string, first bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "第%s条　", cn(n))
	if first {
		fmt.Fprintf(&b, "为了%s%s，%s，根据宪法和有关法律，制定本%s。\n\n", g.zipf(verbs), domain, g.pick(purposes), kind)
		return b.String()
	}
	paragraphs := 1 + g.rng.Intn(3)
	for p := 0; p < paragraphs; p++ {
		if p > 0 {
			b.WriteString("\n\n")
		}
		if g.rng.Intn(5) == 0 {
			fmt.Fprintf(&b, "有下列情形之一的，%s应当%s%s：\n\n", g.zipf(subjects), g.zipf(verbs), g.object())
			items := 2 + g.rng.Intn(5)
			for k := 1; k < items; k++ {
				fmt.Fprintf(&b, "（%s）%s%s%s；\n", cn(k), g.zipf(subjects), g.zipf(badVerbs), g.object())
			}
			fmt.Fprintf(&b, "（%s）法律、行政法规规定的其他情形。", cn(items))
			continue
		}
		b.WriteString(g.sentence(kind, domain, names))
	}
	b.WriteString("\n\n")
	return b.String()
}

func (g *gen) sentence(kind, domain string, names []string) string {
	switch g.rng.Intn(10) {
	case 0:
		return fmt.Sprintf("%s负责本行政区域内的%s工作。%s应当%s%s。", g.zipf(subjects), domain, g.zipf(subjects), g.zipf(verbs), g.object())
	case 1:
		return fmt.Sprintf("%s不得%s%s，不得%s%s。", g.zipf(subjects), g.zipf(badVerbs), g.object(), g.zipf(badVerbs), g.object())
	case 2, 3:
		return fmt.Sprintf("违反本%s规定，%s%s%s的，由%s责令改正，%s；%s，%s。", kind, g.zipf(subjects), g.zipf(badVerbs), g.object(),
			g.zipf(authorities), g.zipf(penalties), g.zipf(conditions), g.zipf(penalties))
	case 4:
		if len(names) > 0 {
			return fmt.Sprintf("%s依照《%s》第%s条的规定%s%s。", g.zipf(subjects), names[g.rng.Intn(len(names))], cn(1+g.rng.Intn(120)), g.zipf(verbs), g.object())
		}
		fallthrough
	case 5:
		return fmt.Sprintf("%s依照本%s和有关法律、行政法规的规定，%s%s%s。", g.zipf(subjects), kind, g.zipf(verbs), domain, g.object())
	case 6:
		return fmt.Sprintf("国家%s%s%s，%s%s。", g.zipf(verbs), domain, g.object(), g.zipf(verbs), g.object())
	case 7:
		return fmt.Sprintf("%s对%s承担%s责任。", g.zipf(subjects), g.object(), g.pick([]string{"主体", "监督管理", "连带", "赔偿", "法律"}))
	}
	return fmt.Sprintf("%s应当%s%s%s，并%s%s。", g.zipf(subjects), g.zipf(verbs), domain, g.object(), g.zipf(verbs), g.object())
}

// cn writes n in Chinese numerals as statutes number articles: 一百二十三.
func cn(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n < 10 {
		return digits[n]
	}
	if n < 20 {
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	var b strings.Builder
	units := []struct {
		v    int
		name string
	}{{1000, "千"}, {100, "百"}, {10, "十"}}
	zero := false
	started := false
	for _, u := range units {
		d := n / u.v
		n %= u.v
		switch {
		case d > 0:
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(digits[d] + u.name)
			started = true
		case started:
			zero = true
		}
	}
	if n > 0 {
		if zero {
			b.WriteString("零")
		}
		b.WriteString(digits[n])
	}
	return b.String()
}

var (
	domains = []string{"安全生产", "环境保护", "食品安全", "个人信息保护", "网络安全", "劳动保障", "消费者权益保护", "金融监督管理",
		"教育", "卫生健康", "交通运输", "城乡规划", "土地管理", "水资源", "公共卫生", "药品管理", "产品质量", "税收征收管理",
		"社会保险", "统计", "档案", "测绘", "广告", "价格", "反垄断", "招标投标", "政府采购", "治安管理", "消防", "道路交通安全",
		"森林保护", "野生动物保护", "文物保护", "旅游", "电子商务", "数据安全", "征信业", "民间借贷", "劳动合同", "合同"}
	subjects = []string{"县级以上人民政府", "国务院有关部门", "县级以上地方人民政府有关部门", "国务院", "省、自治区、直辖市人民政府",
		"县级以上人民政府主管部门", "有关主管部门", "生产经营单位", "用人单位", "经营者", "当事人", "行政机关", "人民法院", "公安机关",
		"市场监督管理部门", "设区的市级人民政府", "乡镇人民政府", "企业", "事业单位", "社会组织", "个人信息处理者", "网络运营者",
		"建设单位", "债务人", "债权人", "出借人", "借款人", "劳动者", "消费者", "人民检察院", "税务机关", "金融管理部门",
		"生态环境主管部门", "卫生健康主管部门", "教育行政部门", "交通运输主管部门", "财政部门", "其他组织", "有关单位和个人"}
	verbs = []string{"依法", "建立健全", "加强", "组织实施", "制定", "监督检查", "采取措施保障", "负责", "指导", "协调",
		"公开", "报告", "备案", "登记", "审批", "核准", "许可", "处理", "保存", "提供", "收集", "使用", "履行", "遵守",
		"执行", "受理", "答复", "通知", "告知", "整改", "评估", "核查", "公布", "推进"}
	badVerbs = []string{"未按照规定", "擅自", "违法", "拒绝", "隐瞒", "伪造", "非法出售", "非法提供", "非法获取", "拒不履行",
		"逾期不", "妨碍", "未经批准", "超越范围"}
	objects = []string{"相关制度", "管理制度", "应急预案", "安全措施", "有关资料", "相关信息", "个人信息", "合同", "许可证",
		"营业执照", "财产", "证据", "文件", "记录", "标准", "规划", "技术规范", "责任制", "工作机制", "投诉举报", "违法行为",
		"监督管理工作", "检查结果", "处理决定", "有关情况", "登记事项", "统计资料", "费用", "补偿", "义务"}
	authorities = []string{"县级以上人民政府有关主管部门", "有关主管部门", "市场监督管理部门", "公安机关", "县级以上地方人民政府",
		"生态环境主管部门", "税务机关", "国务院有关部门"}
	penalties = []string{"给予警告", "没收违法所得", "处一万元以上十万元以下罚款", "处五千元以下罚款", "责令停产停业",
		"吊销许可证", "吊销营业执照", "对直接负责的主管人员和其他直接责任人员依法给予处分", "处五日以上十日以下拘留",
		"依法追究刑事责任", "处十万元以上五十万元以下罚款", "并处违法所得一倍以上五倍以下罚款"}
	conditions = []string{"情节严重的", "拒不改正的", "情节较轻的", "造成严重后果的", "构成犯罪的", "有违法所得的", "逾期不改正的",
		"给他人造成损害的"}
	purposes = []string{"保障公民、法人和其他组织的合法权益", "维护社会秩序和公共利益", "促进经济社会持续健康发展",
		"规范管理活动", "保护人民群众生命财产安全"}
	chapterNames = []string{"监督管理", "法律责任", "一般规定", "权利和义务", "管理措施", "保障措施", "监督检查", "登记",
		"许可", "规划和建设", "应急处置", "信息公开", "安全保障", "奖励"}
	provinces = []string{"北京市", "上海市", "广东省", "浙江省", "江苏省", "四川省", "湖北省", "山东省", "河南省", "福建省",
		"陕西省", "云南省", "辽宁省", "湖南省", "安徽省", "重庆市", "天津市"}
)

func write(path, body string) {
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, []byte(body), 0o644))
}

// writeError carries a failed write out of the generator to Write.
type writeError struct{ err error }

func must(err error) {
	if err != nil {
		panic(writeError{err})
	}
}
