/**
 * 第一书记和驻村工作队 roster: one row per posting, and the month grid beside it — a column per
 * month of days in the village ("2026年1月", "2026-01", "2026年1月驻村天数"), and optionally of
 * work logs ("2026年1月工作日志") and household visits ("2026年1月走访农户"). Month columns must
 * name the year: a bare "1月" is left unmapped with a hint.
 */
import type { Catalogue, Choice, FieldDef } from './fields.js';
import { normaliseHeader } from './similarity.js';
import { DISPATCH_LEVEL_NAMES, PARTY_CATEGORY_NAMES, TEAM_ROLE_NAMES } from '../contract/team.js';

const choices = (o: Readonly<Record<string, string>>, aliases: Record<string, string[]>): Choice[] => Object.entries(o).map(([value, label]) => ({ value, label, aliases: aliases[value] ?? [] }));

export const TEAM_ROLE_CHOICES = choices(TEAM_ROLE_NAMES, { 'first-secretary': ['驻村第一书记'], leader: ['工作队长', '驻村工作队长'], member: ['工作队员', '驻村工作队员'] });
export const DISPATCH_LEVEL_CHOICES = choices(DISPATCH_LEVEL_NAMES, {
  central: ['中央', '中央和国家机关'], province: ['省级', '自治区级', '省'], city: ['市级', '地州级', '市'], county: ['县', '县直'], township: ['乡镇', '乡级'],
});
export const PARTY_CATEGORY_CHOICES = choices(PARTY_CATEGORY_NAMES, { formal: ['中共党员', '党员'], probationary: ['中共预备党员'], none: ['群众', '非党员'] });

const ID_ALIASES = ['身份证号', '身份证号码', '公民身份证号', '公民身份证号码', '身份证'];

export const TEAM_CATALOGUE: Catalogue = {
  kind: 'teams',
  title: '第一书记和驻村工作队名册',
  fields: [
    { key: 'name', label: '姓名', aliases: [], kind: 'name', required: true, max: 40 },
    { key: 'idNumber', label: '公民身份号码', aliases: ID_ALIASES, kind: 'idNumber' },
    { key: 'role', label: '身份', aliases: ['驻村身份', '职务', '担任职务'], kind: 'choice', choices: TEAM_ROLE_CHOICES, required: true },
    { key: 'villageOrgId', label: '驻村', aliases: ['所驻村', '派驻村', '驻村党组织', '所驻村党组织'], kind: 'orgRef', required: true },
    { key: 'dispatchingUnit', label: '派出单位', aliases: ['选派单位'], kind: 'text', max: 100 },
    { key: 'dispatchingLevel', label: '派出单位层级', aliases: ['派出单位级别', '选派层级'], kind: 'choice', choices: DISPATCH_LEVEL_CHOICES },
    { key: 'villageType', label: '村类型', aliases: ['所驻村类型'], kind: 'text', max: 40 },
    { key: 'batch', label: '批次', aliases: ['选派批次'], kind: 'text', max: 40 },
    { key: 'fromDate', label: '任职开始日期', aliases: ['驻村开始日期', '任职起始日期', '驻村时间', '到村时间'], kind: 'date' },
    { key: 'toDate', label: '任职结束日期', aliases: ['驻村结束日期', '任期届满日期'], kind: 'date', future: true },
    { key: 'workStartedOn', label: '参加工作日期', aliases: ['参加工作时间', '工作时间'], kind: 'date' },
    { key: 'partyCategory', label: '人员类别', aliases: ['政治面貌', '党员类别'], kind: 'choice', choices: PARTY_CATEGORY_CHOICES, hint: '非本台账党员时填写' },
    { key: 'partyConfirmedOn', label: '转正日期', aliases: ['转正时间'], kind: 'date', hint: '非本台账党员时填写' },
    { key: 'funds', label: '工作经费（万元）', aliases: ['工作经费'], kind: 'number' },
  ],
};

export const MONTH_MEASURES = {
  days: { label: '驻村天数', suffixes: ['', '驻村天数', '驻村', '天数', '在村天数', '住村天数'], max: 31 },
  logs: { label: '工作日志', suffixes: ['工作日志', '工作日志数', '日志', '日志数'], max: 1000 },
  visits: { label: '走访农户', suffixes: ['走访农户', '走访农户数', '走访户数', '走访'], max: 10_000 },
} as const;
export type MonthMeasure = keyof typeof MONTH_MEASURES;

const MONTH_HEADER = /^(\d{4})(?:年|-|\.|\/)(\d{1,2})月?(.*)$/;

/** A header naming a month and a measure ("2026年1月", "2026-01走访农户"), or null. */
export function monthHeader(header: string): { month: string; measure: MonthMeasure } | null {
  const m = MONTH_HEADER.exec(normaliseHeader(header));
  if (!m) return null;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  const rest = m[3] ?? '';
  for (const [measure, d] of Object.entries(MONTH_MEASURES) as [MonthMeasure, (typeof MONTH_MEASURES)[MonthMeasure]][]) {
    if ((d.suffixes as readonly string[]).includes(rest)) return { month: `${m[1]}-${String(mo).padStart(2, '0')}`, measure };
  }
  return null;
}

/** The field of a month column: key `days.2026-01` (or logs. / visits.), labelled as written. */
export function monthField(month: string, measure: MonthMeasure, header?: string): FieldDef {
  const label = `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月${measure === 'days' ? '' : MONTH_MEASURES[measure].label}`;
  return { key: `${measure}.${month}`, label, aliases: header && header !== label ? [header] : [], kind: 'integer', hint: `${MONTH_MEASURES[measure].label}（${month}）` };
}

/** The month fields a sheet's headers name (each once). */
export function monthFieldsOf(headers: readonly string[]): FieldDef[] {
  const seen = new Map<string, FieldDef>();
  for (const h of headers) {
    const m = monthHeader(h);
    if (m && !seen.has(`${m.measure}.${m.month}`)) seen.set(`${m.measure}.${m.month}`, monthField(m.month, m.measure, h));
  }
  return [...seen.values()];
}

/** A month field key → its month and measure. */
export function parseMonthKey(key: string): { month: string; measure: MonthMeasure } | null {
  const m = /^(days|logs|visits)\.(\d{4}-\d{2})$/.exec(key);
  return m ? { measure: m[1] as MonthMeasure, month: m[2]! } : null;
}
