/**
 * Header words clerks put above their columns, with the aliases seen in township files. The table
 * finder scores rows by them; the column mapper reuses the same list (canonical name first, then
 * aliases) so that "a header we recognise" means one thing across the import.
 */

export type HeaderDomain = 'common' | 'org' | 'grid' | 'member' | 'pipeline' | 'reserve';

export interface HeaderWord {
  /** The name our templates use. */
  canonical: string;
  /** Other spellings that mean the same column. */
  aliases: readonly string[];
  domains: readonly HeaderDomain[];
}

const w = (canonical: string, aliases: string[], ...domains: HeaderDomain[]): HeaderWord => ({ canonical, aliases, domains });

export const HEADER_WORDS: readonly HeaderWord[] = [
  // people, in every roster
  w('序号', ['编号', '序', 'No', 'NO'], 'common'),
  w('姓名', ['名字', '党员姓名', '人员姓名'], 'member', 'pipeline', 'reserve'),
  w('性别', [], 'member', 'pipeline', 'reserve'),
  w('民族', [], 'member', 'pipeline', 'reserve'),
  w('公民身份号码', ['身份证号', '身份证号码', '公民身份证号', '公民身份证号码', '身份证', '证件号码', '身份证件号码'], 'member', 'pipeline', 'reserve'),
  w('出生日期', ['出生年月', '出生年月日', '出生时间', '生日'], 'member', 'pipeline', 'reserve'),
  w('年龄', [], 'member', 'pipeline', 'reserve'),
  w('籍贯', [], 'member', 'pipeline', 'reserve'),
  w('户籍所在地', ['户籍地', '户口所在地'], 'member', 'reserve'),
  w('现居住地', ['现住址', '居住地址', '家庭住址', '家庭地址', '现居住地址'], 'member', 'reserve'),
  w('学历', ['文化程度', '最高学历', '全日制学历', '学历学位'], 'member', 'pipeline', 'reserve'),
  w('学位', [], 'member', 'reserve'),
  w('专业', ['所学专业'], 'member', 'reserve'),
  w('毕业院校', ['毕业学校', '毕业院校及专业'], 'member', 'reserve'),
  w('政治面貌', [], 'pipeline', 'reserve'),
  w('联系电话', ['手机号码', '手机号', '手机', '电话', '联系方式', '电话号码'], 'common'),
  w('工作单位及职务', ['工作单位', '单位及职务', '工作单位及职位'], 'member', 'pipeline', 'reserve'),
  w('工作岗位', ['岗位'], 'member'),
  w('备注', ['说明'], 'common'),
  // members
  w('人员类别', ['党员类别', '党员身份', '类别'], 'member'),
  w('入党时间', ['入党日期', '加入党组织日期', '入党年月', '入党时间(预备)'], 'member'),
  w('转正时间', ['转正日期', '转为正式党员日期'], 'member'),
  w('所在党支部', ['所在支部', '党组织', '所在党组织', '所属党组织', '所属支部', '党支部', '所在党组织名称'], 'member', 'pipeline'),
  w('党内职务', [], 'member'),
  w('党龄', [], 'member'),
  w('所在网格', [], 'member'),
  w('从事专业技术职务', ['专业技术职务'], 'member'),
  w('新社会阶层类型', [], 'member'),
  w('是否农民工', [], 'member'),
  w('是否流动党员', ['流动党员'], 'member'),
  w('外出地点', ['流入地', '外出流向'], 'member'),
  w('外出日期', ['外出时间'], 'member'),
  w('党员设岗定责岗位', ['设岗定责'], 'member'),
  // organisations
  w('组织名称', ['党组织名称', '组织全称', '党组织全称', '全称', '名称'], 'org', 'grid'),
  w('简称', ['党组织简称'], 'org'),
  w('上级组织', ['上级党组织', '上级党组织名称', '上级'], 'org', 'grid'),
  w('组织类别', ['党组织类别'], 'org'),
  w('单位类别', ['所在单位类别', '单位性质'], 'org'),
  w('成立日期', ['成立时间'], 'org'),
  w('书记', ['党组织书记', '书记姓名'], 'org'),
  w('联系人', [], 'org'),
  w('统计用区划代码', ['区划代码'], 'org'),
  w('选举日期', ['本届选举日期', '换届时间', '换届日期', '选举时间'], 'org'),
  w('任期', ['任期年数'], 'org'),
  w('星级', [], 'org'),
  w('是否软弱涣散', ['软弱涣散'], 'org'),
  // grid units
  w('社区', ['所在社区', '社区名称'], 'grid'),
  w('网格', ['网格名称'], 'grid'),
  w('楼栋', ['楼栋名称', '楼号', '巷道', '小区'], 'grid'),
  w('网格长', [], 'grid'),
  w('网格员', [], 'grid'),
  w('楼栋长', [], 'grid'),
  w('户数', [], 'grid'),
  w('人口', ['人口数', '人数'], 'grid'),
  w('村民小组', ['村民小组名称'], 'grid'),
  w('设立日期', ['设立时间'], 'grid'),
  // development pipeline
  w('发展阶段', ['所处阶段', '当前阶段'], 'pipeline'),
  w('申请入党日期', ['递交入党申请书日期', '递交申请书日期', '申请日期', '申请入党时间'], 'pipeline'),
  w('谈话日期', ['谈话时间'], 'pipeline'),
  w('确定入党积极分子日期', ['确定积极分子日期', '确定为入党积极分子时间', '确定为积极分子日期', '列为积极分子时间'], 'pipeline'),
  w('确定发展对象日期', ['确定为发展对象时间', '列为发展对象时间'], 'pipeline'),
  w('培养联系人', [], 'pipeline', 'reserve'),
  w('入党介绍人', ['介绍人'], 'pipeline'),
  w('政审日期', [], 'pipeline'),
  w('支部大会日期', ['支部大会讨论日期'], 'pipeline'),
  w('党委审批日期', ['审批日期'], 'pipeline'),
  // village reserve cadres
  w('所在村', ['村', '村(社区)', '所在村(社区)'], 'reserve'),
  w('所在乡镇', ['乡镇', '乡镇(街道)'], 'common'),
  w('来源类别', ['人员来源', '来源'], 'reserve'),
  w('培养方向', [], 'reserve'),
  w('现任职务', ['职务'], 'reserve'),
  w('入库时间', ['入库日期'], 'reserve'),
  w('是否进入两委', ['进入两委'], 'reserve'),
];

