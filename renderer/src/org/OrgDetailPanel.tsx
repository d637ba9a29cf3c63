import { useState } from 'react';
import type { OrgDetail } from '../../../shared/contract/org.js';
import type { Org } from '../../../shared/types/records.js';
import { STRUCTURE_WARNING_NAMES, isBranchKind } from '../../../shared/domain/org-rules.js';
import { ORG_KIND_NAMES, UNIT_CATEGORY_NAMES, display } from '../codes/code-names.js';
import { OrgFieldsTab, INFO_FIELDS, VENUE_FIELDS } from './OrgFieldsTab.js';
import { OrgOfficersTab } from './OrgOfficersTab.js';
import { OrgElectionsTab } from './OrgElectionsTab.js';
import { OrgRatingsTab } from './OrgRatingsTab.js';
import { OrgHistoryTab } from './OrgHistoryTab.js';
import { TERM_STATUS_NAMES, termTagClass } from './org-labels.js';
import type { TreeModel } from './org-tree-model.js';

const TABS = [['info', '基本信息'], ['officers', '班子成员'], ['terms', '换届'], ['ratings', '星级与整顿'], ['venue', '阵地与联系点'], ['history', '历史']] as const;
type Tab = (typeof TABS)[number][0];
export type OrgAction = 'create' | 'rename' | 'move' | 'merge' | 'dissolve';

/** The selected organisation: a summary line, its warnings, the actions that keep history, and the tabs. */
export function OrgDetailPanel({ detail, model, canEdit, onAction, onSaved, onChanged }: {
  detail: OrgDetail; model: TreeModel; canEdit: boolean;
  onAction: (a: OrgAction) => void;
  /** An in-place edit saved the record. */
  onSaved: (org: Org, notice: string) => void;
  /** A dated record (officer, election, rating) changed. */
  onChanged: (notice: string) => void;
}) {
  const [tab, setTab] = useState<Tab>('info');
  const { org } = detail;
  const live = canEdit && !org.dissolvedOn;
  return (
    <section className="org-detail" data-testid="org-detail" data-org-id={org.id}>
      <div className="org-head">
        <h2 data-testid="org-detail-name">{org.name}</h2>
        <span className="tag">{display(ORG_KIND_NAMES, org.kind)}</span>
        {org.unitCategory ? <span className="tag">{display(UNIT_CATEGORY_NAMES, org.unitCategory)}</span> : null}
        {org.dissolvedOn ? <span className="tag bad" data-testid="org-dissolved">{org.dissolvedOn} 撤销{detail.mergedIntoName ? `，并入${detail.mergedIntoName}` : ''}</span> : null}
        {detail.term && detail.term.status !== 'ok' ? <span className={termTagClass(detail.term.status)} data-testid="org-head-term">{TERM_STATUS_NAMES[detail.term.status]}</span> : null}
        <span className="toolbar-spacer" />
        {live ? (
          <>
            <button type="button" onClick={() => onAction('create')} data-testid="org-action-create">新建下级组织</button>
            {org.parentId ? (
              <>
                <button type="button" onClick={() => onAction('rename')} data-testid="org-action-rename">更名</button>
                <button type="button" onClick={() => onAction('move')} data-testid="org-action-move">移动</button>
                {isBranchKind(org.kind) ? <button type="button" onClick={() => onAction('merge')} data-testid="org-action-merge">合并</button> : null}
                <button type="button" className="danger" onClick={() => onAction('dissolve')} data-testid="org-action-dissolve">撤销</button>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      <div className="org-summary muted" data-testid="org-summary">
        <span>上级：{detail.parentName ?? '—'}</span>
        <span>书记：<span data-testid="org-secretary">{detail.secretary?.name ?? '未登记'}</span></span>
        <span>
          党员 {detail.subtreeMembers} 名（正式党员 {detail.subtreeFormal} 名）{detail.subtreeMembers !== detail.members ? `，其中直属 ${detail.members} 名` : ''}
        </span>
        <span>下级组织 {detail.children} 个</span>
        {detail.formerNames.length > 0 ? <span data-testid="org-former-names">曾用名：{detail.formerNames.map((f) => `${f.name}（至 ${f.validTo}）`).join('、')}</span> : null}
      </div>
      {detail.warnings.length > 0 ? (
        <div className="warn-panel" data-testid="org-warnings">
          {detail.warnings.map((w) => <div key={w.code} data-code={w.code}><strong>{STRUCTURE_WARNING_NAMES[w.code]}</strong>：{w.message}</div>)}
        </div>
      ) : null}
      <div className="room-tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" className={tab === id ? 'room-tab active' : 'room-tab'} aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`org-tab-${id}`}>
            {label}
          </button>
        ))}
      </div>
      <div className="org-tab-body">
        {tab === 'info' ? <OrgFieldsTab key={`${org.id}-info`} detail={detail} fields={INFO_FIELDS} canEdit={canEdit} testId="org-info" onSaved={(o) => onSaved(o, `已保存：${o.name}`)} /> : null}
        {tab === 'venue' ? <OrgFieldsTab key={`${org.id}-venue`} detail={detail} fields={VENUE_FIELDS} canEdit={canEdit} testId="org-venue" onSaved={(o) => onSaved(o, `已保存：${o.name}的阵地与联系点`)} /> : null}
        {tab === 'officers' ? <OrgOfficersTab key={org.id} detail={detail} canEdit={canEdit} onChanged={onChanged} /> : null}
        {tab === 'terms' ? <OrgElectionsTab key={org.id} detail={detail} model={model} canEdit={canEdit} onChanged={onChanged} /> : null}
        {tab === 'ratings' ? <OrgRatingsTab key={org.id} detail={detail} canEdit={canEdit} onChanged={onChanged} /> : null}
        {tab === 'history' ? <OrgHistoryTab key={org.id} detail={detail} /> : null}
      </div>
    </section>
  );
}
