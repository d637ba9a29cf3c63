import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgDetail } from '../../../shared/contract/org.js';
import type { Org } from '../../../shared/types/records.js';
import { useSession } from '../app/session-context.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import '../ui/village.css';
import './org.css';
import { OrgTree } from './OrgTree.js';
import { useOrgTree } from './use-org-tree.js';
import { OrgDetailPanel, type OrgAction } from './OrgDetailPanel.js';
import { OrgChildrenGrid } from './OrgChildrenGrid.js';
import { CreateOrgDialog, DissolveOrgDialog, MergeOrgDialog, MoveOrgDialog, RenameOrgDialog } from './OrgActionDialogs.js';
import { TermList } from './TermList.js';
import { WarningList } from './WarningList.js';

type View = 'org' | 'terms' | 'warnings';

/**
 * 组织: the tree of the clerk's scope (with term and warning badges), the selected organisation's
 * detail panel and the grid of its children; the 换届名单 and 组织设置提醒 of the selected subtree.
 */
export function OrgPage() {
  const { session } = useSession();
  const canEdit = session.user.role !== 'viewer';
  const [includeDissolved, setIncludeDissolved] = useState(false);
  const tree = useOrgTree({ includeDissolved });
  const [orgId, setOrgId] = useState<string | null>(null);
  const [view, setView] = useState<View>('org');
  const [detail, setDetail] = useState<OrgDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<OrgAction | null>(null);
  const [version, setVersion] = useState(0);

  // The top of the clerk's scope is selected until they pick another.
  const selected = orgId ?? tree.model.roots[0]?.id ?? null;
  useEffect(() => {
    if (!selected) return;
    let live = true;
    call('org.get', { id: selected })
      .then((d) => live && (setDetail(d), setError(null)))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [selected, version]);

  /** Something was written: reread the record, the tree (names, places, badges) and the lists. */
  const reloadTree = tree.reload;
  const changed = useCallback(
    (text: string) => {
      setNotice(text);
      setVersion((v) => v + 1);
      reloadTree();
    },
    [reloadTree],
  );
  const done = (org: Org, text: string) => {
    setAction(null);
    changed(text);
    setOrgId(org.id);
  };
  const open = useCallback((id: string) => {
    setOrgId(id);
    setView('org');
  }, []);
  const scopeName = selected ? (tree.model.byId.get(selected)?.name ?? detail?.org.name ?? '') : '';

  return (
    <div className="members-page org-page">
      <aside className="members-tree">
        <div className="pane-title">
          组织
          <label className="small muted"><input type="checkbox" checked={includeDissolved} onChange={(e) => setIncludeDissolved(e.target.checked)} data-testid="org-show-dissolved" /> 显示已撤销</label>
        </div>
        <ErrorMessage message={tree.error} testId="org-tree-error" />
        {tree.loading && tree.nodes.length === 0 ? <div className="muted pad">正在加载组织…</div> : null}
        <OrgTree model={tree.model} selectedId={selected} onSelect={open} badges />
      </aside>
      <section className="members-main">
        <div className="toolbar">
          <h1 className="page-title">组织</h1>
          <span className="scope-label" data-testid="org-scope">{scopeName}</span>
        </div>
        <div className="room-tabs" role="tablist">
          {([['org', '组织详情'], ['terms', '换届名单'], ['warnings', '组织设置提醒']] as const).map(([id, label]) => (
            <button key={id} type="button" role="tab" className={view === id ? 'room-tab active' : 'room-tab'} aria-selected={view === id} onClick={() => setView(id)} data-testid={`org-view-${id}`}>
              {label}
            </button>
          ))}
        </div>
        <Notice message={notice} testId="org-notice" />
        <ErrorMessage message={error} />
        {view === 'org' && detail && selected ? (
          <div className="org-workbench">
            <OrgDetailPanel
              detail={detail}
              model={tree.model}
              canEdit={canEdit}
              onAction={setAction}
              onSaved={(_, text) => changed(text)}
              onChanged={changed}
            />
            <OrgChildrenGrid orgId={selected} includeDissolved={includeDissolved} canEdit={canEdit} version={version} onOpen={open} onSaved={changed} />
          </div>
        ) : null}
        {view === 'terms' ? <TermList rootId={selected} scopeName={scopeName} unitName={session.unitName} /> : null}
        {view === 'warnings' ? <WarningList rootId={selected} version={version} onOpen={open} /> : null}
      </section>
      {action && detail ? (
        // A new child shows in the grid below its parent, which stays selected (three branches in a row).
        action === 'create' ? <CreateOrgDialog parent={detail.org} onClose={() => setAction(null)} onDone={(_, t) => { setAction(null); changed(t); }} />
        : action === 'rename' ? <RenameOrgDialog org={detail.org} onClose={() => setAction(null)} onDone={done} />
        : action === 'move' ? <MoveOrgDialog org={detail.org} model={tree.model} onClose={() => setAction(null)} onDone={done} />
        : action === 'merge' ? <MergeOrgDialog detail={detail} model={tree.model} onClose={() => setAction(null)} onDone={done} />
        : <DissolveOrgDialog detail={detail} model={tree.model} onClose={() => setAction(null)} onDone={(o, t) => { done(o, t); if (!includeDissolved) setOrgId(o.parentId); }} />
      ) : null}
    </div>
  );
}
