import { AUDIT_HIDDEN_FIELDS, DEV_STEP_NAMES, MEMBER_EVENT_NAMES, auditEntityLabel, auditField, auditSubfield, type AuditField } from '../../../shared/audit/labels.js';

export interface DiffLine {
  field: string;
  before: string;
  after: string;
}

/** What a diff reads values with: the row's entity (labels are per entity) and the names of ids. */
export interface DiffContext {
  entity: string;
  /** id → name, from audit.list (an id missing here is outside the reader's scope, or gone); without it ids show as they are. */
  names?: Readonly<Record<string, string>> | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Fields holding a record's id (orgId, parentId, scopeOrgId …): shown by name. */
const isIdField = (k: string) => /(^|[a-z])Id$/.test(k);
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const EMPTY = '（空）';
export const UNSEEN = '（范围外或已删除的记录）';

/** Local time, as the clerk's clock shows it (the core stores UTC). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

/** Dated records listed with their person (an import's events or steps): "入党 2005-07-01；转正 2006-07-01". */
function showDated(v: unknown[]): string | null {
  const parts: string[] = [];
  for (const e of v) {
    if (!isRecord(e) || typeof e.onDate !== 'string') return null;
    const what = typeof e.kind === 'string' ? (MEMBER_EVENT_NAMES[e.kind] ?? e.kind) : typeof e.step === 'string' ? (DEV_STEP_NAMES[e.step] ?? e.step) : null;
    if (what === null) return null;
    parts.push(`${what} ${e.onDate}`);
  }
  return parts.join('；');
}

type Names = Readonly<Record<string, string>> | undefined;

function showScalar(v: unknown, key: string, field: AuditField | undefined, names: Names): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (field?.flag || typeof v === 'boolean') return v === true || v === 1 || v === 'true' ? '是' : v === false || v === 0 || v === 'false' ? '否' : String(v);
  if (typeof v === 'string') {
    if (field?.values?.[v]) return field.values[v];
    if (isIdField(key) && names) return names[v] ?? UNSEEN;
    if (INSTANT.test(v)) return localTime(v);
    return v;
  }
  return String(v);
}

function show(v: unknown, entity: string, key: string, names: Names): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return EMPTY;
    const dated = showDated(v);
    if (dated !== null) return dated;
    if (v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('、');
  }
  if (isRecord(v)) {
    // An import's counts, an export's filter, a step's data: "新增 3，更新 1".
    return Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([sub, x]) => {
        const f = auditSubfield(key, sub);
        const text = isRecord(x) || Array.isArray(x) ? show(x, entity, sub, names) : showScalar(x, sub, f, names);
        // A set flag of a filter reads as its name alone (流动党员), not 流动党员 是.
        return f?.flag && text === '是' ? f.label : `${f?.label ?? sub} ${text}`;
      })
      .join('，') || EMPTY;
  }
  if (Array.isArray(v)) return JSON.stringify(v);
  return showScalar(v, key, auditField(entity, key), names);
}

/** Changed fields between an audit row's before and after (created: after only; removed: before only). */
export function auditDiff(before: unknown, after: unknown, { entity, names }: DiffContext): DiffLine[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const has = (k: string) => k in a || k in b;
  // Ids are noise when the record also carries the name (orgName beside orgId).
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !AUDIT_HIDDEN_FIELDS.has(k) && !(k === 'orgId' && has('orgName')) && !(k === 'scopeOrgId' && has('scopeOrgName')),
  );
  const created = !isRecord(before);
  const lines: DiffLine[] = [];
  for (const k of keys) {
    const field = auditField(entity, k);
    // A created record lists only the fields that hold something: no 否, no unset counters.
    if (created && (a[k] === field?.unset || (field?.flag && (a[k] === false || a[k] === 0)))) continue;
    const bv = show(b[k], entity, k, names);
    const av = show(a[k], entity, k, names);
    if (bv === av || (created && av === EMPTY)) continue;
    lines.push({ field: field?.label ?? k, before: created ? '' : bv, after: isRecord(after) ? av : '' });
  }
  return lines;
}

/** What the row is about, in words: "党员：张三", "导出：党员名册", "系统设置". */
export function objectText(entry: { entity: string; entityId: string | null; before: unknown; after: unknown }, names: Readonly<Record<string, string>>): string {
  // A login, a lock, a logout: the action and the user say it all.
  if (entry.entity === 'session') return '—';
  const what = auditEntityLabel(entry.entity);
  let name: string | null = entry.entityId ? (names[entry.entityId] ?? null) : null;
  for (const r of [entry.after, entry.before]) {
    if (name || !isRecord(r)) continue;
    for (const k of ['name', 'displayName', 'username', 'title']) if (typeof r[k] === 'string' && r[k]) name ??= r[k];
    // An export or an import batch is named by what it carried.
    if (!name && typeof r.kind === 'string' && (entry.entity === 'export' || entry.entity === 'importBatch')) name = show(r.kind, entry.entity, 'kind', names);
  }
  return name ? `${what}：${name}` : what;
}
