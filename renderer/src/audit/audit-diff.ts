import { fieldLabel } from '../codes/field-labels.js';
import { MEMBER_EVENT } from '../../../shared/codes/tables.js';
import { PIPELINE_CATALOGUE } from '../../../shared/import/index.js';
import { PIPELINE_STEP_OF } from '../../../shared/import/columns.js';
import {
  CATEGORY_NAMES,
  EDUCATION_NAMES,
  ETHNICITY_NAMES,
  GENDER_NAMES,
  JOB_CATEGORY_NAMES,
  ORG_KIND_NAMES,
  ROLE_NAMES,
  UNIT_CATEGORY_NAMES,
} from '../codes/code-names.js';

// Coded fields are shown by name, as everywhere else in the UI.
const CODED: Record<string, Record<string, string>> = {
  gender: GENDER_NAMES,
  ethnicity: ETHNICITY_NAMES,
  education: EDUCATION_NAMES,
  jobCategory: JOB_CATEGORY_NAMES,
  category: CATEGORY_NAMES,
  kind: ORG_KIND_NAMES,
  unitCategory: UNIT_CATEGORY_NAMES,
  role: ROLE_NAMES,
  status: { active: '在册', left: '已离开' },
};

export interface DiffLine {
  field: string;
  before: string;
  after: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const EVENT_NAMES: Record<string, string> = Object.fromEntries(MEMBER_EVENT.map((e) => [e.code, e.name]));
const STEP_NAMES: Record<string, string> = Object.fromEntries(
  PIPELINE_CATALOGUE.fields.filter((f) => f.key in PIPELINE_STEP_OF).map((f) => [PIPELINE_STEP_OF[f.key]!, f.label.replace(/(日期|时间)$/, '')]),
);

/** Dated records listed with their person (an import's events or steps): "入党 2005-07-01；转正 2006-07-01". */
function showDated(v: unknown[]): string | null {
  const parts: string[] = [];
  for (const e of v) {
    if (!isRecord(e) || typeof e.onDate !== 'string') return null;
    const what = typeof e.kind === 'string' ? (EVENT_NAMES[e.kind] ?? e.kind) : typeof e.step === 'string' ? (STEP_NAMES[e.step] ?? e.step) : null;
    if (what === null) return null;
    parts.push(`${what} ${e.onDate}`);
  }
  return parts.join('；');
}

function show(v: unknown, field: string): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v) && v.length > 0) {
    const dated = showDated(v);
    if (dated !== null) return dated;
  }
  if (typeof v === 'string' && CODED[field]?.[v]) return CODED[field][v];
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// Bookkeeping fields change on every write and say nothing to the reader.
// Ids are noise when the record also carries the name (orgName beside orgId).
const NOISE = new Set(['id', 'createdAt', 'updatedAt', 'path', 'depth', 'passwordHash']);

/** Changed fields between an audit row's before and after (created: after only; removed: before only). */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !NOISE.has(k) && !(k === 'orgId' && ('orgName' in a || 'orgName' in b)) && !(k === 'scopeOrgId' && ('scopeOrgName' in a || 'scopeOrgName' in b)),
  );
  const lines: DiffLine[] = [];
  for (const k of keys) {
    const bv = show(b[k], k);
    const av = show(a[k], k);
    // A created record lists only the fields that hold something.
    if (bv === av || (!isRecord(before) && av === '（空）')) continue;
    lines.push({ field: fieldLabel(k), before: isRecord(before) ? bv : '', after: isRecord(after) ? av : '' });
  }
  return lines;
}

/** A readable name for the audited record, if its before/after carries one. */
export function objectName(before: unknown, after: unknown): string | null {
  for (const r of [after, before]) {
    if (!isRecord(r)) continue;
    for (const k of ['name', 'displayName', 'username']) if (typeof r[k] === 'string' && r[k]) return r[k];
  }
  return null;
}
