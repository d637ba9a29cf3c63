import { useState, type FormEvent, type ReactNode } from 'react';
import { call } from '../api/index.js';
import { ORG_KIND_NAMES, UNIT_CATEGORY_NAMES, optionsOf } from '../codes/code-names.js';
import type { OrgDetail } from '../../../shared/contract/org.js';
import type { Org } from '../../../shared/types/records.js';
import { isBranchKind, placementRefusal } from '../../../shared/domain/org-rules.js';
import type { OrgKind } from '../../../shared/codes/tables.js';
import { todayIso } from '../stats/format.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { OrgSelect } from './OrgSelect.js';
import { buildTree, type TreeModel } from './org-tree-model.js';

interface Done {
  onClose: () => void;
  /** The saved organisation and what to tell the clerk. */
  onDone: (org: Org, notice: string) => void;
}

/** One form in a dialog: its error in place, the dialog open until the call succeeds. */
export function ActionForm({ title, testId, submitLabel, onClose, check, work, children }: {
  title: string; testId: string; submitLabel: string; onClose: () => void;
  /** What is missing before the call, or null. */
  check?: () => string | null;
  work: () => Promise<void>; children: ReactNode;
}) {
  const { busy, error, setError, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = check?.() ?? null;
    if (problem) return setError(problem);
    void run(work);
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form className="form" onSubmit={submit}>
        {children}
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>取消</button>
          <button type="submit" className="primary" disabled={busy} data-testid={`${testId}-submit`}>{submitLabel}</button>
        </div>
      </form>
    </Dialog>
  );
}

const DEFAULT_CHILD: Partial<Record<OrgKind, OrgKind>> = { 'local-committee': 'committee', committee: 'branch', 'working-committee': 'branch', 'general-branch': 'branch', branch: 'group', 'joint-branch': 'group', 'temporary-branch': 'group' };

/** 新建下级组织: the kinds offered are those that may sit under the parent. */
export function CreateOrgDialog({ parent, onClose, onDone }: Done & { parent: Org }) {
  const kinds = optionsOf(ORG_KIND_NAMES).filter((k) => placementRefusal(parent.kind as OrgKind, k.value as OrgKind) === null);
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [kind, setKind] = useState<string>(DEFAULT_CHILD[parent.kind as OrgKind] ?? kinds[0]?.value ?? '');
  const [unitCategory, setUnitCategory] = useState(parent.unitCategory ?? '');
  const [foundedOn, setFoundedOn] = useState('');
  return (
    <ActionForm
      title={`在“${parent.name}”下新建组织`}
      testId="org-create"
      submitLabel="新建"
      onClose={onClose}
      work={async () => {
        const org = await call('org.create', {
          parentId: parent.id, name, kind: kind as OrgKind, shortName: shortName.trim() || null,
          unitCategory: (unitCategory || null) as never, foundedOn: foundedOn || null,
        });
        onDone(org, `已新建：${org.name}`);
      }}
    >
      {kinds.length === 0 ? <div className="warn-panel">{ORG_KIND_NAMES[parent.kind]}之下不能再设组织</div> : null}
      <Field label="组织全称" required><input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus data-testid="org-create-name" /></Field>
      <Field label="简称"><input value={shortName} onChange={(e) => setShortName(e.target.value)} maxLength={60} data-testid="org-create-short" /></Field>
      <Field label="组织类别" required>
        <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="org-create-kind">
          {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
      </Field>
      <Field label="单位类别">
        <select value={unitCategory} onChange={(e) => setUnitCategory(e.target.value)} data-testid="org-create-unit">
          <option value="">（未填）</option>
          {optionsOf(UNIT_CATEGORY_NAMES).map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
      </Field>
      <Field label="成立日期" hint="YYYY-MM-DD，只知年月时写 YYYY-MM"><input value={foundedOn} onChange={(e) => setFoundedOn(e.target.value)} maxLength={10} data-testid="org-create-founded" /></Field>
    </ActionForm>
  );
}

/** 更名: the old name stays as 曾用名 up to the day before. */
export function RenameOrgDialog({ org, onClose, onDone }: Done & { org: Org }) {
  const [name, setName] = useState(org.name);
  const [shortName, setShortName] = useState(org.shortName ?? '');
  const [onDate, setOnDate] = useState(todayIso());
  return (
    <ActionForm
      title="组织更名"
      testId="org-rename"
      submitLabel="更名"
      onClose={onClose}
      work={async () => {
        const saved = await call('org.rename', { id: org.id, name, shortName: shortName.trim() || null, onDate });
        onDone(saved, `已更名为“${saved.name}”，原名称“${org.name}”保留为曾用名`);
      }}
    >
      <Field label="原名称"><span>{org.name}</span></Field>
      <Field label="新全称" required><input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus data-testid="org-rename-name" /></Field>
      <Field label="新简称"><input value={shortName} onChange={(e) => setShortName(e.target.value)} maxLength={60} data-testid="org-rename-short" /></Field>
      <Field label="更名日期" required><input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} data-testid="org-rename-date" /></Field>
    </ActionForm>
  );
}

/** 移动: the whole subtree goes under the new parent from the date; earlier dates keep the old place. */
export function MoveOrgDialog({ org, model, onClose, onDone }: Done & { org: Org; model: TreeModel }) {
  const [parentId, setParentId] = useState('');
  const [onDate, setOnDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={`移动“${org.name}”`}
      testId="org-move"
      submitLabel="移动"
      onClose={onClose}
      check={() => (parentId ? null : '请选择新的上级组织')}
      work={async () => {
        const saved = await call('org.move', { id: org.id, parentId, onDate, reason: reason.trim() || null });
        onDone(saved, `已将“${saved.name}”及其下级组织移至“${model.byId.get(parentId)?.name ?? ''}”之下`);
      }}
    >
      <Field label="新的上级组织" required><OrgSelect model={model} value={parentId} onChange={setParentId} testId="org-move-parent" /></Field>
      <Field label="移动日期" required><input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} data-testid="org-move-date" /></Field>
      <Field label="原因"><input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="org-move-reason" /></Field>
    </ActionForm>
  );
}

