import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../shared/contract/index.js';
import { DEFAULT_RESERVE_CHECKS } from '../../shared/domain/reserve-rules.js';
import { addDays, todayIso } from '../../shared/domain/dates.js';
import { caller, idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';

async function refusal(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

describe('村级后备力量: dated stages, checks, links, corrections', () => {
  const s = suiteLedger();
  let t: TwoTownships;
  const today = todayIso();
  const clerk = () => caller(s.core, t.clerkA.id);
  /** A reserve of 甲村 with 大学本科, born `birth`, recommended on 2024-01-02. */
  const recommend = (name: string, birth = '1995-03-04', extra: Record<string, unknown> = {}) =>
    clerk()('reserve.create', { idNumber: idFor(birth), name, villageOrgId: t.A.village.id, education: '21', direction: 'secretary', recommendedOn: '2024-01-02', ...extra });

  it('sets up two townships', async () => {
    t = await buildTwoTownships(s.core, s.adminId, s.rootId);
  });

  it('moves 推荐 → 考察 → 入库培养 → 进入两委 on dated records and refuses every other order', async () => {
    const r = await recommend('顺序');
    expect(r).toMatchObject({ stage: 'recommended', stageOn: '2024-01-02', linkedTo: null, name: '顺序', birthDate: '1995-03-04', gender: '1' });
    const move = (to: 'assessed' | 'training' | 'entered' | 'exited', onDate: string, extra = {}) => clerk()('reserve.move', { id: r.id, to, onDate, ...extra });
    expect((await refusal(move('training', '2024-02-01'))).message).toMatch(/须先经过“考察”/);
    expect((await refusal(move('assessed', '2024-01-01'))).message).toMatch(/早于上一阶段的日期 2024-01-02/);
    expect((await refusal(move('assessed', addDays(today, 1)))).message).toMatch(/晚于今天/);
    await move('assessed', '2024-01-02');
    expect((await refusal(move('assessed', '2024-02-01'))).message).toMatch(/已处于“考察”/);
    const pooled = await move('training', '2024-03-01');
    expect(pooled).toMatchObject({ stage: 'training', enteredPoolOn: '2024-03-01' });
    expect((await refusal(clerk()('reserve.move', { id: r.id, to: 'entered', onDate: '2024-05-01' } as never))).message).toMatch(/担任的职务/);
    const entered = await move('entered', '2024-05-01', { post: '村党支部委员' });
    expect(entered).toMatchObject({ stage: 'entered', exitKind: 'entered-committee', exitOn: '2024-05-01', exitPost: '村党支部委员' });
    for (const to of ['assessed', 'training', 'exited'] as const) {
      expect((await refusal(move(to, '2024-06-01', { reason: '试' }))).message).toMatch(/已进入两委，阶段不能再变/);
    }
    const { records } = await clerk()('reserve.get', { id: r.id });
    expect(records.filter((x) => x.kind === 'stage').map((x) => [x.stage, x.onDate])).toEqual([
      ['recommended', '2024-01-02'], ['assessed', '2024-01-02'], ['training', '2024-03-01'], ['entered', '2024-05-01'],
    ]);
  });

  it('调整出库 from any open stage needs a reason; a training stage cannot go back', async () => {
    const r = await recommend('出库');
    expect((await refusal(clerk()('reserve.move', { id: r.id, to: 'exited', onDate: '2024-02-01' } as never))).message).toMatch(/须填写原因/);
    const out = await clerk()('reserve.move', { id: r.id, to: 'exited', onDate: '2024-02-01', reason: '外出务工' });
    expect(out).toMatchObject({ stage: 'exited', exitKind: 'adjusted', exitReason: '外出务工' });
    const r2 = await recommend('不倒退');
    await clerk()('reserve.move', { id: r2.id, to: 'assessed', onDate: '2024-02-01' });
    await clerk()('reserve.move', { id: r2.id, to: 'training', onDate: '2024-03-01' });
    expect((await refusal(clerk()('reserve.move', { id: r2.id, to: 'assessed', onDate: '2024-04-01' }))).message).toMatch(/不能倒退/);
  });

  it('the age check warns on the 41st birthday, not the day before; a reason lets it through and is kept', async () => {
    // Born 1983-06-01: 40 on 2024-05-31, 41 on 2024-06-01.
    const r = await recommend('年龄', '1983-06-01');
    await clerk()('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-05-31' });
    const err = await refusal(clerk()('reserve.move', { id: r.id, to: 'training', onDate: '2024-06-01' }));
    expect(err.code).toBe('RULE_WARNING');
    expect(err.message).toMatch(/村党组织书记后备人选年龄不超过40岁（2024-06-01时41岁/);
    expect((err.details as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['age']);
    await clerk()('reserve.move', { id: r.id, to: 'training', onDate: '2024-06-01', acknowledge: '致富带头人，群众公认，经乡党委研究放宽' });
    const { records } = await clerk()('reserve.get', { id: r.id });
    const training = records.find((x) => x.stage === 'training')!;
    expect(training.reason).toBe('致富带头人，群众公认，经乡党委研究放宽');
    expect(training.findings).toEqual([expect.objectContaining({ ruleId: 'age', rule: '村党组织书记后备人选年龄不超过40岁' })]);
    const audit = await s.core.db.selectFrom('auditLog').select(['after']).where('entity', '=', 'reserveRecord').where('entityId', '=', training.id).executeTakeFirstOrThrow();
    expect(audit.after).toContain('经乡党委研究放宽');
  });

  it('education up to 35 and the negative list, on their boundary days; limits are settings a county administrator edits', async () => {
    // 中专, born 1988-03-01: 35 on 2024-02-29 (warns), 36 on 2024-03-01 (passes).
    const young = await recommend('学历', '1988-03-01', { education: '41' });
    await clerk()('reserve.move', { id: young.id, to: 'assessed', onDate: '2024-02-28', acknowledge: '正在读大专函授' });
    expect((await refusal(clerk()('reserve.move', { id: young.id, to: 'training', onDate: '2024-02-29' }))).message).toMatch(/学历为中专，低于大学专科/);
    await clerk()('reserve.move', { id: young.id, to: 'training', onDate: '2024-03-01' });

    const neg = await recommend('负面');
    await clerk()('reserve.addRecord', { reserveId: neg.id, kind: 'negative', code: 'unqualified', onDate: '2019-06-02', content: '民主评议为不合格党员' });
    expect((await refusal(clerk()('reserve.addRecord', { reserveId: neg.id, kind: 'negative', code: 'nonsense', onDate: '2019-06-02', content: 'x' }))).message).toMatch(/负面清单中没有这一情形/);
    // 2024-06-01 is within 5 years of 2019-06-02; 2024-06-02 is exactly 5 years on, outside.
    expect((await refusal(clerk()('reserve.move', { id: neg.id, to: 'assessed', onDate: '2024-06-01' }))).message).toMatch(/负面清单：近5年内被评为不合格党员（2019-06-02记有/);
    await clerk()('reserve.move', { id: neg.id, to: 'assessed', onDate: '2024-06-02' });

    // Entry into 两委 straight from 考察 warns; the county turns that check off and it passes.
    const quick = await recommend('直接进入');
    await clerk()('reserve.move', { id: quick.id, to: 'assessed', onDate: '2024-02-01' });
    expect((await refusal(clerk()('reserve.move', { id: quick.id, to: 'entered', onDate: '2024-03-01', post: '委员' }))).message).toMatch(/进入两委须经入库培养/);
    expect((await refusal(clerk()('settings.update', { reserveChecks: { ...DEFAULT_RESERVE_CHECKS, entryOnlyFromTraining: false } }))).code).toBe('FORBIDDEN');
    await s.admin('settings.update', { reserveChecks: { ...DEFAULT_RESERVE_CHECKS, entryOnlyFromTraining: false, posts: { ...DEFAULT_RESERVE_CHECKS.posts, secretary: { ...DEFAULT_RESERVE_CHECKS.posts.secretary, maxAge: 42 } } } });
    await clerk()('reserve.move', { id: quick.id, to: 'entered', onDate: '2024-03-01', post: '委员' });
    const older = await recommend('放宽', '1982-06-01');
    await clerk()('reserve.move', { id: older.id, to: 'assessed', onDate: '2024-06-01' });
    await s.admin('settings.update', { reserveChecks: DEFAULT_RESERVE_CHECKS });
  });

  it('a reserve who is a member in scope is linked by the ID number and carries no copy of the person', async () => {
    const member = await s.admin('member.create', { idNumber: idFor('1990-07-07', false), name: '党员后备', gender: '2', birthDate: '1990-07-07', education: '21', category: 'formal', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', orgId: t.A.village.id });
    const r = await clerk()('reserve.create', { idNumber: member.idNumber, villageOrgId: t.A.village.id, source: '04' });
    expect(r).toMatchObject({ linkedTo: 'member', memberId: member.id, name: '党员后备', gender: '2', birthDate: '1990-07-07', education: '21', politicalStatus: '01' });
    const stored = await s.core.db.selectFrom('reserves').select(['name', 'gender', 'birthDate', 'education']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: null, gender: null, birthDate: null, education: null });
    expect((await refusal(clerk()('reserve.update', { id: r.id, patch: { name: '另一个名字' } }))).message).toMatch(/以党员名册为准/);
    await s.admin('member.update', { id: member.id, patch: { education: '31' } });
    expect((await clerk()('reserve.get', { id: r.id })).reserve.education).toBe('31');
    // The same ID number in 乙乡 is not linked for 甲乡's clerk, and nothing of that person is shown.
    const err = await refusal(clerk()('reserve.create', { idNumber: t.B.member.idNumber, villageOrgId: t.A.village.id }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).not.toContain(t.B.member.name);
    const own = await clerk()('reserve.create', { idNumber: t.B.member.idNumber, name: '自填姓名', villageOrgId: t.A.village.id });
    expect(own).toMatchObject({ linkedTo: null, name: '自填姓名' });
  });

  it('refuses other townships, non-village organisations and duplicate ID numbers', async () => {
    expect((await refusal(clerk()('reserve.create', { idNumber: idFor('1996-01-01'), name: '越界', villageOrgId: t.B.village.id }))).code).toBe('FORBIDDEN');
    expect((await refusal(clerk()('reserve.create', { idNumber: idFor('1996-01-01'), name: '乡党委', villageOrgId: t.A.town.id }))).message).toMatch(/不是村党组织/);
    const r = await recommend('重复');
    expect((await refusal(recommend('重复', '1995-03-04', { idNumber: r.idNumber }))).code).toBe('CONFLICT');
    expect((await refusal(clerk()('reserve.update', { id: r.id, patch: { villageOrgId: t.B.village.id } }))).code).toBe('FORBIDDEN');
    expect((await refusal(clerk()('reserve.move', { id: t.B.reserve.id, to: 'exited', onDate: today, reason: 'x' }))).code).toBe('FORBIDDEN');
  });

  it('records measures, rotations and the mentor as dated records; a wrong one is voided, a wrong stage corrected by an administrator', async () => {
    const r = await recommend('纪实');
    await clerk()('reserve.addRecord', { reserveId: r.id, kind: 'mentor', onDate: '2024-01-10', content: '王书记' });
    const second = await clerk()('reserve.addRecord', { reserveId: r.id, kind: 'mentor', onDate: '2024-04-10', content: '李主任' });
    await clerk()('reserve.addRecord', { reserveId: r.id, kind: 'measure', onDate: '2024-02-10', content: '参加乡镇集中培训3天' });
    await clerk()('reserve.addRecord', { reserveId: r.id, kind: 'rotation', onDate: '2024-03-10', content: '便民服务站跟岗', post: '代办员' });
    expect((await clerk()('reserve.get', { id: r.id })).reserve.mentor).toBe('李主任');
    await clerk()('reserve.voidRecord', { id: second.id, reason: '录错联系人' });
    const got = await clerk()('reserve.get', { id: r.id });
    expect(got.reserve.mentor).toBe('王书记');
    expect(got.records.find((x) => x.id === second.id)).toMatchObject({ voidReason: '录错联系人' });
    const stage = got.records.find((x) => x.kind === 'stage')!;
    expect((await refusal(clerk()('reserve.voidRecord', { id: stage.id, reason: 'x' }))).message).toMatch(/阶段记录不能作废/);

    await clerk()('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-05-01' });
    await clerk()('reserve.move', { id: r.id, to: 'training', onDate: '2024-06-01' });
    expect((await refusal(clerk()('reserve.correctStage', { id: r.id, toStage: 'assessed', reason: '入库日期录错' }))).code).toBe('FORBIDDEN');
    const corrected = await s.admin('reserve.correctStage', { id: r.id, toStage: 'assessed', reason: '入库日期录错' });
    expect(corrected).toMatchObject({ stage: 'assessed', enteredPoolOn: null });
    const again = await clerk()('reserve.move', { id: r.id, to: 'training', onDate: '2024-06-15' });
    expect(again.enteredPoolOn).toBe('2024-06-15');
    const audit = await s.core.db.selectFrom('auditLog').select(['after']).where('method', '=', 'reserve.correctStage').where('entity', '=', 'reserve').executeTakeFirstOrThrow();
    expect(audit.after).toContain('入库日期录错');
  });

  it('the board counts stages per village and flags a village without a secretary reserve until one is pooled', async () => {
    const spare = t.A.spare.id;
    const village = async () => (await clerk()('reserve.board', { orgId: t.A.town.id })).villages.find((v) => v.orgId === spare)!;
    expect(await village()).toMatchObject({ secretaryReserves: 0, stages: { recommended: 0, training: 0 } });
    const r = await clerk()('reserve.create', { idNumber: idFor('1994-02-02'), name: '看板', villageOrgId: spare, direction: 'secretary', education: '21', recommendedOn: '2024-01-05' });
    expect((await village()).stages.recommended).toBe(1);
    await clerk()('reserve.move', { id: r.id, to: 'assessed', onDate: '2024-02-01' });
    await clerk()('reserve.move', { id: r.id, to: 'training', onDate: '2024-03-01' });
    expect(await village()).toMatchObject({ secretaryReserves: 1, stages: { recommended: 0, training: 1 } });
    const board = await clerk()('reserve.board', { orgId: t.A.town.id });
    const y2024 = board.years.find((y) => y.year === 2024)!;
    expect(y2024.entered).toBeGreaterThanOrEqual(2);
    expect(y2024.ratio).toBe(Math.round((y2024.entered / y2024.pool) * 1000) / 10);
    expect(board.villages.every((v) => v.townName === t.A.town.shortName)).toBe(true);
  });
});
