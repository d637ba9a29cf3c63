import { useState } from 'react';
import { call } from '../api/index.js';
import type { GridNode } from '../../../shared/contract/grid.js';
import { placementProblem, gridKindName } from '../../../shared/domain/grid-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import type { OrgChoice } from './unit-grid-model.js';

export type ChangeMode = 'rename' | 'move' | 'cover' | 'dissolve';

const TITLES: Record<ChangeMode, string> = { rename: '更名', move: '调整隶属', cover: '变更覆盖党组织', dissolve: '撤销' };

/** A dated change of one unit: rename, move, covering organisation, dissolve (each a record in its history). */
export function UnitChangeDialog({ unit, mode, units, orgs, today, onClose, onDone }: {
  unit: GridNode;
  mode: ChangeMode;
  units: readonly GridNode[];
  orgs: readonly OrgChoice[];
  today: string;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [onDate, setOnDate] = useState(today);
  const [name, setName] = useState(unit.name);
  const [correction, setCorrection] = useState(false);
  const [parentId, setParentId] = useState(unit.parentId ?? '');
  const [orgId, setOrgId] = useState(unit.orgId ?? '');
  const [reason, setReason] = useState('');
  const [withChildren, setWithChildren] = useState(false);
  const { busy, error, run } = useSubmit();
  // Where it may go: units of a fitting kind, not itself nor below it.
  const targets = units.filter((u) => !u.dissolvedOn && !u.path.startsWith(unit.path) && placementProblem(unit.kind, u.kind) === null);

  const submit = () =>
    run(async () => {
      if (mode === 'rename') {
        await call('grid.rename', { id: unit.id, name: name.trim(), onDate, correction });
        onDone(correction ? `已更正名称为“${name.trim()}”` : `“${unit.name}”自 ${onDate} 起更名为“${name.trim()}”`);
      } else if (mode === 'move') {
        await call('grid.move', { id: unit.id, parentId: parentId || null, onDate });
        onDone(`已调整“${unit.name}”的隶属（${onDate}）`);
      } else if (mode === 'cover') {
        await call('grid.cover', { id: unit.id, orgId: orgId || null, onDate });
        onDone(`“${unit.name}”自 ${onDate} 起${orgId ? `由“${orgs.find((o) => o.id === orgId)?.name ?? ''}”覆盖` : '没有覆盖的党组织'}`);
      } else {
        const r = await call('grid.dissolve', { id: unit.id, onDate, reason: reason.trim() || null, withChildren });
        onDone(`已撤销“${unit.name}”${r.dissolved > 1 ? `及其下级 ${r.dissolved - 1} 个单元` : ''}${r.registrationsEnded ? `，${r.registrationsEnded} 名党员的报到随之结束` : ''}`);
      }
    });

  return (
    <Dialog title={`${TITLES[mode]}：${unit.name}`} onClose={onClose} testId="unit-change">
      <form className="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {mode === 'rename' ? (
          <>
            <label className="field"><span className="field-label">新名称</span><span className="field-control"><input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoFocus data-testid="unit-change-name" /></span></label>
            <label className="field"><span className="field-label" /><span className="field-control"><label><input type="checkbox" checked={correction} onChange={(e) => setCorrection(e.target.checked)} /> 只是更正错字（不记为更名，历史中的旧名称一并更正）</label></span></label>
          </>
        ) : null}
        {mode === 'move' ? (
          <label className="field"><span className="field-label">新的上级</span><span className="field-control">
            <select value={parentId} onChange={(e) => setParentId(e.target.value)} data-testid="unit-change-parent">
              <option value="">（作为社区或村，在所属乡镇之下）</option>
              {targets.map((u) => <option key={u.id} value={u.id}>{u.name}（{gridKindName(u.kind)}）</option>)}
            </select>
          </span></label>
        ) : null}
        {mode === 'cover' ? (
          <label className="field"><span className="field-label">覆盖党组织</span><span className="field-control">
            <select value={orgId} onChange={(e) => setOrgId(e.target.value)} data-testid="unit-change-org">
              <option value="">（没有覆盖的党组织）</option>
              {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </span></label>
        ) : null}
        {mode === 'dissolve' ? (
          <>
            <label className="field"><span className="field-label">撤销原因</span><span className="field-control"><input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="unit-change-reason" /></span></label>
            <label className="field"><span className="field-label" /><span className="field-control"><label><input type="checkbox" checked={withChildren} onChange={(e) => setWithChildren(e.target.checked)} data-testid="unit-change-children" /> 连同下级一并撤销（在此报到的党员报到随之结束）</label></span></label>
          </>
        ) : null}
        {mode !== 'rename' || !correction ? (
          <label className="field"><span className="field-label">{TITLES[mode]}日期</span><span className="field-control"><input type="date" value={onDate} max={today} onChange={(e) => setOnDate(e.target.value)} required data-testid="unit-change-date" /></span></label>
        ) : null}
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>取消</button>
          <button type="submit" className="primary" disabled={busy} data-testid="unit-change-submit">{TITLES[mode]}</button>
        </div>
      </form>
    </Dialog>
  );
}
