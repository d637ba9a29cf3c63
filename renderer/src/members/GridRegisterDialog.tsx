import { useEffect, useMemo, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { GridUnit } from '../../../shared/contract/grid.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** 登记网格: the selected members registered with one grid unit (or with none), one change set. */
export function GridRegisterDialog({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: (message: string) => void }) {
  const [grids, setGrids] = useState<GridUnit[] | null>(null);
  const [text, setText] = useState('');
  const [gridId, setGridId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('grid.tree', {})
      .then((g) => setGrids(g.filter((x) => !x.dissolvedOn)))
      .catch((err) => setError(errorText(err)));
  }, []);
  const shown = useMemo(() => (grids ?? []).filter((g) => g.name.includes(text.trim())).slice(0, 200), [grids, text]);

  const save = async (target: string | null) => {
    setBusy(true);
    try {
      const r = await call('member.registerGrid', { ids, gridId: target });
      const name = grids?.find((g) => g.id === target)?.name;
      onDone(target ? `已将 ${r.updated} 名党员登记到网格“${name ?? ''}”（自今天起）` : `已取消 ${r.updated} 名党员的网格登记`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`登记网格（已选 ${ids.length} 人）`} onClose={onClose} testId="grid-register-dialog">
      <div className="dialog-body">
        <input type="search" placeholder="输入网格名称查找" value={text} onChange={(e) => setText(e.target.value)} data-testid="grid-register-search" maxLength={40} />
        <select size={8} value={gridId} onChange={(e) => setGridId(e.target.value)} className="grid-register-list" data-testid="grid-register-select">
          {shown.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        {grids !== null && shown.length === 0 ? <div className="muted">没有找到网格单元</div> : null}
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={() => void save(null)} disabled={busy} data-testid="grid-register-clear">
            取消登记
          </button>
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>
            关闭
          </button>
          <button type="button" className="primary" disabled={busy || !gridId} onClick={() => void save(gridId)} data-testid="grid-register-submit">
            {busy ? '正在登记…' : '登记'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
