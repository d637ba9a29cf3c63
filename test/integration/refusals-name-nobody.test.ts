import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { LedgerError, type CoreMethod, type Input } from '../../shared/contract/index.js';
import { buildTwoTownships, type TwoTownships } from '../helpers/county.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

async function refusal<K extends CoreMethod>(core: Core, userId: string, method: K, input: Input<K>): Promise<LedgerError> {
  try {
    await core.dispatch(userId, method, input);
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error(`${method} was not refused`);
}

/** A roster naming one person, as the page uploads it. */
function roster(name: string, idNumber: string, org: string) {
  const csv = `\uFEFF姓名,公民身份号码,所在党组织,人员类别,入党日期\r\n${name},${idNumber},${org},正式党员,2005-07-01\r\n`;
  return { name: 'members.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') };
}

/**
 * 等保 2.0: personal data is not shown outside a user's scope, not even in an error message. A 甲乡
 * clerk who types an ID number registered in 乙乡 learns only that another unit has it; inside the
 * scope the person may still be named, since the clerk can see them anyway.
 */
describe('refusals name nobody outside the caller\'s scope', () => {
  const tmp = tempDir();
  let core: Core;
  let t: TwoTownships;
  let adminId: string;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    adminId = made.adminId;
    t = await buildTwoTownships(core, adminId, made.rootId);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  const nothingOf乙 = (err: LedgerError) => expect(err.message + JSON.stringify(err.details ?? null)).not.toMatch(/乙/);

  it('member.create with an ID number of 乙乡: "registered in another unit", no name', async () => {
    const input = { idNumber: t.B.member.idNumber, name: '随便', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: t.A.village.id } as const;
    const err = await refusal(core, t.clerkA.id, 'member.create', input);
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('已在其他单位的党员名册中登记');
    nothingOf乙(err);
    // The county clerk sees 乙乡 anyway: told who and where.
    const county = await refusal(core, adminId, 'member.create', input);
    expect(county.message).toContain(`（${t.B.member.name}，${t.B.village.name}）`);
  });

  it('member.create with an ID number of 甲乡 still names the person to a 甲乡 clerk', async () => {
    const err = await refusal(core, t.clerkA.id, 'member.create', { idNumber: t.A.member.idNumber, name: '随便', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: t.A.village.id });
    expect(err.message).toContain(t.A.member.name);
  });

  it('pipeline.create and reserve.create with ID numbers of 乙乡 name nobody', async () => {
    const dev = await refusal(core, t.clerkA.id, 'pipeline.create', { idNumber: t.B.dev.idNumber, name: '随便', orgId: t.A.village.id, appliedOn: '2024-09-01' });
    expect(dev.message).toContain('已在其他单位的发展党员名单中登记');
    nothingOf乙(dev);
    const reserve = await refusal(core, t.clerkA.id, 'reserve.create', { idNumber: t.B.reserve.idNumber, name: '随便', villageOrgId: t.A.village.id });
    expect(reserve.message).toContain('已在其他单位的后备力量库中登记');
    nothingOf乙(reserve);
    const own = await refusal(core, t.clerkA.id, 'reserve.create', { idNumber: t.A.reserve.idNumber, name: '随便', villageOrgId: t.A.village.id });
    expect(own.message).toContain(t.A.reserve.name);
  });

  it('import.preview of a 乙乡 member by a 甲乡 clerk: EXISTS_ELSEWHERE without name or organisation', async () => {
    const file = roster('改个名字', t.B.member.idNumber, t.A.village.name);
    const clerk = await caller(core, t.clerkA.id)('import.preview', { files: [file], underOrgId: t.A.town.id });
    const issue = clerk.issues.find((i) => i.code === 'EXISTS_ELSEWHERE');
    expect(issue?.message).toContain('已在其他单位登记');
    expect(JSON.stringify(clerk)).not.toMatch(/乙/);
    // The county's administrator importing for 甲乡 is told where the person is.
    const county = await caller(core, adminId)('import.preview', { files: [file], underOrgId: t.A.town.id });
    expect(county.issues.find((i) => i.code === 'EXISTS_ELSEWHERE')?.message).toContain(`${t.B.member.name}（${t.B.member.idNumber}）已登记在“${t.B.village.name}”`);
    // …and a 甲乡 administrator may not open that preview: its messages name people outside 甲乡.
    const err = await refusal(core, t.adminA.id, 'import.rows', { previewId: county.previewId });
    expect(err.message).toBe('这是其他用户的导入预览');
  });

  it('stats.resolveOrg suggests organisations of the caller\'s subtree only, and LIKE wildcards match themselves', async () => {
    const clerk = await refusal(core, t.clerkA.id, 'stats.resolveOrg', { ref: '乙村' });
    expect(clerk.code).toBe('NOT_FOUND');
    expect(clerk.message).toBe('找不到组织“乙村”');
    const own = await refusal(core, t.clerkA.id, 'stats.resolveOrg', { ref: '甲村' });
    expect(own.message).toContain(t.A.village.name);
    const wildcard = await refusal(core, adminId, 'stats.resolveOrg', { ref: '%' });
    expect(wildcard.message).toBe('找不到组织“%”');
  });
});
