/**
 * Personal names for the demo county: Han names with surnames weighted as in the 2020 census and
 * given names that follow the fashions of the birth decade; Hui names (Han-style, Hui surnames);
 * Uyghur and Kazakh names in the usual "本名·父名" form (艾则孜·吾术尔, 帕提古丽·依明); Mongol names.
 */
import type { Rng} from './rng.js';
import { Weighted } from './rng.js';

// Share per mille of the population (rounded; the long tail is folded into the smaller ones).
const HAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 23], ['赵', 22], ['吴', 20],
  ['周', 19], ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 12], ['林', 9],
  ['高', 11], ['罗', 9], ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['冯', 6],
  ['邓', 6], ['曹', 5], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 5], ['潘', 4], ['于', 4],
  ['蒋', 4], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4],
  ['任', 4], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3],
  ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 2], ['付', 3], ['方', 2], ['白', 2],
  ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2],
  ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2], ['陶', 2], ['黎', 1], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['钱', 2], ['严', 2], ['武', 2], ['戴', 2], ['孔', 1], ['向', 1], ['汤', 1],
  ['常', 1], ['温', 1], ['康', 1], ['施', 1], ['文', 1], ['牛', 1], ['樊', 1], ['葛', 1], ['邢', 1], ['安', 1],
  ['齐', 1], ['易', 1], ['乔', 1], ['伍', 1], ['庞', 1], ['颜', 1], ['倪', 1], ['庄', 1], ['聂', 1], ['章', 1],
  ['鲁', 1], ['岳', 1], ['翟', 1], ['殷', 1], ['詹', 1], ['申', 1], ['欧阳', 0.5], ['耿', 1], ['关', 1], ['兰', 1],
  ['焦', 1], ['俞', 1], ['左', 1], ['柳', 1], ['甘', 1], ['祝', 1], ['包', 1], ['宁', 1], ['尚', 1], ['符', 1],
  ['舒', 1], ['阮', 0.5], ['柯', 0.5], ['纪', 1], ['梅', 0.5], ['童', 1], ['凌', 0.5], ['毕', 1], ['单', 0.5],
  ['季', 0.5], ['裴', 0.5], ['霍', 1], ['涂', 0.5], ['成', 0.5], ['苗', 1], ['谷', 0.5], ['盛', 0.5], ['曲', 0.5],
  ['翁', 0.3], ['冉', 0.5], ['骆', 0.5], ['蓝', 0.3], ['路', 0.5], ['游', 0.3], ['辛', 0.5], ['靳', 0.5], ['司马', 0.05],
  ['诸葛', 0.05], ['上官', 0.05],
];

const HUI_SURNAMES: readonly (readonly [string, number])[] = [
  ['马', 30], ['杨', 8], ['白', 6], ['丁', 5], ['李', 5], ['王', 5], ['张', 4], ['韩', 4], ['冶', 3], ['海', 3],
  ['苏', 3], ['穆', 3], ['纳', 2], ['哈', 2], ['沙', 2], ['金', 2], ['周', 2], ['刘', 2], ['黑', 1], ['喇', 1],
  ['虎', 1], ['保', 1], ['妥', 1], ['锁', 1], ['敏', 2], ['米', 1], ['拜', 1], ['达', 1],
];

interface GivenPool {
  /** Two-character given names typical of the period. */
  double: readonly string[];
  /** Characters used as one-character given names (and combined into further two-character ones). */
  single: readonly string[];
  /** Share of one-character given names in the period. */
  singleShare: number;
}

// Born before 1960: revolutionary and traditional virtues; 1960–1984: plain modern; 1985 on: fashionable.
const MALE: readonly GivenPool[] = [
  {
    double: ['建国', '国庆', '卫东', '振华', '德胜', '志刚', '保国', '永福', '长林', '福贵', '树林', '玉林', '学文', '金山', '国栋', '世忠', '占山', '宝山', '兴旺', '有才', '跃进', '红旗', '解放', '援朝', '胜利', '建军', '志明', '德明', '庆华', '文斌'],
    single: ['忠', '勇', '刚', '强', '林', '山', '明', '华', '斌', '福', '贵', '祥', '荣', '军', '才', '义', '德', '仁'],
    singleShare: 0.3,
  },
  {
    double: ['建华', '建军', '志强', '海涛', '永刚', '晓东', '新民', '小军', '立新', '红军', '文革', '卫国', '向阳', '东升', '海军', '国强', '建平', '志勇', '振宇', '俊杰', '晓峰', '国华', '建新', '文杰', '海龙', '春雷', '德军', '金龙', '新华', '永强'],
    single: ['伟', '军', '勇', '涛', '磊', '斌', '鹏', '强', '刚', '平', '辉', '健', '峰', '亮', '杰', '波', '超', '明', '龙', '华', '东', '锋'],
    singleShare: 0.4,
  },
  {
    double: ['浩然', '子轩', '宇航', '俊杰', '天宇', '博文', '一鸣', '嘉豪', '子豪', '晨阳', '思远', '泽宇', '浩宇', '明轩', '皓轩', '鑫磊', '文博', '家乐', '志远', '宇辰', '佳豪', '俊宇', '昊天', '梓豪', '奕辰', '天佑', '旭东', '振宇', '博涛', '鹏飞'],
    single: ['浩', '宇', '鑫', '磊', '博', '帅', '凯', '阳', '超', '杰', '鹏', '昊', '晨', '航', '睿', '哲', '琦', '森'],
    singleShare: 0.2,
  },
];

