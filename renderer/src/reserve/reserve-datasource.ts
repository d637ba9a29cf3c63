import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import { call, errorText } from '../api/index.js';
import type { Input } from '../../../shared/contract/index.js';

export interface ReserveQuery {
  orgId: string | null;
  text: string;
  stage: string;
}

/** Infinite row model backed by reserve.list (the core pages and limits to the subtree). */
export function reserveDatasource(q: ReserveQuery, onLoaded: (total: number) => void, onError: (message: string) => void): IDatasource {
  return {
    getRows(p: IGetRowsParams) {
      const input: Input<'reserve.list'> = {
        ...(q.orgId ? { orgId: q.orgId } : {}),
        ...(q.text.trim() ? { text: q.text.trim().slice(0, 40) } : {}),
        ...(q.stage ? { stage: q.stage as NonNullable<Input<'reserve.list'>['stage']> } : {}),
        offset: p.startRow,
        limit: Math.min(1000, Math.max(1, p.endRow - p.startRow)),
      };
      call('reserve.list', input)
        .then((r) => {
          p.successCallback(r.rows, r.total);
          onLoaded(r.total);
        })
        .catch((err) => {
          p.failCallback();
          onError(errorText(err));
        });
    },
  };
}
