import { useState } from 'react';
import { call } from '../api/index.js';
import { ORG_KIND_NAMES, UNIT_CATEGORY_NAMES, display, optionsOf } from '../codes/code-names.js';
import type { OrgDetail } from '../../../shared/contract/org.js';
import type { Org } from '../../../shared/types/records.js';
import type { OrgKind } from '../../../shared/codes/tables.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

type Key = 'shortName' | 'kind' | 'unitCategory' | 'foundedOn' | 'contactPerson' | 'phone' | 'canApprove' | 'regionCode' | 'venueArea' | 'venueBuiltYear' | 'venueFunds' | 'liaisonLeader';
interface FieldDef {
  key: Key;
  label: string;
  type: 'text' | 'number' | 'select' | 'check';
  options?: Record<string, string>;
  hint?: string;
}

/** 基本信息 and 阵地与联系点: the record's in-place fields (name, place and dissolution have their own actions). */
export const INFO_FIELDS: FieldDef[] = [
  { key: 'shortName', label: '简称', type: 'text' },
  { key: 'kind', label: '组织类别', type: 'select', options: ORG_KIND_NAMES },
  { key: 'unitCategory', label: '单位类别', type: 'select', options: UNIT_CATEGORY_NAMES },
  { key: 'foundedOn', label: '成立日期', type: 'text', hint: 'YYYY-MM-DD 或 YYYY-MM' },
  { key: 'contactPerson', label: '联系人', type: 'text' },
  { key: 'phone', label: '联系电话', type: 'text' },
  { key: 'regionCode', label: '统计用区划代码', type: 'text', hint: '12 位数字' },
  { key: 'canApprove', label: '有审批预备党员权限', type: 'check' },
];
export const VENUE_FIELDS: FieldDef[] = [
  { key: 'venueArea', label: '活动场所面积（㎡）', type: 'number' },
  { key: 'venueBuiltYear', label: '场所建成年份', type: 'number' },
  { key: 'venueFunds', label: '运转经费（万元）', type: 'number' },
  { key: 'liaisonLeader', label: '联系点县级领导', type: 'text' },
];

const shown = (f: FieldDef, v: unknown): string => {
  if (f.type === 'check') return v ? '是' : '否';
  if (v === null || v === undefined || v === '') return '—';
  return f.options ? display(f.options, String(v)) : String(v);
};

const draftOf = (org: Org, fields: FieldDef[]) => Object.fromEntries(fields.map((f) => [f.key, f.type === 'check' ? Boolean(org[f.key]) : org[f.key] === null ? '' : String(org[f.key])])) as Record<Key, string | boolean>;

/** A definition list of fields, edited in place; a change of kind or unit category is dated. */
export function OrgFieldsTab({ detail, fields, canEdit, testId, onSaved }: { detail: OrgDetail; fields: FieldDef[]; canEdit: boolean; testId: string; onSaved: (org: Org) => void }) {
  const org = detail.org;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(org, fields));
  const [changedOn, setChangedOn] = useState(todayIso());
  const { busy, error, setError, run } = useSubmit();
  const reclassified = draft.kind !== undefined && (draft.kind !== org.kind || (draft.unitCategory ?? '') !== (org.unitCategory ?? ''));

  const save = () =>
    run(async () => {
      const patch: Record<string, unknown> = {};
      for (const f of fields) {
        const v = draft[f.key];
        const before = draftOf(org, [f])[f.key];
        if (v === before) continue;
        if (f.type === 'check') patch[f.key] = v;
        else if (f.type === 'number') {
          const n = String(v).trim() === '' ? null : Number(v);
          if (n !== null && !Number.isFinite(n)) throw new Error(`${f.label}应为数字`);
          patch[f.key] = n;
        } else patch[f.key] = String(v).trim() === '' ? null : String(v).trim();
      }
      if (Object.keys(patch).length === 0) return setEditing(false);
      if (reclassified) patch['changedOn'] = changedOn;
      if (patch['kind'] === null) return setError('请选择组织类别');
      const saved = await call('org.update', { id: org.id, patch: patch as { kind?: OrgKind } });
      setEditing(false);
      onSaved(saved);
    });

  return (
    <div data-testid={testId}>
      <dl className="org-facts">
        {fields.map((f) => (
          <div key={f.key} className="org-fact">
            <dt>{f.label}</dt>
            <dd>
              {!editing ? (
                shown(f, org[f.key])
              ) : f.type === 'check' ? (
                <input type="checkbox" checked={Boolean(draft[f.key])} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.checked })} data-testid={`${testId}-${f.key}`} />
              ) : f.type === 'select' ? (
                <select value={String(draft[f.key])} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} data-testid={`${testId}-${f.key}`}>
                  {f.key !== 'kind' ? <option value="">（未填）</option> : null}
                  {optionsOf(f.options ?? {}).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input value={String(draft[f.key])} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} placeholder={f.hint} data-testid={`${testId}-${f.key}`} />
              )}
            </dd>
          </div>
        ))}
        {editing && reclassified ? (
          <div className="org-fact">
            <dt>类别变更日期</dt>
            <dd><input type="date" value={changedOn} onChange={(e) => setChangedOn(e.target.value)} data-testid={`${testId}-changedOn`} /></dd>
          </div>
        ) : null}
      </dl>
      <ErrorMessage message={error} />
      {canEdit && !org.dissolvedOn ? (
        <div className="inline-form">
          {editing ? (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid={`${testId}-save`}>保存</button>
              <button type="button" onClick={() => { setEditing(false); setDraft(draftOf(org, fields)); setError(null); }}>取消</button>
            </>
          ) : (
            <button type="button" onClick={() => { setDraft(draftOf(org, fields)); setEditing(true); }} data-testid={`${testId}-edit`}>修改</button>
          )}
        </div>
      ) : null}
    </div>
  );
}