const FEMALE: readonly GivenPool[] = [
  {
    double: ['秀英', '桂兰', '玉兰', '淑珍', '秀兰', '桂英', '玉珍', '凤英', '翠兰', '素芳', '秀珍', '桂芳', '淑兰', '玉梅', '红梅', '桂花', '秀芳', '凤兰', '玉芳', '金花', '春花', '淑英', '丽华', '爱华', '爱莲'],
    single: ['英', '兰', '珍', '芳', '梅', '华', '凤', '琴', '霞', '秀', '莲', '娥'],
    singleShare: 0.25,
  },
  {
    double: ['丽华', '海燕', '红霞', '晓燕', '春梅', '玉华', '艳红', '丽娟', '秀梅', '亚萍', '建英', '雪梅', '晓红', '丽萍', '小红', '翠萍', '春燕', '红英', '丽丽', '美玲', '文静', '晓丽', '金凤', '红艳', '玉洁'],
    single: ['丽', '静', '敏', '燕', '艳', '娟', '霞', '红', '玲', '芳', '萍', '颖', '洁', '琳', '琴', '慧', '雪', '梅', '丹', '英'],
    singleShare: 0.45,
  },
  {
    double: ['欣怡', '梓涵', '诗涵', '雨欣', '佳怡', '子涵', '思琪', '梦瑶', '雨桐', '可欣', '婧怡', '晓雯', '雅婷', '欣妍', '语嫣', '佳琪', '梦洁', '思雨', '紫涵', '舒婷', '雪莹', '嘉欣', '婉婷', '晨曦', '一诺'],
    single: ['婷', '雪', '佳', '琪', '悦', '萱', '妍', '倩', '璐', '瑶', '月', '晴', '蕾', '薇', '莹', '彤'],
    singleShare: 0.2,
  },
];

const UYGHUR_MALE = [
  '艾则孜', '吾术尔', '买买提', '艾力', '阿不都', '阿不力孜', '艾合买提', '吐尔逊', '依明', '热合曼', '努尔', '麦麦提',
  '阿布来提', '艾山', '吐尔洪', '阿迪力', '亚森', '玉素甫', '库尔班', '肉孜', '卡德尔', '斯拉木', '塔依尔', '吾斯曼',
  '阿卜杜拉', '艾尔肯', '买合木提', '吾买尔', '热依木', '阿里木', '阿力木江', '艾克拜尔', '牙生', '哈力克', '帕尔哈提',
  '迪力夏提', '买买提江', '艾尼瓦尔', '吐逊江', '阿卜力米提', '努尔买买提', '依力哈木', '司马义', '赛买提', '穆合塔尔',
  '阿不都热合曼', '奥布力', '克依木', '图尔荪', '伊斯拉音',
] as const;
const UYGHUR_FEMALE = [
  '帕提古丽', '阿依古丽', '古丽娜尔', '热依拉', '阿依努尔', '古丽巴哈尔', '再努尔', '迪丽努尔', '努尔尼沙', '阿米娜',
  '玛依拉', '古再丽努尔', '布合力其汗', '热孜宛古丽', '祖丽皮亚', '阿孜古丽', '米娜瓦尔', '麦尔哈巴', '帕丽达', '努尔比亚',
  '古丽米热', '吐尔逊古丽', '阿娜尔古丽', '迪丽拜尔', '茹仙古丽', '萨迪古丽', '美合日班', '阿依先木', '海力且木', '图尼萨',
] as const;
const KAZAKH_MALE = [
  '努尔兰', '叶尔兰', '别克', '哈力木别克', '加尔肯', '马合沙提', '阿曼别克', '叶尔波力', '达吾列提', '巴合提别克',
  '努尔别克', '赛力克', '吾拉力', '叶尔江', '加那提', '塔力哈提', '巴乌尔江', '托合塔尔', '哈那提', '叶尔肯',
  '木拉提', '胡安', '哈德尔', '波拉提', '阿斯哈尔', '叶尔森', '别克波拉提', '沙布尔', '居马汗', '阿合买提',
  '朱马别克', '吐尔森别克', '哈布都拉', '库尔曼', '阿依登',
] as const;
const KAZAKH_FEMALE = [
  '古丽那孜', '阿依努尔', '加娜尔', '阿尔达克', '古丽米拉', '沙吾列', '巴合提古丽', '玛依拉', '哈丽达', '热依汗',
  '阿依夏', '加孜拉', '古丽扎达', '努尔古丽', '萨吾勒', '阿克曼', '吐尔逊娜依', '阿依达娜', '古丽江', '卡丽玛',
  '迪娜拉', '阿依别克', '哈力曼', '扎依拉',
] as const;
const MONGOL_MALE = ['巴特尔', '孟克', '额尔敦', '巴图', '那仁', '朝鲁', '苏和', '宝音', '呼和', '道尔吉', '扎那', '巴音', '达瓦', '巴图孟和', '布仁', '策仁', '敖其尔', '乌力吉'] as const;
const MONGOL_FEMALE = ['其其格', '乌兰', '萨仁', '乌云', '图雅', '娜仁花', '斯琴', '敖登', '高娃', '琪琪格', '塔娜', '萨日娜', '阿拉腾', '其木格'] as const;

