/**
 * The code tables (handbook/codes, copied to ./data) as typed constants. The JSON stays the source
 * of the codes and names; a few extra aliases for what clerks type are added here, marked as ours.
 * Tables with a fixed, small code set get a union type, checked against the JSON when this loads.
 */
import educationJson from './data/education.json' with { type: 'json' };
import ethnicityJson from './data/ethnicity.json' with { type: 'json' };
import genderJson from './data/gender.json' with { type: 'json' };
import jobCategoryJson from './data/job-category.json' with { type: 'json' };
import memberEventJson from './data/member-event.json' with { type: 'json' };
import orgKindJson from './data/org-kind.json' with { type: 'json' };
import politicalStatusJson from './data/political-status.json' with { type: 'json' };
import reserveSourceJson from './data/reserve-source.json' with { type: 'json' };
import unitCategoryJson from './data/unit-category.json' with { type: 'json' };

/** Party-statistics education bucket: 1 研究生 … 6 初中及以下. */
export type EducationBucket = 1 | 2 | 3 | 4 | 5 | 6;

export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly name: string;
  /** JSON aliases followed by ours; matched after normalisation (see lookup.ts). */
  readonly aliases: readonly string[];
  /** Only in the education table. */
  readonly bucket?: EducationBucket;
}

export type CodeTable<C extends string = string> = readonly CodeEntry<C>[];

export const GENDER_CODES = ['0', '1', '2', '9'] as const;
export type GenderCode = (typeof GENDER_CODES)[number];

export const POLITICAL_STATUS_CODES = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13',
] as const;
export type PoliticalStatusCode = (typeof POLITICAL_STATUS_CODES)[number];

export const JOB_CATEGORY_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09'] as const;
export type JobCategoryCode = (typeof JOB_CATEGORY_CODES)[number];

export const RESERVE_SOURCE_CODES = ['01', '02', '03', '04', '05', '06', '99'] as const;
export type ReserveSourceCode = (typeof RESERVE_SOURCE_CODES)[number];