/**
 * 撤销: refused by the core while members or live children remain, unless the same action
 * dissolves the children or moves them elsewhere (members are moved on the 党员 page first).
 */
export function DissolveOrgDialog({ detail, model, onClose, onDone }: Done & { detail: OrgDetail; model: TreeModel }) {
  const org = detail.org;
  const [onDate, setOnDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [children, setChildren] = useState<'none' | 'dissolve' | 'move'>('none');
  const [moveTo, setMoveTo] = useState('');
  return (
    <ActionForm
      title={`撤销“${org.name}”`}
      testId="org-dissolve"
      submitLabel="确认撤销"
      onClose={onClose}
      check={() => (detail.children > 0 && children === 'none' ? '请选择下级组织一并撤销还是移至其他组织' : children === 'move' && !moveTo ? '请选择下级组织移往的组织' : null)}
      work={async () => {
        const saved = await call('org.dissolve', {
          id: org.id, onDate, reason,
          ...(children === 'dissolve' ? { children: 'dissolve' as const } : children === 'move' ? { children: { moveTo } } : {}),
        });
        onDone(saved, `已撤销：${saved.name}（${onDate}）`);
      }}
    >
      <div className="warn-panel">
        撤销后组织不再出现在组织树中（勾选“显示已撤销”可查看），历史记录全部保留。
        {detail.members > 0 ? <div>本组织尚有 {detail.members} 名党员，请先在“党员”页将其转出。</div> : null}
      </div>
      <Field label="撤销日期" required><input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} data-testid="org-dissolve-date" /></Field>
      <Field label="撤销原因" required><input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="org-dissolve-reason" /></Field>
      {detail.children > 0 ? (
        <Field label={`下级组织（${detail.children} 个）`} required>
          <select value={children} onChange={(e) => setChildren(e.target.value as typeof children)} data-testid="org-dissolve-children">
            <option value="none">请选择如何处理</option>
            <option value="dissolve">一并撤销</option>
            <option value="move">移至其他组织</option>
          </select>
          {children === 'move' ? <OrgSelect model={model} value={moveTo} onChange={setMoveTo} testId="org-dissolve-move-to" /> : null}
        </Field>
      ) : null}
    </ActionForm>
  );
}

/** 合并: this branch's members move to the chosen branch with dated 转出/转入 events; this one is dissolved. */
export function MergeOrgDialog({ detail, model, onClose, onDone }: Done & { detail: OrgDetail; model: TreeModel }) {
  const org = detail.org;
  const [intoId, setIntoId] = useState('');
  const [onDate, setOnDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={`将“${org.name}”并入其他党支部`}
      testId="org-merge"
      submitLabel="确认合并"
      onClose={onClose}
      check={() => (intoId ? null : '请选择并入的党支部')}
      work={async () => {
        const into = await call('org.merge', { id: org.id, intoId, onDate, reason: reason.trim() || null });
        onDone(into, `已将“${org.name}”并入“${into.name}”，${detail.members} 名党员随之转入`);
      }}
    >
      <div className="warn-panel">本支部 {detail.members} 名党员将于合并日期转入所选党支部（登记转出、转入记录），党小组随之移入，本支部撤销并注明并入。</div>
      <Field label="并入的党支部" required><OrgSelect model={branchesOnly(model, org.id)} value={intoId} onChange={setIntoId} testId="org-merge-into" /></Field>
      <Field label="合并日期" required><input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} data-testid="org-merge-date" /></Field>
      <Field label="原因"><input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="org-merge-reason" /></Field>
    </ActionForm>
  );
}

/** The tree with only the branches (and the path to them) other than `except`, for the merge picker. */
function branchesOnly(model: TreeModel, except: string): TreeModel {
  const keep = new Set<string>();
  for (const n of model.byId.values()) {
    if (n.id === except || !isBranchKind(n.kind)) continue;
    for (let p: typeof n | undefined = n; p && !keep.has(p.id); p = p.parentId ? model.byId.get(p.parentId) : undefined) keep.add(p.id);
  }
  return buildTree([...model.byId.values()].filter((n) => keep.has(n.id)));
}
