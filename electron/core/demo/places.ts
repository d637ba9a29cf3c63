/**
 * Place and unit names of the demo county, modelled on a county-level city of 昌吉州 in Xinjiang
 * (阜康市, GB/T 2260 code 652302): townships and streets, villages, communities, county bodies,
 * schools, enterprises, and the other places members come from or go to.
 */
import type { Rng} from './rng.js';
import { Weighted } from './rng.js';

/** The county's own GB/T 2260 code: most members' ID numbers start with it. */
export const COUNTY_REGION = '652302';

/** Where members' ID numbers were issued: the county, its neighbours, the regional capital, inland provinces. */
export const BIRTH_REGIONS_HAN = new Weighted<string>([
  [COUNTY_REGION, 52], ['652301', 6], ['652323', 3], ['652324', 2], ['652325', 2], ['652327', 2], ['652328', 1],
  ['650102', 3], ['650104', 2], ['650105', 1], ['654002', 1], ['659001', 1],
  ['620602', 3], ['620621', 2], ['621102', 2], ['622701', 2], ['411602', 2], ['411623', 2], ['411425', 1],
  ['511302', 2], ['511621', 1], ['610502', 1], ['610402', 1], ['320321', 1], ['370826', 1], ['130925', 1], ['640202', 1],
]);
export const BIRTH_REGIONS_MINORITY = new Weighted<string>([
  [COUNTY_REGION, 78], ['652301', 5], ['652323', 3], ['652324', 2], ['652327', 2], ['650102', 2], ['650104', 1],
  ['652101', 2], ['653101', 1], ['654002', 2], ['654021', 1], ['654201', 1],
]);

/** 籍贯 by the region of the ID number (rough province names; clerks write them this way). */
export function nativePlaceOf(region: string, county: string): string {
  const p = region.slice(0, 2);
  if (region === COUNTY_REGION) return `新疆${county}`;
  const byPrefix: Record<string, string> = {
    '62': '甘肃', '41': '河南', '51': '四川', '61': '陕西', '32': '江苏', '37': '山东', '13': '河北', '64': '宁夏',
  };
  if (byPrefix[p]) return `${byPrefix[p]}${region.startsWith('6206') ? '武威' : region.startsWith('4116') ? '周口' : region.startsWith('5113') ? '南充' : ''}`;
  const xj: Record<string, string> = {
    '652301': '新疆昌吉', '652323': '新疆呼图壁', '652324': '新疆玛纳斯', '652325': '新疆奇台', '652327': '新疆吉木萨尔',
    '652328': '新疆木垒', '650102': '新疆乌鲁木齐', '650104': '新疆乌鲁木齐', '650105': '新疆乌鲁木齐', '654002': '新疆伊宁',
    '659001': '新疆石河子', '652101': '新疆吐鲁番', '653101': '新疆喀什', '654021': '新疆伊宁县', '654201': '新疆塔城',
  };
  return xj[region] ?? '新疆';
}

export type EthnicProfile = 'han' | 'kazakh' | 'uyghur' | 'hui' | 'urban' | 'cadre';

/** GB/T 3304 codes by the make-up of a village or a unit. */
export const ETHNIC_MIX: Record<EthnicProfile, Weighted<string>> = {
  han: new Weighted([['01', 82], ['03', 8], ['05', 4], ['17', 4], ['26', 0.6], ['11', 0.6], ['02', 0.4], ['38', 0.4]]),
  kazakh: new Weighted([['17', 64], ['01', 24], ['03', 7], ['05', 3], ['02', 1], ['29', 1]]),
  uyghur: new Weighted([['05', 82], ['01', 10], ['03', 6], ['17', 2]]),
  hui: new Weighted([['03', 60], ['01', 30], ['26', 4], ['05', 4], ['17', 2]]),
  urban: new Weighted([['01', 70], ['05', 10], ['03', 9], ['17', 7], ['02', 1], ['11', 1], ['38', 0.5], ['29', 0.5], ['43', 0.5], ['50', 0.2], ['26', 0.3]]),
  cadre: new Weighted([['01', 64], ['05', 14], ['17', 11], ['03', 8], ['02', 1.2], ['11', 0.6], ['38', 0.6], ['43', 0.3], ['29', 0.3]]),
};

