import { useEffect, useMemo, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { TREE_SEARCH_LIMIT, withPaths, type TreeModel } from './org-tree-model.js';

/**
 * The tree pane's search: the core matches names and their stored pinyin initials (org.search,
 * scope-limited), the pane shows the hits with their paths. Null while the text is empty.
 */
export function useTreeSearch(model: TreeModel, query: string): { matches: Set<string> | null; capped: boolean; error: string | null } {
  const text = query.trim();
  const [hits, setHits] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!text) {
      setHits(null);
      setError(null);
      return;
    }
    let live = true;
    // A short pause in typing, then one search; the previous hits stay until it answers. A reloaded
    // tree (after an edit) searches again, since names may have changed.
    const t = window.setTimeout(() => {
      call('org.search', { text, includeDissolved: true, limit: TREE_SEARCH_LIMIT })
        .then((r) => {
          if (!live) return;
          setHits(r.map((h) => h.id));
          setError(null);
        })
        .catch((err) => live && setError(errorText(err)));
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [text, model]);

  const matches = useMemo(() => (text && hits ? withPaths(model, hits) : null), [model, text, hits]);
  return { matches, capped: (hits?.length ?? 0) >= TREE_SEARCH_LIMIT, error };
}
