"""Writes docs/sources.md from the basis entries of rules/*/items and the
material catalogues, with 文号 and dates from META below."""
import collections, glob, re, sys, yaml

META = {
 '《中华人民共和国行政许可法》': ('主席令第7号；2019年修正（主席令第29号）', '2004-07-01；修正 2019-04-23'),
 '《中华人民共和国公司法》': ('2023年修订（主席令第15号）', '2024-07-01'),
 '《中华人民共和国市场主体登记管理条例》': ('国务院令第746号', '2022-03-01'),
 '《促进个体工商户发展条例》': ('国务院令第755号', '2022-11-01'),
 '《中华人民共和国民法典》': ('主席令第45号', '2021-01-01'),
 '《中华人民共和国居民身份证法》': ('2011年修正（主席令第51号）', '2012-01-01'),
 '《中华人民共和国食品安全法》': ('2021年修正（主席令第81号）', '2021-04-29'),
 '《食品经营许可和备案管理办法》': ('国家市场监督管理总局令第78号', '2023-12-01'),
 '《食品经营许可管理办法》': ('原国家食品药品监督管理总局令第17号', '2015-10-01；2023-12-01 废止（总局令第78号）'),
 '《餐饮服务食品安全操作规范》': ('市场监管总局公告2018年第12号', '2018-10-01'),
 '《中华人民共和国药品管理法》': ('2019年修订（主席令第31号）', '2019-12-01'),
 '《药品经营和使用质量监督管理办法》': ('国家市场监督管理总局令第84号', '2024-01-01'),
 '《药品经营质量管理规范》': ('原国家食品药品监督管理总局令第28号（2016年修正）', '2016-07-20'),
 '《公共场所卫生管理条例》': ('国发〔1987〕24号；2019年修订（国务院令第714号）', '1987-04-01；修订 2019-04-23'),
 '《公共场所卫生管理条例实施细则》': ('原卫生部令第80号；2017年修正（原国家卫生计生委令第18号）', '2011-05-01；修正 2017-12-26'),
 '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》': ('国办发〔2020〕42号', '2020-11（印发之日）'),
 '《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》': ('国发〔2021〕7号', '2021-07-01'),
 '《人力资源市场暂行条例》': ('国务院令第700号', '2018-10-01'),
 '《中华人民共和国就业促进法》': ('2015年修正（主席令第24号）', '2015-04-24'),
 '《人力资源服务机构管理规定》': ('人力资源社会保障部令第50号', '2023-08-01'),
 '《中华人民共和国劳动合同法》': ('2012年修正（主席令第73号）', '2013-07-01'),
 '《劳务派遣行政许可实施办法》': ('人力资源社会保障部令第19号', '2013-07-01'),
 '《中华人民共和国社会保险法》': ('2018年修正（主席令第25号）', '2018-12-29'),
 '《社会保险费征缴暂行条例》': ('国务院令第259号；2019年修订（国务院令第710号）', '1999-01-22；修订 2019-03-24'),
 '《住房公积金管理条例》': ('国务院令第262号；2019年修订（国务院令第710号）', '1999-04-03；修订 2019-03-24'),
 '《中华人民共和国税收征收管理法》': ('2015年修正（主席令第23号）', '2015-04-24'),
 '《中华人民共和国发票管理办法》': ('2023年修订（国务院令第764号）', '2023-07-20'),
 '《增值税一般纳税人登记管理办法》': ('国家税务总局令第43号', '2018-02-01'),
 '《印铸刻字业暂行管理规则》': ('1951年经政务院批准、公安部公布（issue #17 所称2024年修订未在此核对）', '1951-08-15'),
 '《国务院关于第三批取消中央指定地方实施行政许可事项的决定》': ('国发〔2017〕7号', '2017-01-12'),
 '《人民币银行结算账户管理办法》': ('中国人民银行令〔2003〕第5号', '2003-09-01'),
 '《中国人民银行关于取消企业银行账户许可的通知》': ('银发〔2019〕41号', '2019-02'),
 '《企业投资项目核准和备案管理条例》': ('国务院令第673号', '2017-02-01'),
 '《产业结构调整指导目录（2024年本）》': ('国家发展改革委令第7号', '2024-02-01'),
 '《中华人民共和国城乡规划法》': ('2019年修正（主席令第29号）', '2019-04-23'),
 '《自然资源部关于以“多规合一”为基础推进规划用地“多审合一、多证合一”改革的通知》': ('自然资规〔2019〕2号', '2019-09'),
 '《天津市城乡规划条例》': ('天津市人大常委会（2009年通过，其后修正）；所引条文未核对条号', '2009-05-01'),
 '《不动产登记暂行条例》': ('国务院令第656号；2024年修订（国务院令第777号）', '2015-03-01；修订 2024-05-01'),
 '《不动产登记暂行条例实施细则》': ('原国土资源部令第63号；2019年修正（自然资源部令第5号）', '2016-01-01；修正 2019-07-24'),
 '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》': ('发改价格规〔2016〕2559号', '2017-03-01'),
 '《中华人民共和国人民防空法》': ('2009年修正（主席令第18号）', '2009-08-27'),
 '《人民防空工程建设管理规定》': ('国人防办字〔2003〕第18号', '2003-02'),
 '《中华人民共和国环境影响评价法》': ('2018年修正（主席令第24号）', '2018-12-29'),
 '《建设项目环境保护管理条例》': ('国务院令第253号；2017年修订（国务院令第682号）', '修订 2017-10-01'),
 '《建设工程质量管理条例》': ('国务院令第279号；2019年修订（国务院令第714号）', '2000-01-30；修订 2019-04-23'),
 '《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》': ('住房和城乡建设部令第13号；2018年修正（令第46号）', '2013-08-01；修正 2018-12-29'),
 '《中华人民共和国消防法》': ('2021年修正（主席令第81号）', '2021-04-29'),
 '《建设工程消防设计审查验收管理暂行规定》': ('住房和城乡建设部令第51号；2023年修正（令第58号）', '2020-06-01；修正 2023-10-30'),
 '《中华人民共和国建筑法》': ('2019年修正（主席令第29号）', '2019-04-23'),
 '《建筑工程施工许可管理办法》': ('住房和城乡建设部令第18号；2021年修正（令第52号，删去监理条件）', '2014-10-25；修正 2021-03-30'),
 '《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》': ('国办发〔2019〕11号', '2019-03-26'),
 '《城市建设档案管理规定》': ('原建设部令第90号；2019年修正（住房和城乡建设部令第47号）', '2001-07-04；修正 2019-03-13'),
 '《房屋建筑和市政基础设施工程竣工验收备案管理办法》': ('原建设部令第78号；2009年修正（住房和城乡建设部令第2号）', '2000-04-04；修正 2009-10-19'),
 '《城镇排水与污水处理条例》': ('国务院令第641号', '2014-01-01'),
 '《城镇污水排入排水管网许可管理办法》': ('住房和城乡建设部令第21号；2022年修正（令第56号）', '2015-03-01；修正 2022-12-01'),
 '《公众聚集场所投入使用、营业前消防安全检查规则》': ('应急〔2021〕34号印发（文号未在此核对）', '2021'),
}