export interface TownshipDef {
  name: string;
  kind: '镇' | '乡';
  /** The mix of its villages. */
  villages: readonly (readonly [EthnicProfile, number])[];
}

export const TOWNSHIPS: readonly TownshipDef[] = [
  { name: '城关镇', kind: '镇', villages: [['han', 8], ['hui', 1], ['uyghur', 1]] },
  { name: '九运街镇', kind: '镇', villages: [['han', 7], ['hui', 2], ['uyghur', 1]] },
  { name: '滋泥泉子镇', kind: '镇', villages: [['han', 6], ['hui', 2], ['kazakh', 1]] },
  { name: '上户沟哈萨克族乡', kind: '乡', villages: [['kazakh', 8], ['han', 2]] },
  { name: '水磨沟乡', kind: '乡', villages: [['han', 5], ['uyghur', 3], ['hui', 2]] },
  { name: '三工河哈萨克族乡', kind: '乡', villages: [['kazakh', 7], ['han', 2], ['uyghur', 1]] },
  { name: '甘泉堡镇', kind: '镇', villages: [['han', 8], ['hui', 2]] },
  { name: '大黄山镇', kind: '镇', villages: [['han', 7], ['kazakh', 2], ['hui', 1]] },
  { name: '土墩子乡', kind: '乡', villages: [['uyghur', 6], ['han', 3], ['hui', 1]] },
  { name: '红旗镇', kind: '镇', villages: [['han', 9], ['hui', 1]] },
  { name: '六运乡', kind: '乡', villages: [['han', 6], ['hui', 3], ['uyghur', 1]] },
  { name: '西泉乡', kind: '乡', villages: [['han', 6], ['uyghur', 2], ['kazakh', 2]] },
  { name: '柳城子镇', kind: '镇', villages: [['han', 8], ['hui', 2]] },
  { name: '北塔山牧场', kind: '乡', villages: [['kazakh', 6], ['han', 3], ['hui', 1]] },
  { name: '二工乡', kind: '乡', villages: [['han', 7], ['hui', 2], ['uyghur', 1]] },
  { name: '黄渠乡', kind: '乡', villages: [['han', 6], ['uyghur', 2], ['hui', 2]] },
];

export const STREETS: readonly string[] = ['博峰街道', '阜新街道', '准东街道', '天池街道'];

const VILLAGE_STEMS = [
  '头工', '二工', '三工', '四工', '八户', '东湾', '西湾', '南沟', '北沟', '黄土梁', '沙梁子', '大泉', '小泉', '十月',
  '红柳', '榆树', '园林', '新户', '老台', '青格达', '阿魏', '杏花', '梧桐窝', '白杨', '上户', '下户', '马场', '牧业',
  '团结', '友谊', '幸福', '和谐', '振兴', '光明', '胜利', '跃进', '永丰', '丰收', '金岸', '长山', '塔湾', '旱田', '水磨',
  '康宁', '二道河', '四道河', '黄渠', '九运', '六运', '西泉', '东泉', '泉水', '中渠', '南湖', '北湖', '沙河', '石场',
  '柳树', '杨树', '芦草', '甘沟', '庙尔沟', '冰湖', '草原', '东沟', '西沟', '花儿沟', '梧桐', '红星', '红光', '前进',
  '向阳', '东风', '建设', '新华', '和平', '民主', '复兴', '兴农', '富民', '惠民', '安宁', '乐土', '碱泉', '滋泥',
  '双河', '三宫', '五运', '七运', '黄山', '天池', '雪莲', '博峰', '瑶池', '阿尔泰', '古牧地', '土墩', '白杨河', '柳沟',
  '大草滩', '小草滩', '苇湖', '野马', '羊圈', '骆驼井', '马莲', '麦场', '苜蓿台', '葡萄', '棉花', '哈熊沟', '银山', '金山',
] as const;
const VILLAGE_MODIFIERS = ['东', '西', '南', '北', '上', '下', '新', '老', '大', '小', '前', '后'] as const;

