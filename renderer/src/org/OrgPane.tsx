import { ErrorMessage } from '../ui/ErrorMessage.js';
import { OrgTree } from './OrgTree.js';
import type { useOrgTree } from './use-org-tree.js';

/** The left pane of a page that works on one subtree: the organisation tree and "显示全部". */
export function OrgPane({ tree, orgId, onSelect }: { tree: ReturnType<typeof useOrgTree>; orgId: string | null; onSelect: (id: string | null) => void }) {
  return (
    <aside className="members-tree">
      <div className="pane-title">
        组织
        {orgId ? (
          <button type="button" className="link small" onClick={() => onSelect(null)} data-testid="org-clear">
            显示全部
          </button>
        ) : null}
      </div>
      <ErrorMessage message={tree.error} testId="org-tree-error" />
      {tree.loading && tree.nodes.length === 0 ? <div className="muted pad">正在加载组织…</div> : null}
      <OrgTree model={tree.model} selectedId={orgId} onSelect={onSelect} />
    </aside>
  );
}