# Documents cited outside `basis:` (bundle comments, docs), by hand.
EXTRA = [
 ('《国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见》', '国办发〔2020〕24号', '2020-07', '企业开办全国目标4个工作日以内', 'bundles TJ-YJS-QYKB, TS-YJS-QYKB'),
 ('《滨海新区优化政务服务营商环境专项行动方案》', '天津市滨海新区（2020年）；文号未在此核对', '2020', '社会投资一般项目58个工作日', 'bundle TJ-GCJS-SHTZ-YB'),
]

ART = re.compile(r'第[一二三四五六七八九十百零]+条')

def collect():
    docs = collections.defaultdict(lambda: collections.defaultdict(set))
    for f in sorted(glob.glob('rules/*/items/**/*.yaml', recursive=True)):
        d = yaml.safe_load(open(f, encoding='utf-8'))
        code = d['item']['code']
        for b in d['item'].get('basis', []):
            m = re.match(r'(《[^》]+》)(.*)', b['title'])
            arts = ART.findall(m.group(2)) or ['（全文）']
            for a in arts:
                docs[m.group(1)][a].add(code)
    for f in sorted(glob.glob('rules/*/materials.yaml')):
        j = f.split('/')[1]
        d = yaml.safe_load(open(f, encoding='utf-8'))
        for k, v in d['materials'].items():
            m = re.match(r'(《[^》]+》)(.*)', v['basis'])
            arts = ART.findall(m.group(2)) or ['（全文）']
            for a in arts:
                docs[m.group(1)][a].add(f'{j}/materials.yaml:{k}')
    return docs

def main():
    docs = collect()
    missing = [n for n in docs if n not in META]
    if missing:
        raise SystemExit('no META for: ' + ', '.join(missing))
    out = [HEADER]
    out.append('| 文件 | 文号（现行文本） | 施行 | 所引条款 → 引用者 |')
    out.append('|---|---|---|---|')
    for name in sorted(docs):
        cites = '；'.join(f"{a}：{'、'.join(sorted(c))}" for a, c in sorted(docs[name].items()))
        out.append(f'| {name} | {META[name][0]} | {META[name][1]} | {cites} |')
    for name, num, date, what, who in EXTRA:
        out.append(f'| {name} | {num} | {date} | {what}：{who} |')
    out.append(FOOTER)
    target = sys.argv[1] if len(sys.argv) > 1 else 'docs/sources.md'
    open(target, 'w', encoding='utf-8').write('\n'.join(out) + '\n')

HEADER = '''# Sources of the shipped rulebook

Every law, regulation, rule and 规范性文件 the shipped items
(`rules/tianjin`, `rules/tianshui`), their material catalogues and bundles
cite, with its 文号, the date the cited text is in force, and who cites
which article. The item files carry version "2025.1": every document below
is in force in 2025. Generated from the `basis:` entries by
`python3 docs/gen_sources.py` (run from the repository root after
changing a basis; it fails on a document it has no 文号 for), so the table
and the files cannot drift apart.

Reading notes:
- 「（全文）」 means the file cites the document by name only. The rulebook
  convention is to cite an article only when sure of it; these are the
  places a reviewer with the official text should add the article.
- Documents deliberately **not** cited any more (issue #17):
  《印铸刻字业暨公章刻制业治安管理办法》 (does not exist),
  《社会保险登记管理暂行办法》 (repealed by 人力资源社会保障部令第39号),
  国务院令第412号's 公章刻制审批 (replaced by filing, 国发〔2017〕7号),
  国办发〔2019〕35号 and 市场监督管理总局令第44号 as refusal grounds (a credit
  list closes 告知承诺 and 容缺, it is no licence condition:
  行政许可法第十六条), 国办发〔2018〕32号 as the enterprise-opening target
  (superseded by 国办发〔2020〕24号).
- Where the table says 「未在此核对」 the 文号 or amendment was taken from the
  issue or common citation and could not be checked against the official
  text while writing; check it before relying on it.
'''

FOOTER = '''
Working or natural days: each item's `time_limit` comment names the article
and says which. The rule (DOMAIN.md, 行政许可法第八十二条): this law's own
periods, and those of texts that say 工作日, are working days; every other
「N日」 is natural days, written `N日`.
'''

if __name__ == '__main__':
    main()