const COMMUNITY_STEMS = [
  '博峰', '天山', '瑶池', '花园', '阳光', '振兴', '文化', '建设', '团结', '友好', '北亭', '南湖', '西苑', '东城', '和平',
  '泰和', '康宁', '幸福', '育才', '迎宾', '滨河', '金山', '紫金', '天池路', '迎春', '富康', '新源', '尚城', '锦绣', '石化',
  '电厂', '化工', '准东', '五彩湾', '将军庙', '火烧山', '芦草沟', '北门', '南门', '人民路', '永丰', '丰华', '福瑞', '嘉苑',
  '翠园', '世纪', '东方', '阜新', '新城', '古城', '工业园', '雪峰', '梧桐', '榆树', '红旗', '光明', '金海', '水岸',
] as const;

/** Unique names: a stem, then stems with a direction, then numbered. */
export class NamePool {
  private readonly used = new Set<string>();
  constructor(
    private readonly stems: readonly string[],
    private readonly modifiers: readonly string[],
  ) {}

  take(rng: Rng): string {
    for (let i = 0; i < 6; i++) {
      const s = rng.pick(this.stems);
      if (!this.used.has(s)) return this.mark(s);
    }
    for (let i = 0; i < 12; i++) {
      const s = rng.pick(this.modifiers) + rng.pick(this.stems);
      if (!this.used.has(s)) return this.mark(s);
    }
    const base = rng.pick(this.stems);
    for (let n = 1; ; n++) {
      const s = `${base}${chineseNumber(n)}`;
      if (!this.used.has(s)) return this.mark(s);
    }
  }

  private mark(s: string): string {
    this.used.add(s);
    return s;
  }
}

export const villageNames = (): NamePool => new NamePool(VILLAGE_STEMS, VILLAGE_MODIFIERS);
export const communityNames = (): NamePool => new NamePool(COMMUNITY_STEMS, ['东', '西', '南', '北', '新']);

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  return DIGITS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest));
}

/** A county body: name after the level character (市/县), relative size, the kind of people in it. */
export interface OrganDef {
  name: string;
  weight: number;
  profile: 'organ' | 'police' | 'court' | 'army' | 'retired' | 'institution';
}

export const ORGANS: readonly OrganDef[] = [
  { name: '委办公室', weight: 3, profile: 'organ' },
  { name: '政府办公室', weight: 3, profile: 'organ' },
  { name: '纪委监委机关', weight: 4, profile: 'organ' },
  { name: '委组织部', weight: 3, profile: 'organ' },
  { name: '公安局', weight: 14, profile: 'police' },
  { name: '财政局', weight: 3, profile: 'organ' },
  { name: '委宣传部', weight: 2, profile: 'organ' },
  { name: '委统战部', weight: 2, profile: 'organ' },
  { name: '委政法委员会', weight: 2, profile: 'organ' },
  { name: '人民法院', weight: 5, profile: 'court' },
  { name: '人民检察院', weight: 4, profile: 'court' },
  { name: '发展和改革委员会', weight: 2, profile: 'organ' },
  { name: '农业农村局', weight: 4, profile: 'organ' },
  { name: '自然资源局', weight: 3, profile: 'organ' },
  { name: '住房和城乡建设局', weight: 3, profile: 'organ' },
  { name: '人力资源和社会保障局', weight: 3, profile: 'organ' },
  { name: '民政局', weight: 2, profile: 'organ' },
  { name: '司法局', weight: 2, profile: 'organ' },
  { name: '卫生健康委员会', weight: 3, profile: 'organ' },
  { name: '市场监督管理局', weight: 4, profile: 'organ' },
  { name: '交通运输局', weight: 2, profile: 'organ' },
  { name: '水利局', weight: 3, profile: 'organ' },
  { name: '林业和草原局', weight: 2, profile: 'organ' },
  { name: '应急管理局', weight: 2, profile: 'organ' },
  { name: '审计局', weight: 1, profile: 'organ' },
  { name: '统计局', weight: 1, profile: 'organ' },
  { name: '退役军人事务局', weight: 1, profile: 'organ' },
  { name: '医疗保障局', weight: 1, profile: 'organ' },
  { name: '文化体育广播电视和旅游局', weight: 2, profile: 'organ' },
  { name: '商务和工业信息化局', weight: 2, profile: 'organ' },
  { name: '生态环境分局', weight: 1, profile: 'organ' },
  { name: '税务局', weight: 3, profile: 'organ' },
  { name: '委党校', weight: 1, profile: 'institution' },
  { name: '融媒体中心', weight: 2, profile: 'institution' },
  { name: '人民武装部', weight: 1, profile: 'army' },
  { name: '总工会', weight: 1, profile: 'organ' },
  { name: '团委', weight: 1, profile: 'organ' },
  { name: '妇女联合会', weight: 1, profile: 'organ' },
  { name: '供销合作社联合社', weight: 1, profile: 'organ' },
  { name: '气象局', weight: 1, profile: 'institution' },
  { name: '疾病预防控制中心', weight: 2, profile: 'institution' },
  { name: '委老干部局离退休干部', weight: 6, profile: 'retired' },
  { name: '信访局', weight: 1, profile: 'organ' },
  { name: '档案馆', weight: 1, profile: 'institution' },
];