export const ORG_KINDS = [
  'local-committee',
  'committee',
  'working-committee',
  'general-branch',
  'branch',
  'joint-branch',
  'temporary-branch',
  'group',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const UNIT_CATEGORIES = [
  'village',
  'community',
  'street',
  'township',
  'organ',
  'institution',
  'soe',
  'private',
  'social-org',
  'school',
  'other',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

export const MEMBER_EVENT_KINDS = [
  'admitted',
  'confirmed',
  'probation-extended',
  'transfer-in',
  'transfer-out',
  'suspended',
  'restored',
  'lost-contact',
  'contact-restored',
  'mobile',
  'returned',
  'expelled',
  'withdrawn',
  'persuaded-out',
  'removed',
  'self-left',
  'probation-cancelled',
  'not-recognised',
  'deceased',
  'corrected',
] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

/** GB/T 3304 two-digit codes; too many for a useful union. */
export type EthnicityCode = string;
/** GB/T 4658 two-digit codes. */
export type EducationCode = string;

interface RawEntry {
  code: string;
  name: string;
  aliases?: readonly string[];
  bucket?: string;
}

function build<C extends string>(
  table: string,
  raw: readonly RawEntry[],
  expected: readonly C[] | null,
  extra?: Readonly<Partial<Record<C, readonly string[]>>>,
): CodeTable<C> {
  if (expected) {
    const got = raw.map((e) => e.code).join(',');
    // Fails loudly at load if the JSON and the union type drift apart.
    if (got !== expected.join(',')) throw new Error(`code table ${table}: JSON codes ${got} ≠ ${expected.join(',')}`);
  }
  for (const code of Object.keys(extra ?? {})) {
    if (!raw.some((e) => e.code === code)) throw new Error(`code table ${table}: extra aliases for unknown code ${code}`);
  }
  return Object.freeze(
    raw.map((e) => {
      const code = e.code as C;
      const aliases = Object.freeze([...(e.aliases ?? []), ...(extra?.[code] ?? [])]);
      const bucket = e.bucket === undefined ? undefined : (Number(e.bucket) as EducationBucket);
      return Object.freeze(bucket === undefined ? { code, name: e.name, aliases } : { code, name: e.name, aliases, bucket });
    }),
  );
}

export const EDUCATION_BUCKET_NAMES: Readonly<Record<EducationBucket, string>> = Object.freeze({
  1: '研究生',
  2: '大学本科',
  3: '大学专科',
  4: '中专',
  5: '高中、中技',
  6: '初中及以下',
});

// Our additions: common shorthands. Graduation forms point at the 毕业 code, plain levels at the level code.
export const EDUCATION: CodeTable<EducationCode> = build('education', educationJson.codes, null, {
  '10': ['研究生学历', '研究生毕业'],
  '20': ['本科学历', '大学本科学历'],
  '21': ['本科毕业'],
  '30': ['大专学历', '大学专科学历', '高职', '高职高专'],
  '31': ['大专毕业', '专科毕业'],
  '40': ['中专学历', '中等专业学校'],
  '41': ['中专毕业'],
  '44': ['职业高中'],
  '47': ['技工学校', '中技'],
  '60': ['普通高中', '高中学历'],
  '61': ['高中毕业'],
  '70': ['初中学历', '初级中学'],
  '80': ['小学学历'],
  '90': ['其它'],
});

// 57/58 are what some systems write for 97/98 (see the JSON's standard note).
export const ETHNICITY: CodeTable<EthnicityCode> = build('ethnicity', ethnicityJson.codes, null, {
  '02': ['蒙族'],
  '97': ['57', '其它', '其他民族'],
  '98': ['58', '外国血统', '外籍血统'],
});

export const GENDER: CodeTable<GenderCode> = build('gender', genderJson.codes, GENDER_CODES, {
  '0': ['未知'],
  '1': ['male'],
  '2': ['female'],
  '9': ['未说明'],
});

export const POLITICAL_STATUS: CodeTable<PoliticalStatusCode> = build(
  'political-status',
  politicalStatusJson.codes,
  POLITICAL_STATUS_CODES,
  {
    '01': ['中共正式党员', '正式党员', '共产党员', '中国共产党员'],
    '03': ['共青团'],
    '12': ['无党派人士'],
  },
);

export const JOB_CATEGORY: CodeTable<JobCategoryCode> = build('job-category', jobCategoryJson.codes, JOB_CATEGORY_CODES, {
  '07': ['其他', '其它'],
  '08': ['离退休干部', '退休人员'],
});

export const RESERVE_SOURCE: CodeTable<ReserveSourceCode> = build(
  'reserve-source',
  reserveSourceJson.codes,
  RESERVE_SOURCE_CODES,
  { '99': ['其它'] },
);

export const ORG_KIND: CodeTable<OrgKind> = build('org-kind', orgKindJson.codes, ORG_KINDS);

export const UNIT_CATEGORY: CodeTable<UnitCategory> = build('unit-category', unitCategoryJson.codes, UNIT_CATEGORIES, {
  village: ['农村', '农村(建制村)', '行政村', '村'],
  community: ['社区', '居委会', '社区居委会'],
  street: ['街道办事处', '街道办'],
  township: ['乡', '镇'],
  organ: ['党政机关', '机关单位', '国家机关'],
  institution: ['事业'],
  soe: ['国企', '国有控股企业'],
  private: ['非公企业', '民营企业', '私营企业', '非公有制经济组织'],
  'social-org': ['社会团体', '社团', '民办非企业单位'],
  school: ['中小学', '高校'],
  other: ['其它'],
});

export const MEMBER_EVENT: CodeTable<MemberEventKind> = build('member-event', memberEventJson.codes, MEMBER_EVENT_KINDS, {
  admitted: ['发展入党', '入党', '接收预备党员'],
  confirmed: ['转正', '按期转正'],
  'probation-extended': ['延期转正'],
  'transfer-in': ['转入'],
  'transfer-out': ['转出'],
  'lost-contact': ['失联'],
  mobile: ['流动', '外出'],
  returned: ['返回', '流动党员返回'],
  'contact-restored': ['失联党员恢复联系'],
  expelled: ['开除'],
  withdrawn: ['退党'],
  deceased: ['去世', '病故', '逝世'],
});

/** All tables by their file name, with the Chinese field title used in messages. */
export const CODE_TABLES = Object.freeze({
  education: { title: '学历', table: EDUCATION },
  ethnicity: { title: '民族', table: ETHNICITY },
  gender: { title: '性别', table: GENDER },
  'job-category': { title: '工作岗位', table: JOB_CATEGORY },
  'member-event': { title: '党员变动类型', table: MEMBER_EVENT },
  'org-kind': { title: '组织类别', table: ORG_KIND },
  'political-status': { title: '政治面貌', table: POLITICAL_STATUS },
  'reserve-source': { title: '来源类别', table: RESERVE_SOURCE },
  'unit-category': { title: '单位类别', table: UNIT_CATEGORY },
});
export type CodeTableId = keyof typeof CODE_TABLES;