const hanSurname = new Weighted(HAN_SURNAMES);
const huiSurname = new Weighted(HUI_SURNAMES);

function eraOf(birthYear: number): 0 | 1 | 2 {
  return birthYear < 1960 ? 0 : birthYear < 1985 ? 1 : 2;
}

function givenName(rng: Rng, gender: '1' | '2', birthYear: number): string {
  const pool = (gender === '1' ? MALE : FEMALE)[eraOf(birthYear)] as GivenPool;
  const r = rng.next();
  if (r < pool.singleShare) return rng.pick(pool.single);
  // Mostly the period's common names, the rest combined from its characters (more variety).
  if (r < pool.singleShare + (1 - pool.singleShare) * 0.55) return rng.pick(pool.double);
  const a = rng.pick(pool.single);
  let b = rng.pick(pool.single);
  if (b === a) b = rng.pick(pool.double).slice(-1);
  return a + b;
}

export function hanName(rng: Rng, gender: '1' | '2', birthYear: number): string {
  return hanSurname.draw(rng) + givenName(rng, gender, birthYear);
}

export function huiName(rng: Rng, gender: '1' | '2', birthYear: number): string {
  return huiSurname.draw(rng) + givenName(rng, gender, birthYear);
}

/** 本名·父名; the father's name is always a man's name. */
function withFather(rng: Rng, own: string, fathers: readonly string[]): string {
  let father = rng.pick(fathers);
  if (father === own) father = rng.pick(fathers);
  return `${own}·${father}`;
}

export function uyghurName(rng: Rng, gender: '1' | '2'): string {
  return withFather(rng, rng.pick(gender === '1' ? UYGHUR_MALE : UYGHUR_FEMALE), UYGHUR_MALE);
}

export function kazakhName(rng: Rng, gender: '1' | '2'): string {
  return withFather(rng, rng.pick(gender === '1' ? KAZAKH_MALE : KAZAKH_FEMALE), KAZAKH_MALE);
}

export function mongolName(rng: Rng, gender: '1' | '2'): string {
  const own = rng.pick(gender === '1' ? MONGOL_MALE : MONGOL_FEMALE);
  return rng.chance(0.3) ? withFather(rng, own, MONGOL_MALE) : own;
}

/** A name fitting the ethnicity code (GB/T 3304), gender and birth year. */
export function nameFor(rng: Rng, ethnicity: string, gender: '1' | '2', birthYear: number): string {
  switch (ethnicity) {
    case '05':
    case '43': // 乌孜别克族
    case '50': // 塔塔尔族
      return uyghurName(rng, gender);
    case '17':
    case '29': // 柯尔克孜族
      return kazakhName(rng, gender);
    case '02':
      return mongolName(rng, gender);
    case '03':
    case '26': // 东乡族
      return huiName(rng, gender, birthYear);
    default:
      return hanName(rng, gender, birthYear);
  }
}