export const SCHOOLS: readonly { name: string; weight: number }[] = [
  { name: '第一中学', weight: 6 }, { name: '第二中学', weight: 5 }, { name: '第三中学', weight: 4 },
  { name: '高级中学', weight: 5 }, { name: '职业技术学校', weight: 3 }, { name: '第一小学', weight: 3 },
  { name: '第二小学', weight: 3 }, { name: '第三小学', weight: 3 }, { name: '实验小学', weight: 3 },
  { name: '第四小学', weight: 2 }, { name: '第五小学', weight: 2 }, { name: '第一幼儿园', weight: 1 },
  { name: '第二幼儿园', weight: 1 }, { name: '特殊教育学校', weight: 1 }, { name: '教育局机关', weight: 2 },
];

export const HOSPITAL_BRANCHES = ['内科党支部', '外科党支部', '医技党支部', '护理党支部', '行政后勤党支部', '妇产儿科党支部', '急诊重症党支部', '离退休党支部'];

const BRANDS = ['天康', '博峰', '天池', '瑶池', '金塔', '雪峰', '昊源', '润丰', '鑫泰', '宏达', '华泰', '金盛', '丰源', '永盛', '中泰', '准东', '山丹', '天润', '西域', '绿源', '泰昌', '恒信', '众和', '东方', '新天', '亿丰', '广汇', '嘉和', '万邦', '腾飞'];
const INDUSTRIES = ['煤业', '化工', '建材', '农业科技', '食品', '物流', '商贸', '能源', '建筑工程', '牧业', '果业', '旅游开发', '电力', '机械制造', '新材料', '农产品加工'];
const SOCIAL_ORGS = ['律师事务所', '会计师事务所', '个体劳动者协会', '餐饮行业协会', '物流行业协会', '民办幼儿园', '养老服务中心', '社会工作服务中心', '慈善协会', '果蔬种植协会', '物业服务企业'];

export function enterpriseName(rng: Rng): string {
  return `新疆${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`;
}

export function socialOrgName(rng: Rng, county: string): string {
  const kind = rng.pick(SOCIAL_ORGS);
  return kind.endsWith('所') ? `新疆${rng.pick(BRANDS)}${kind}` : `${county}${kind}`;
}

export const SOES = ['城市建设投资集团有限公司', '国有资产投资经营有限公司', '供排水有限责任公司', '公共交通有限公司', '热力有限公司', '粮食购销有限公司'];

export const ESTATE_STEMS = ['天池', '瑶池', '博峰', '阳光', '锦绣', '幸福', '康城', '金桂', '翡翠', '水岸', '东方', '盛世', '华府', '世纪', '碧桂', '龙湖', '丽景', '清华', '和园', '嘉和'];

/** Where mobile members work away from the county. */
export const MOBILE_PLACES = ['乌鲁木齐市', '昌吉市', '克拉玛依市', '石河子市', '库尔勒市', '广东省深圳市', '浙江省义乌市', '江苏省苏州市', '甘肃省兰州市', '河南省郑州市', '陕西省西安市', '上海市', '北京市'];

export const LOST_CIRCUMSTANCES = ['外出务工，电话停机，多次联系未果', '长期在外，家属不知去向', '户籍迁出后未转组织关系，无法联系', '外出经商，超过六个月未与党组织联系'];

