import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { useSubmit } from '../ui/use-submit.js';
import { RESERVE_DIRECTIONS, reserveChecksFrom, type ReserveChecks } from '../../../shared/domain/reserve-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { DIRECTION_NAMES } from './reserve-names.js';

const BUCKETS: Record<number, string> = { 1: '研究生', 2: '大学本科', 3: '大学专科', 4: '中专', 5: '高中、中技', 6: '初中及以下' };
const LIMIT_FIELDS = [
  ['maxAge', '年龄上限'],
  ['exceptionalMaxAge', '特殊情况上限'],
  ['educationUpToAge', '学历要求适用至（岁）'],
] as const;

/** 后备力量核对条件: a county administrator sets the local limits (settings key reserveChecks). */
export function ChecksDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [c, setC] = useState<ReserveChecks | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    call('settings.get', {})
      .then((s) => setC(reserveChecksFrom(s.reserveChecks)))
      .catch((err) => setLoadError(errorText(err)));
  }, []);

  if (!c) return <Dialog title="后备力量核对条件" onClose={onClose} testId="reserve-checks"><ErrorMessage message={loadError} /></Dialog>;
  const toggle = (k: 'ageEnabled' | 'educationEnabled' | 'negativeEnabled' | 'entryOnlyFromTraining', label: string) => (
    <label className="check">
      <input type="checkbox" checked={c[k]} onChange={(e) => setC({ ...c, [k]: e.target.checked })} data-testid={`check-${k}`} /> {label}
    </label>
  );

  return (
    <Dialog title="后备力量核对条件" onClose={onClose} testId="reserve-checks" wide>
      <p className="muted">不符合条件时系统给出提示，经办人写明理由后仍可继续；理由随记录保存。</p>
      <div className="check-row">
        {toggle('ageEnabled', '核对年龄')}
        {toggle('educationEnabled', '核对学历')}
        {toggle('negativeEnabled', '核对负面清单')}
        {toggle('entryOnlyFromTraining', '进入两委须经入库培养')}
      </div>
      <table className="board-table">
        <thead>
          <tr>
            <th>培养方向</th>
            {LIMIT_FIELDS.map(([, label]) => (
              <th key={label}>{label}</th>
            ))}
            <th>最低学历</th>
          </tr>
        </thead>
        <tbody>
          {RESERVE_DIRECTIONS.map((d) => (
            <tr key={d}>
              <td>{DIRECTION_NAMES[d]}</td>
              {LIMIT_FIELDS.map(([k]) => (
                <td key={k}>
                  <input type="number" min={18} max={70} value={c.posts[d][k]} onChange={(e) => setC({ ...c, posts: { ...c.posts, [d]: { ...c.posts[d], [k]: Number(e.target.value) } } })} data-testid={`limit-${d}-${k}`} className="num-input" />
                </td>
              ))}
              <td>
                <select value={c.posts[d].minEducationBucket} onChange={(e) => setC({ ...c, posts: { ...c.posts, [d]: { ...c.posts[d], minEducationBucket: Number(e.target.value) } } })}>
                  {Object.entries(BUCKETS).map(([v, n]) => (
                    <option key={v} value={v}>
                      {n}及以上
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="section-title">负面清单</h3>
      <table className="board-table">
        <thead>
          <tr>
            <th>启用</th>
            <th>情形</th>
            <th>追溯年限（空为不限）</th>
          </tr>
        </thead>
        <tbody>
          {c.negativeList.map((n, i) => {
            const put = (patch: Partial<typeof n>) => setC({ ...c, negativeList: c.negativeList.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <tr key={n.code}>
                <td>
                  <input type="checkbox" checked={n.enabled} onChange={(e) => put({ enabled: e.target.checked })} />
                </td>
                <td>
                  <input value={n.name} maxLength={40} onChange={(e) => put({ name: e.target.value })} />
                </td>
                <td>
                  <input type="number" min={1} max={50} className="num-input" value={n.years ?? ''} onChange={(e) => put({ years: e.target.value === '' ? null : Number(e.target.value) })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage message={error} />
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={busy} data-testid="reserve-checks-save" onClick={() => void run(async () => { await call('settings.update', { reserveChecks: c }); onSaved(); })}>
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
    </Dialog>
  );
}
