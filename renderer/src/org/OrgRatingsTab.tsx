import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgDetail, OrgRating, OrgRectification } from '../../../shared/contract/org.js';
import { RECTIFICATION_STATUS, WEAK_CAUSE, nameOf, type WeakCause } from '../../../shared/codes/org-records.js';
import { rectificationStatusOn } from '../../../shared/domain/org-rules.js';
import { todayIso } from '../stats/format.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

const stars = (n: number | null) => (n === null ? '未评定' : '★'.repeat(n) + '☆'.repeat(5 - n));

/**
 * 星级与整顿: one rating per year (a second entry for a year corrects it), the 软弱涣散 flag, and
 * for a weak year its 整顿 record. The status of a 整顿 on a date follows from its dates.
 */
export function OrgRatingsTab({ detail, canEdit, onChanged }: { detail: OrgDetail; canEdit: boolean; onChanged: (notice: string) => void }) {
  const orgId = detail.org.id;
  const today = todayIso();
  const [data, setData] = useState<{ ratings: OrgRating[]; rectifications: OrgRectification[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const live = canEdit && !detail.org.dissolvedOn;

  useEffect(() => {
    let on = true;
    call('org.ratings', { orgId })
      .then((r) => on && (setData(r), setError(null)))
      .catch((err) => on && setError(errorText(err)));
    return () => {
      on = false;
    };
  }, [orgId, tick]);

  const changed = (text: string) => {
    setTick((t) => t + 1);
    onChanged(text);
  };
  const rectOf = (year: number) => data?.rectifications.find((r) => r.year === year) ?? null;

  return (
    <div data-testid="org-ratings">
      <ErrorMessage message={error} />
      <table className="table compact">
        <thead><tr><th>年度</th><th>星级</th><th>软弱涣散</th><th>整顿情形</th><th>整顿措施</th><th>联系县领导</th><th>整顿状态（今日）</th></tr></thead>
        <tbody>
          {data && data.ratings.length === 0 ? <tr><td colSpan={7} className="empty-cell">尚未评定星级</td></tr> : null}
          {[...(data?.ratings ?? [])].reverse().map((r) => {
            const rect = rectOf(r.year);
            return (
              <tr key={r.year} data-testid="rating-row" data-year={r.year}>
                <td>{r.year}</td>
                <td className="stars" title={r.stars === null ? '' : `${r.stars} 星`}>{stars(r.stars)}</td>
                <td>{r.weak ? <span className="tag bad">软弱涣散</span> : '否'}</td>
                <td>{rect ? rect.causes.map((c) => nameOf(WEAK_CAUSE, c)).join('；') : ''}</td>
                <td>{rect?.measures ?? ''}</td>
                <td>{rect?.leader ?? ''}</td>
                <td>{rect ? <span className="tag" data-testid="rectification-status">{nameOf(RECTIFICATION_STATUS, rectificationStatusOn(rect, today))}</span> : r.weak ? <span className="tag warn">未登记整顿</span> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {live ? <RatingForm orgId={orgId} onSaved={(r) => changed(`已评定 ${r.year} 年度：${r.stars === null ? '未定星级' : `${r.stars} 星`}${r.weak ? '，列为软弱涣散' : ''}`)} /> : null}
      {live && data?.ratings.some((r) => r.weak) ? (
        <RectificationForm key={data.ratings.filter((r) => r.weak).map((r) => r.year).join()} orgId={orgId} years={data.ratings.filter((r) => r.weak).map((r) => r.year)} existing={data.rectifications} onSaved={(r) => changed(`已登记 ${r.year} 年度整顿`)} />
      ) : null}
    </div>
  );
}

function RatingForm({ orgId, onSaved }: { orgId: string; onSaved: (r: OrgRating) => void }) {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [starCount, setStarCount] = useState('');
  const [weak, setWeak] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  return (
    <div className="sub-section">
      <h3>年度评定</h3>
      <div className="inline-form">
        <label className="inline-field">年度 <input value={year} onChange={(e) => setYear(e.target.value)} maxLength={4} size={5} data-testid="rating-year" /></label>
        <label className="inline-field">星级
          <select value={starCount} onChange={(e) => setStarCount(e.target.value)} data-testid="rating-stars">
            <option value="">未评定</option>
            {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{n} 星</option>)}
          </select>
        </label>
        <label className="inline-field"><input type="checkbox" checked={weak} onChange={(e) => setWeak(e.target.checked)} data-testid="rating-weak" /> 软弱涣散</label>
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="rating-save"
          onClick={() => {
            if (!/^\d{4}$/.test(year.trim())) return setError('年度应为 4 位数字');
            void run(async () => onSaved(await call('org.setRating', { orgId, year: Number(year), stars: starCount ? Number(starCount) : null, weak, note: null })));
          }}
        >
          保存
        </button>
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}

function RectificationForm({ orgId, years, existing, onSaved }: { orgId: string; years: number[]; existing: OrgRectification[]; onSaved: (r: OrgRectification) => void }) {
  const [year, setYear] = useState(years.at(-1)!);
  const before = existing.find((r) => r.year === year);
  const [causes, setCauses] = useState<WeakCause[]>(before?.causes ?? []);
  const [measures, setMeasures] = useState(before?.measures ?? '');
  const [leader, setLeader] = useState(before?.leader ?? '');
  const [dates, setDates] = useState({ startedOn: before?.startedOn ?? '', rectifiedOn: before?.rectifiedOn ?? '', closedOn: before?.closedOn ?? '' });
  const { busy, error, setError, run } = useSubmit();
  const pick = (y: number) => {
    const r = existing.find((x) => x.year === y);
    setYear(y);
    setCauses(r?.causes ?? []);
    setMeasures(r?.measures ?? '');
    setLeader(r?.leader ?? '');
    setDates({ startedOn: r?.startedOn ?? '', rectifiedOn: r?.rectifiedOn ?? '', closedOn: r?.closedOn ?? '' });
  };
  return (
    <div className="sub-section" data-testid="rectification-form">
      <h3>软弱涣散整顿</h3>
      <div className="inline-form">
        <label className="inline-field">年度
          <select value={year} onChange={(e) => pick(Number(e.target.value))}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </label>
        <label className="inline-field">联系县领导 <input value={leader} onChange={(e) => setLeader(e.target.value)} maxLength={32} data-testid="rectification-leader" /></label>
        {([['startedOn', '开始整顿'], ['rectifiedOn', '整顿完成'], ['closedOn', '验收销号']] as const).map(([k, label]) => (
          <label key={k} className="inline-field">{label} <input type="date" value={dates[k]} onChange={(e) => setDates({ ...dates, [k]: e.target.value })} data-testid={`rectification-${k}`} /></label>
        ))}
      </div>
      <div className="cause-list">
        {WEAK_CAUSE.map((c) => (
          <label key={c.code} className="inline-field">
            <input type="checkbox" checked={causes.includes(c.code)} onChange={(e) => setCauses(e.target.checked ? [...causes, c.code] : causes.filter((x) => x !== c.code))} data-testid={`rectification-cause-${c.code}`} />
            {c.name}
          </label>
        ))}
      </div>
      <textarea className="measures" value={measures} onChange={(e) => setMeasures(e.target.value)} maxLength={2000} rows={2} placeholder="整顿措施" data-testid="rectification-measures" />
      <div className="inline-form">
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="rectification-save"
          onClick={() => {
            if (causes.length === 0) return setError('请至少选择一项软弱涣散情形');
            void run(async () =>
              onSaved(await call('org.setRectification', { orgId, year, causes, measures: measures.trim() || null, leader: leader.trim() || null, startedOn: dates.startedOn || null, rectifiedOn: dates.rectifiedOn || null, closedOn: dates.closedOn || null })),
            );
          }}
        >
          保存整顿记录
        </button>
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}