/**
 * Header text reduced to what identifies it: full-width to half-width (NFKC), no whitespace,
 * no required-field stars, no trailing colon, no parenthesised remark ("出生日期（年.月.日）").
 */
export function normalizeHeader(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^\*+|\*+$/g, '');
  // Keep "(社区)" style qualifiers that our aliases list; drop trailing remarks.
  const withoutParen = s.replace(/\([^()]*\)$/, '');
  if (withoutParen !== s && !HEADER_INDEX.has(s)) s = withoutParen;
  return s.replace(/[:：]$/, '');
}

const HEADER_INDEX: Map<string, string> = new Map();
for (const hw of HEADER_WORDS) {
  HEADER_INDEX.set(hw.canonical, hw.canonical);
  for (const a of hw.aliases) if (!HEADER_INDEX.has(a)) HEADER_INDEX.set(a, hw.canonical);
}

/** Every canonical name and alias, normalised. */
export const HEADER_WORD_SET: ReadonlySet<string> = new Set(HEADER_INDEX.keys());

/**
 * The canonical header a cell text stands for, or undefined. Exact after normalisation, or a known
 * word (3+ characters) with at most a short qualifier after it ("所在党支部名称", "身份证号码18位").
 */
export function headerWordOf(text: string): string | undefined {
  const n = normalizeHeader(text);
  if (n === '') return undefined;
  const exact = HEADER_INDEX.get(n);
  if (exact !== undefined) return exact;
  if (n.length > 12) return undefined;
  for (let len = n.length - 1; len >= 3; len--) {
    const hit = HEADER_INDEX.get(n.slice(0, len));
    if (hit !== undefined && n.length - len <= 4) return hit;
  }
  return undefined;
}
