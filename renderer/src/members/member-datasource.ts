import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { call, errorText } from '../api/index.js';
import { MEMBER_SORT_FIELDS } from '../../../shared/contract/member.js';
import type { Input } from '../../../shared/contract/index.js';

type SortField = (typeof MEMBER_SORT_FIELDS)[number];
type MemberFilter = NonNullable<Input<'member.list'>['filter']>;

const isSortField = (f: string): f is SortField => (MEMBER_SORT_FIELDS as readonly string[]).includes(f);

/** Grid sort model → the contract's whitelisted sort (at most 3 keys). */
export function toSort(model: SortModelItem[]): { field: SortField; dir: 'asc' | 'desc' }[] {
  return model
    .filter((s) => isSortField(s.colId))
    .slice(0, 3)
    .map((s) => ({ field: s.colId as SortField, dir: s.sort }));
}

/** Grid filter model (our column filters) → the contract's filter fields. */
export function toFilter(model: Record<string, unknown>, text: string): MemberFilter {
  const f: MemberFilter = {};
  if (text.trim()) f.text = text.trim().slice(0, 40);
  const name = model['name'] as { filter?: unknown } | undefined;
  if (name && typeof name.filter === 'string' && name.filter.trim()) f.name = name.filter.trim().slice(0, 40);
  const gender = model['gender'] as { value?: string } | undefined;
  if (gender?.value) f.gender = gender.value;
  const category = model['category'] as { value?: string } | undefined;
  if (category?.value === 'formal' || category?.value === 'probationary') f.category = category.value;
  return f;
}

export interface DatasourceOptions {
  orgId: string | null;
  text: string;
  onLoaded: (total: number) => void;
  onError: (message: string) => void;
}

/** Infinite row model backed by member.list: the core pages, sorts and filters. */
export function memberDatasource(o: DatasourceOptions): IDatasource {
  return {
    getRows(p: IGetRowsParams) {
      const input: Input<'member.list'> = {
        ...(o.orgId ? { orgId: o.orgId } : {}),
        offset: p.startRow,
        limit: Math.min(1000, Math.max(1, p.endRow - p.startRow)),
        sort: toSort(p.sortModel),
        filter: toFilter(p.filterModel as Record<string, unknown>, o.text),
      };
      call('member.list', input)
        .then((r) => {
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
