import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgTreeNode } from '../../../shared/types/records.js';
import { treeRows } from '../../../shared/domain/org-tree-columns.js';
import { buildTree, type TreeModel } from './org-tree-model.js';

/** The organisation tree within the user's scope, loaded once per page (dissolved ones on request). */
export function useOrgTree({ includeDissolved = false }: { includeDissolved?: boolean } = {}): { nodes: OrgTreeNode[]; model: TreeModel; error: string | null; loading: boolean; reload: () => void } {
  const [nodes, setNodes] = useState<OrgTreeNode[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    // Columns cross the port and HTTP cheaply; the objects are built here, once per load.
    call('org.treeColumns', { includeDissolved })
      .then((r) => {
        if (!live) return;
        setNodes(treeRows(r));
        setError(null);
      })
      .catch((err) => live && setError(errorText(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [tick, includeDissolved]);

  const model = useMemo(() => buildTree(nodes), [nodes]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { nodes, model, error, loading, reload };
}
