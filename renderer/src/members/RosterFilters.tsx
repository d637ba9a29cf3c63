import { AGE_BANDS } from '../../../shared/reports/bands.js';
import { CATEGORY_NAMES, EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, JOB_CATEGORY_NAMES, optionsOf } from '../codes/code-names.js';
import type { MemberFilter } from './member-datasource.js';

type Status = 'active' | 'left' | 'all';

function Pick({ label, value, options, onChange, testId }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="filter-pick">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'yes' : 'no');
const toBool = (v: string) => (v === '' ? undefined : v === 'yes');

/** The statistics' age bands (STATISTICS.md) as inclusive ranges of whole years. */
const AGES = AGE_BANDS.map((b) => {
  const w = (b.where ?? {}) as { min?: number; max?: number };
  return { key: b.key, label: b.label, min: w.min, max: w.max };
});
const ageKey = (f: MemberFilter) => AGES.find((b) => b.min === f.ageMin && b.max === f.ageMax)?.key ?? '';

/** The roster's filters, each a field of member.list's filter (the core filters, by index where it can). */
export function RosterFilters({ filter, status, onChange, onStatus }: { filter: MemberFilter; status: Status; onChange: (f: MemberFilter) => void; onStatus: (s: Status) => void }) {
  const set = (patch: Partial<MemberFilter>) => {
    const next: Record<string, unknown> = { ...filter, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(next as MemberFilter);
  };
  const active = Object.keys(filter).some((k) => k !== 'text') || status !== 'active';
  return (
    <div className="roster-filters" data-testid="roster-filters">
      <Pick label="人员类别" value={filter.category ?? ''} options={optionsOf(CATEGORY_NAMES)} onChange={(v) => set({ category: (v || undefined) as MemberFilter['category'] })} testId="filter-category" />
      <Pick label="性别" value={filter.gender ?? ''} options={optionsOf(GENDER_NAMES).filter((o) => o.value === '1' || o.value === '2')} onChange={(v) => set({ gender: v || undefined })} testId="filter-gender" />
      <Pick label="民族" value={filter.ethnicity ?? ''} options={optionsOf(ETHNICITY_NAMES)} onChange={(v) => set({ ethnicity: v || undefined })} testId="filter-ethnicity" />
      <Pick
        label="年龄"
        value={ageKey(filter)}
        options={AGES.map((b) => ({ value: b.key, label: b.label }))}
        onChange={(v) => {
          const band = AGES.find((b) => b.key === v);
          set({ ageMin: band?.min, ageMax: band?.max });
        }}
        testId="filter-age"
      />
      <Pick label="学历" value={filter.education ?? ''} options={optionsOf(EDUCATION_NAMES)} onChange={(v) => set({ education: v || undefined })} testId="filter-education" />
      <Pick label="工作岗位" value={filter.jobCategory ?? ''} options={optionsOf(JOB_CATEGORY_NAMES)} onChange={(v) => set({ jobCategory: v || undefined })} testId="filter-job" />
      <Pick label="流动党员" value={yesNo(filter.mobile)} options={YES_NO} onChange={(v) => set({ mobile: toBool(v) })} testId="filter-mobile" />
      <Pick label="失联党员" value={yesNo(filter.lostContact)} options={YES_NO} onChange={(v) => set({ lostContact: toBool(v) })} testId="filter-lost" />
      <Pick label="在党50年" value={yesNo(filter.fiftyYears)} options={YES_NO} onChange={(v) => set({ fiftyYears: toBool(v) })} testId="filter-fifty" />
      <Pick
        label="网格"
        value={filter.hasGrid === undefined ? '' : filter.hasGrid ? 'yes' : 'no'}
        options={[
          { value: 'yes', label: '已登记网格' },
          { value: 'no', label: '未登记网格' },
        ]}
        onChange={(v) => set({ hasGrid: toBool(v) })}
        testId="filter-grid"
      />
      <label className="filter-pick">
        <span>党籍</span>
        <select value={status} onChange={(e) => onStatus(e.target.value as Status)} data-testid="filter-status">
          <option value="active">在册党员</option>
          <option value="left">已离开（出党、死亡、转出）</option>
          <option value="all">全部</option>
        </select>
      </label>
      {active ? (
        <button
          type="button"
          className="link small"
          onClick={() => {
            onChange(filter.text ? { text: filter.text } : {});
            onStatus('active');
          }}
          data-testid="filter-clear"
        >
          清除筛选
        </button>
      ) : null}
    </div>
  );
}