/** Outside bodies a member's relation was transferred from or to. */
export function outsideOrg(rng: Rng): string {
  return rng.pick([
    '中共昌吉市委组织部', '中共乌鲁木齐市天山区委组织部', '中共呼图壁县委组织部', '中共奇台县委组织部', '中共吉木萨尔县委组织部',
    '中共玛纳斯县委组织部', '中共石河子市委组织部', '中共克拉玛依市委组织部', '中共甘肃省武威市凉州区委组织部',
    '中共河南省周口市川汇区委组织部', '中共四川省南充市顺庆区委组织部', '中共新疆大学委员会', '中共昌吉学院委员会',
  ]);
}

/** 派出单位 of first secretaries and teams, by level (contract: central/province/city/county/township). */
export const DISPATCHERS: Record<'central' | 'province' | 'city' | 'county', readonly string[]> = {
  central: ['国家电网新疆电力有限公司', '中国石油新疆油田分公司', '中国移动新疆公司', '中国工商银行新疆分行'],
  province: ['自治区财政厅', '自治区农业农村厅', '自治区人力资源和社会保障厅', '自治区交通运输厅', '自治区卫生健康委员会', '新疆农业大学'],
  city: ['昌吉州委组织部', '昌吉州财政局', '昌吉州农业农村局', '昌吉州人民医院', '昌吉州市场监督管理局', '昌吉州住房和城乡建设局'],
  county: ['委组织部', '财政局', '农业农村局', '自然资源局', '水利局', '人力资源和社会保障局', '卫生健康委员会', '市场监督管理局', '住房和城乡建设局', '税务局'],
};

export const VILLAGE_TYPES = new Weighted<string>([['脱贫村', 30], ['乡村振兴重点村', 25], ['一般村', 25], ['民族团结示范村', 10], ['集体经济薄弱村', 10]]);

export const DUTY_POSTS = ['政策宣传岗', '致富带头人', '农业技术岗', '维护稳定岗', '文明新风岗', '环境卫生监督岗', '矛盾纠纷调解岗', '民族团结联络岗', '关爱帮扶岗', '志愿服务岗'];

export const MAJORS = ['农学', '畜牧兽医', '会计', '汉语言文学', '计算机应用技术', '电子商务', '市场营销', '园林技术', '法学', '行政管理', '农业经济管理', '护理', '机电一体化'];

export const RESERVE_POSTS = ['村民小组长', '网格员', '村委会委员', '村团支部书记', '村妇联执委', '村会计', '村务监督委员会委员', '合作社理事长', '村医', '无'];

export const RECTIFICATION_MEASURES = [
  '县级领导包联，选派第一书记驻村，调整充实村“两委”班子',
  '乡镇党委书记包抓，开展集中整顿，健全“三会一课”制度',
  '调整村党组织书记，组织部门挂牌督办，每季度验收',
  '化解历史遗留矛盾纠纷，规范村级财务管理，加强后备力量培养',
];

export const MEETING_TOPICS: Record<string, readonly string[]> = {
  'member-congress': ['讨论接收预备党员', '讨论预备党员转正', '学习贯彻党的二十届四中全会精神', '选举支部委员会', '通报党费收缴情况', '研究年度工作计划'],
  committee: ['研究发展党员工作', '研究主题党日活动安排', '研究困难党员帮扶', '讨论入党积极分子培养', '研究党员教育培训计划', '部署民主评议党员工作'],
  group: ['学习《中国共产党章程》', '学习习近平新时代中国特色社会主义思想', '交流学习体会', '学习党纪处分条例', '讨论网格服务事项'],
  lecture: ['书记讲党课：铸牢中华民族共同体意识', '党课：弘扬伟大建党精神', '党课：学习《中国共产党纪律处分条例》', '党课：新时代党的建设总要求', '党课：发扬“老党员”优良传统'],
  'theme-day': ['主题党日：走访慰问困难党员', '主题党日：重温入党誓词', '主题党日：环境卫生整治志愿服务', '主题党日：民族团结一家亲结对活动', '主题党日：政策宣讲进网格', '主题党日：参观红色教育基地'],
  'life-meeting': ['年度专题组织生活会', '专题组织生活会：对照检查、批评与自我批评'],
  review: ['年度民主评议党员'],
};

export const LIAISON_TITLES = ['市委常委', '市人大常委会副主任', '副市长', '市政协副主席', '市委常委、组织部部长', '市委常委、宣传部部长'];
