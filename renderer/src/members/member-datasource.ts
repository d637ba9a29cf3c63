import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { call, errorText } from '../api/index.js';
import { MEMBER_SORT_FIELDS, type MemberCursor } from '../../../shared/contract/member.js';
import type { Input } from '../../../shared/contract/index.js';

type SortField = (typeof MEMBER_SORT_FIELDS)[number];
export type MemberFilter = NonNullable<Input<'member.list'>['filter']>;

const isSortField = (f: string): f is SortField => (MEMBER_SORT_FIELDS as readonly string[]).includes(f);

/** Grid sort model → the contract's whitelisted sort (at most 3 keys). */
export function toSort(model: SortModelItem[]): { field: SortField; dir: 'asc' | 'desc' }[] {
  return model
    .filter((s) => isSortField(s.colId))
    .slice(0, 3)
    .map((s) => ({ field: s.colId as SortField, dir: s.sort }));
}

export interface DatasourceOptions {
  orgId: string | null;
  status: 'active' | 'left' | 'all';
  filter: MemberFilter;
  onLoaded: (total: number) => void;
  onError: (message: string) => void;
}

/**
 * Infinite row model backed by member.list: the core pages, sorts, filters and counts. Each answer
 * brings the cursor of the block after it, kept by start row, so scrolling on asks by keyset (an
 * index seek) and only a jump past the loaded blocks (dragging the scrollbar) asks by offset. A
 * new sort or filter makes a new datasource, so cursors never outlive their order.
 */
export function memberDatasource(o: DatasourceOptions): IDatasource {
  const cursors = new Map<number, MemberCursor>();
  let sortKey = '';
  return {
    getRows(p: IGetRowsParams) {
      const sort = toSort(p.sortModel);
      const key = JSON.stringify(sort);
      if (key !== sortKey) {
        cursors.clear();
        sortKey = key;
      }
      const after = cursors.get(p.startRow);
      const input: Input<'member.list'> = {
        ...(o.orgId ? { orgId: o.orgId } : {}),
        status: o.status,
        ...(after ? { after } : { offset: p.startRow }),
        limit: Math.min(1000, Math.max(1, p.endRow - p.startRow)),
        sort,
        filter: o.filter,
      };
      call('member.list', input)
        .then((r) => {
          if (r.next) cursors.set(p.endRow, r.next);
          p.successCallback(r.rows, r.total);
          o.onLoaded(r.total);
        })
        .catch((err) => {
          p.failCallback();
          o.onError(errorText(err));
        });
    },
  };
}
