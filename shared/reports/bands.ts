/**
 * Bands and code groupings of STATISTICS.md, as data. Keys are the ones `stats --json` uses.
 */
import { EDUCATION_BUCKET_NAMES, JOB_CATEGORY, ORG_KINDS, RESERVE_SOURCE, UNIT_CATEGORY, POLITICAL_STATUS } from '../codes/tables.js';
import type { Cell } from './types.js';

const ageBand = (key: string, label: string, min?: number, max?: number): Cell => ({
  key,
  label,
  where: { field: 'age', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
});

/** Members' age on the as-of date. */
export const AGE_BANDS: readonly Cell[] = [
  ageBand('<=30', '30岁及以下', undefined, 30),
  ageBand('31-35', '31至35岁', 31, 35),
  ageBand('36-40', '36至40岁', 36, 40),
  ageBand('41-45', '41至45岁', 41, 45),
  ageBand('46-50', '46至50岁', 46, 50),
  ageBand('51-55', '51至55岁', 51, 55),
  ageBand('56-60', '56至60岁', 56, 60),
  ageBand('>=61', '61岁及以上', 61),
];

/** The annual report splits ≥ 61 further. */
export const ANNUAL_AGE_BANDS: readonly Cell[] = [
  ...AGE_BANDS.slice(0, 7),
  ageBand('61-65', '61至65岁', 61, 65),
  ageBand('66-70', '66至70岁', 66, 70),
  ageBand('>=71', '71岁及以上', 71),
];

/** Reserves' age on the as-of date (typical local limits: 35 for 大专, 40, 45 in exceptional cases). */
export const RESERVE_AGE_BANDS: readonly Cell[] = [
  ageBand('<=35', '35岁及以下', undefined, 35),
  ageBand('36-40', '36至40岁', 36, 40),
  ageBand('41-45', '41至45岁', 41, 45),
  ageBand('>=46', '46岁及以上', 46),
];

/** New members' age on the approval date. */
export const DEV_AGE_BANDS: readonly Cell[] = [
  ageBand('<=25', '25岁及以下', undefined, 25),
  ageBand('26-30', '26至30岁', 26, 30),
  ageBand('31-35', '31至35岁', 31, 35),
  ageBand('36-40', '36至40岁', 36, 40),
  ageBand('41-59', '41至59岁', 41, 59),
  ageBand('>=60', '60岁及以上', 60),
];

/** 入党时间 with the month boundaries of the annual report tables. */
export const JOIN_BANDS: readonly Cell[] = [
  { key: 'pre-1949-10', label: '新中国成立前', where: { field: 'joinedOn', max: '1949-09-99' } },
  { key: '1949-10..1978-12', label: '新中国成立后至党的十一届三中全会前', where: { field: 'joinedOn', min: '1949-10', max: '1978-12-99' } },
  { key: '1979-01..2012-10', label: '党的十一届三中全会后至党的十八大前', where: { field: 'joinedOn', min: '1979-01', max: '2012-10-99' } },
  { key: '2012-11..', label: '党的十八大以来', where: { field: 'joinedOn', min: '2012-11' } },
];

export const EDUCATION_ROWS: readonly Cell[] = ([1, 2, 3, 4, 5, 6] as const).map((b) => ({
  key: String(b),
  label: EDUCATION_BUCKET_NAMES[b],
  where: { field: 'educationBucket', eq: b },
}));

export const JOB_ROWS: readonly Cell[] = JOB_CATEGORY.map((e) => ({ key: e.code, label: e.name, where: { field: 'jobCategory', eq: e.code } }));

const KIND_NAMES: Record<string, string> = {
  'local-committee': '地方党委',
  committee: '基层党委',
  'working-committee': '党工委',
  'general-branch': '党总支',
  branch: '党支部',
  'joint-branch': '联合党支部',
  'temporary-branch': '临时党支部',
  group: '党小组',
};
/** Every kind of codes/org-kind.json except the root's 地方党委 (CLI.md byKind). */
export const ORG_KIND_ROWS: readonly Cell[] = ORG_KINDS.filter((k) => k !== 'local-committee').map((k) => ({
  key: k,
  label: KIND_NAMES[k] ?? k,
  where: { field: 'kind', eq: k },
}));

export const UNIT_CATEGORY_ROWS: readonly Cell[] = UNIT_CATEGORY.map((e) => ({ key: e.code, label: e.name, where: { field: 'unitCategory', eq: e.code } }));

export const RESERVE_SOURCE_ROWS: readonly Cell[] = RESERVE_SOURCE.map((e) => ({ key: e.code, label: e.name, where: { field: 'source', eq: e.code } }));

export const POLITICAL_STATUS_ROWS: readonly Cell[] = POLITICAL_STATUS.map((e) => ({ key: e.code, label: e.name, where: { field: 'politicalStatus', eq: e.code } }));

export const BASIC_KINDS = ['committee', 'general-branch', 'branch', 'joint-branch', 'temporary-branch'] as const;
