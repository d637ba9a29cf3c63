import { describe, expect, it } from 'vitest';
import { CODE_TABLES } from '../codes/tables.js';
import { applyEvent, kindsAllowed, openingOf, replay, rowOf, type HistoryEvent, type HistoryKind, type HistoryState, type MemberStatus, type Opening, type RowFacts } from './member-history.js';

const NAMES = Object.fromEntries(CODE_TABLES['member-event'].table.map((e) => [e.code, e.name]));
const TODAY = '2025-06-15';
const person = { birthDate: '1980-01-01' };

const flags = { mobile: false, mobileSince: null, mobilePlace: null, lostContact: false, lostSince: null, lostCircumstance: null };
function state(status: MemberStatus, extra: Partial<HistoryState> = {}): HistoryState {
  const category = status === 'probationary' ? 'probationary' : 'formal';
  return { status, orgId: 'o1', category, joinedOn: '2020-01-01', confirmedOn: category === 'formal' ? '2021-01-01' : null, leftOn: null, leftReason: null, extensionMonths: 0, ...flags, ...extra };
}
let n = 0;
const ev = (kind: string, onDate: string, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({ id: `e${++n}`, kind, onDate, orgId: 'o1', otherParty: null, note: null, createdAt: `2025-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, data: null, ...extra });

const STATUSES: MemberStatus[] = ['none', 'probationary', 'formal', 'suspended', 'left', 'transferred-out', 'deceased'];
const LEAVING_TO_LEFT = ['expelled', 'withdrawn', 'persuaded-out', 'removed', 'self-left', 'not-recognised'];

/** DOMAIN.md §3: from which states each event may come, and the state it leads to. */
const TABLE: Record<HistoryKind, Partial<Record<MemberStatus, MemberStatus>>> = {
  admitted: { none: 'probationary', left: 'probationary' },
  confirmed: { probationary: 'formal' },
  'probation-extended': { probationary: 'probationary' },
  'probation-cancelled': { probationary: 'left' },
  'transfer-in': { none: 'formal', 'transferred-out': 'formal' },
  'transfer-out': { probationary: 'transferred-out', formal: 'transferred-out' },
  suspended: { formal: 'suspended' },
  restored: { suspended: 'formal' },
  deceased: { probationary: 'deceased', formal: 'deceased', suspended: 'deceased' },
  mobile: { probationary: 'probationary', formal: 'formal' },
  'lost-contact': { probationary: 'probationary', formal: 'formal' },
  returned: {},
  'contact-restored': {},
  ...Object.fromEntries(LEAVING_TO_LEFT.map((k) => [k, { probationary: 'left', formal: 'left', suspended: 'left' }])),
} as Record<HistoryKind, Partial<Record<MemberStatus, MemberStatus>>>;

describe('member state machine: every event from every state (DOMAIN.md §3)', () => {
  const cases = Object.entries(TABLE).flatMap(([kind, to]) => STATUSES.map((from) => [kind, from, to[from] ?? null] as const));
  it.each(cases)('%s from %s → %s', (kind, from, to) => {
    const r = applyEvent(state(from), ev(kind, '2024-05-01', kind === 'transfer-in' && from === 'none' ? { data: { category: 'formal' } } : {}), person, TODAY, NAMES);
    if (to === null) {
      expect('refusal' in r ? r.refusal : null, `${kind} from ${from}`).toBeTruthy();
    } else {
      expect('state' in r ? r.state.status : r.refusal).toBe(to);
    }
  });

  it('the flag events: 返回 only while 流动, 恢复联系 only while 失联; twice 流动 is refused', () => {
    const mobile = state('formal', { mobile: true, mobileSince: '2023-01-01' });
    expect(applyEvent(mobile, ev('returned', '2024-01-01'), person, TODAY, NAMES)).toMatchObject({ state: { mobile: false } });
    expect(applyEvent(mobile, ev('mobile', '2024-01-01'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/请先登记返回/) });
    expect(applyEvent(state('formal'), ev('returned', '2024-01-01'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/不是流动党员/) });
    expect(applyEvent(state('formal', { lostContact: true }), ev('contact-restored', '2024-01-01'), person, TODAY, NAMES)).toMatchObject({ state: { lostContact: false } });
  });

  it('nothing after 死亡; 恢复党籍 only after 停止党籍; no date after today; 2023-02-31 is no date', () => {
    expect(applyEvent(state('deceased', { leftOn: '2024-01-01' }), ev('restored', '2024-05-01'), person, TODAY, NAMES)).toEqual({ refusal: '该党员已于2024-01-01去世，之后不能再登记任何变动' });
    expect(applyEvent(state('formal'), ev('restored', '2024-05-01'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/只能用于停止党籍/) });
    expect(applyEvent(state('formal'), ev('deceased', '2099-01-01'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/晚于今天/) });
    expect(applyEvent(state('formal'), ev('deceased', '2023-02-31'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/日期不存在/) });
  });

  it('发展: 18 on the 入党日期, not after the approval; 转正 after 入党 (R12 early is a warning); 延长 once, 6–12 months', () => {
    expect(applyEvent(state('none'), ev('admitted', '2024-05-01', { data: { joinedOn: '2024-03-01' } }), { birthDate: '2006-04-01' }, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/未满18周岁/) });
    expect(applyEvent(state('none'), ev('admitted', '2024-05-01', { data: { joinedOn: '2024-06-01' } }), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/晚于党委审批日期/) });
    const p = state('probationary', { joinedOn: '2024-03-01' });
    expect(applyEvent(p, ev('confirmed', '2024-02-01'), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/不能早于或等于入党日期/) });
    expect(applyEvent(p, ev('confirmed', '2024-12-01'), person, TODAY, NAMES)).toMatchObject({ state: { status: 'formal', confirmedOn: '2024-12-01' }, warning: expect.stringMatching(/^R12/) });
    expect(applyEvent(p, ev('confirmed', '2025-03-01'), person, TODAY, NAMES)).not.toHaveProperty('warning');
    expect(applyEvent(p, ev('probation-extended', '2025-03-01', { data: { months: 13 } }), person, TODAY, NAMES)).toMatchObject({ refusal: expect.stringMatching(/R13/) });
    expect(applyEvent({ ...p, extensionMonths: 6 }, ev('probation-extended', '2025-03-01', { data: { months: 6 } }), person, TODAY, NAMES)).toMatchObject({ refusal: '预备期只能延长一次（R13）' });
    // With 6 months more, 转正 on 2025-05-01 is early; on 2025-09-01 it is not.
    const ext = { ...p, extensionMonths: 6 };
    expect(applyEvent(ext, ev('confirmed', '2025-05-01'), person, TODAY, NAMES)).toHaveProperty('warning');
  });
});

describe('replaying a history', () => {
  const none: Opening = { status: 'none', orgId: 'o1', category: 'probationary', joinedOn: null, confirmedOn: null, leftOn: null, leftReason: null, ...flags };

  it('gives the row: a move between branches, 停止 and 恢复', () => {
    const evs = [ev('admitted', '2010-07-01'), ev('confirmed', '2011-07-01'), ev('transfer-out', '2015-03-01', { createdAt: 'x' }), ev('transfer-in', '2015-03-01', { orgId: 'o2', createdAt: 'x' }), ev('suspended', '2020-01-01'), ev('restored', '2021-01-01')];
    const r = replay(none, evs, person, TODAY, NAMES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(rowOf(r.state)).toMatchObject({ orgId: 'o2', category: 'formal', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', status: 'active', leftOn: null });
    expect(r.steps.map((s) => s.after)).toEqual(['probationary', 'formal', 'transferred-out', 'formal', 'suspended', 'formal']);
  });

  it('an event inserted among others must keep the whole history possible', () => {
    const evs = [ev('admitted', '2010-07-01'), ev('confirmed', '2011-07-01'), ev('deceased', '2020-01-01')];
    expect(replay(none, [...evs, ev('mobile', '2015-01-01', { otherParty: '乌鲁木齐' })], person, TODAY, NAMES).ok).toBe(true);
    const late = replay(none, [...evs, ev('mobile', '2021-01-01')], person, TODAY, NAMES);
    expect(late).toMatchObject({ ok: false, message: expect.stringMatching(/^2021-01-01 外出流动：该党员已于2020-01-01去世/) });
    // 停止党籍 before the 转正 it needs.
    expect(replay(none, [...evs, ev('suspended', '2011-01-01')], person, TODAY, NAMES)).toMatchObject({ ok: false, message: expect.stringMatching(/停止党籍只能用于正式党员/) });
  });

  it('the kinds a clerk may record now follow from the state', () => {
    expect(kindsAllowed(state('suspended'))).toEqual(['restored', ...LEAVING_TO_LEFT, 'deceased']);
    expect(kindsAllowed(state('probationary', { extensionMonths: 6 }))).not.toContain('probation-extended');
    expect(kindsAllowed(state('formal', { mobile: true }))).toContain('returned');
    expect(kindsAllowed(state('deceased'))).toEqual([]);
  });
});

describe('the opening of a record begun before the ledger', () => {
  const row = (extra: Partial<RowFacts> = {}): RowFacts => ({ orgId: 'o1', category: 'formal', joinedOn: '1985-07-01', confirmedOn: '1986-07-01', status: 'active', leftOn: null, leftReason: null, ...flags, ...extra });

  it('no events: the row is the state', () => {
    expect(openingOf(row({ status: 'left', leftOn: '2020-01-01', leftReason: 'deceased' }), [])).toMatchObject({ status: 'deceased' });
  });

  it('a first 转出 (the old branch), a 流动 that is on now (off at the start), a 转正 (预备 at the start)', () => {
    const o = openingOf(row({ orgId: 'o2', mobile: true, mobileSince: '2022-01-01' }), [ev('transfer-out', '2015-03-01', { orgId: 'o1' }), ev('transfer-in', '2015-03-01', { orgId: 'o2' }), ev('mobile', '2022-01-01')]);
    expect(o).toMatchObject({ status: 'formal', orgId: 'o1', mobile: false, confirmedOn: '1986-07-01' });
    expect(openingOf(row(), [ev('confirmed', '1986-07-01')])).toMatchObject({ status: 'probationary', confirmedOn: null });
    expect(openingOf(row(), [ev('admitted', '1985-07-01')])).toMatchObject({ status: 'none' });
  });

  it('kept in an event, it wins over the row', () => {
    const kept: Opening = { status: 'formal', orgId: 'o9', category: 'formal', joinedOn: '1990-01-01', confirmedOn: '1991-01-01', leftOn: null, leftReason: null, ...flags };
    expect(openingOf(row(), [ev('mobile', '2022-01-01', { data: { opening: kept } })])).toEqual(kept);
  });
});
