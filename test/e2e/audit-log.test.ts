import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, serve, type Browsing, type Served } from './harness.js';
import { completeFirstRun, E2E_PASSWORD, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function login(p: Page, username: string, password: string): Promise<void> {
  await p.getByTestId('lock-button').click();
  await p.getByTestId('login-page').waitFor();
  await p.getByTestId('login-username').fill(username);
  await p.getByTestId('login-password').fill(password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('header-user').waitFor();
}

/** The audit page's rows once the count shows `expected` (a filter applied) or any count. */
async function auditRows(p: Page, expected?: (count: number) => boolean): Promise<string[]> {
  const count = async () => Number(((await p.getByTestId('audit-count').textContent()) ?? '').replace(/\D/g, '') || -1);
  if (expected) await expect.poll(count, { timeout: 15_000 }).toSatisfy(expected);
  await p.getByTestId('audit-row').first().waitFor();
  return p.getByTestId('audit-row').allInnerTexts();
}

/**
 * The 操作日志 page in Chromium through `ledger serve`: a few changes by two users in two
 * townships, then the log read with names (never raw ids), filtered by user, action and
 * organisation, and read by a township's administrator, who sees only that township.
 */
describe('audit log page', () => {
  const tmp = tempDir('ledger-e2e-audit-');
  let srv: Served;
  let b: Browsing;
  let counted = 0;

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'audit.ledger'));
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });
  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-audit-${name}`)));

  it('changes by two users in two townships show with names, Chinese labels and no raw ids', async () => {
    shotOnFailure('all');
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const [root] = await pageCall<{ id: string }[]>(p, 'org.tree', {});
    const mk = (parentId: string, name: string, shortName: string, kind: string, unitCategory: string) =>
      pageCall<{ id: string }>(p, 'org.create', { parentId, name, shortName, kind, unitCategory });
    const townA = await mk(root!.id, '中共团结乡委员会', '团结乡党委', 'committee', 'township');
    const townB = await mk(root!.id, '中共胜利镇委员会', '胜利镇党委', 'committee', 'township');
    const villageA = await mk(townA.id, '中共幸福村支部委员会', '幸福村党支部', 'branch', 'village');
    const villageB = await mk(townB.id, '中共光明村支部委员会', '光明村党支部', 'branch', 'village');
    const memberA = await pageCall<{ id: string }>(p, 'member.create', { idNumber: idFor('1978-04-12'), name: '艾则孜·吾术尔', gender: '1', ethnicity: '05', category: 'formal', joinedOn: '2001-07-01', confirmedOn: '2002-07-01', orgId: villageA.id });
    await pageCall(p, 'member.create', { idNumber: idFor('1982-09-01', false), name: '李秀兰', gender: '2', category: 'formal', joinedOn: '2005-07-01', confirmedOn: '2006-07-01', orgId: villageB.id });
    await pageCall(p, 'org.addOfficer', { orgId: villageA.id, memberId: memberA.id, post: 'secretary', fromDate: '2024-01-01' });
    await pageCall(p, 'org.setRating', { orgId: villageA.id, year: 2024, stars: 4, weak: false });
    await pageCall(p, 'grid.create', { parentId: null, name: '幸福社区', kind: 'community', orgId: villageA.id, households: 320 });
    await pageCall(p, 'user.create', { username: 'admin_a', displayName: '团结乡管理员', role: 'admin', scopeOrgId: townA.id, password: 'admin-a-pass-2024' });
    await pageCall(p, 'user.create', { username: 'clerk_b', displayName: '胜利镇录入员', role: 'clerk', scopeOrgId: townB.id, password: 'clerk-b-pass-2024' });
    await pageCall(p, 'export.roster', { kind: 'members', under: townA.id });
    // The 胜利镇 clerk edits a member of that town.
    await login(p, 'clerk_b', 'clerk-b-pass-2024');
    const [li] = (await pageCall<{ rows: { id: string }[] }>(p, 'member.list', {})).rows;
    await pageCall(p, 'member.update', { id: li!.id, patch: { phone: '13800000002' } });
    await login(p, 'admin', E2E_PASSWORD);

    await p.getByTestId('nav-audit').click();
    const rows = await auditRows(p, (n) => n >= 12);
    counted = rows.length;
    const table = (await p.getByTestId('audit-table').innerText()) ?? '';
    expect(table).not.toMatch(UUID);
    // The set-up row: no untranslated key (it read "admin admin").
    const setup = rows.find((r) => r.includes('初始化台账'))!;
    expect(setup).toContain('首位管理员（用户名） admin');
    expect(setup).toContain('单位名称 示例县委组织部');
    // An organisation's 名称 (not 姓名), its parent by name, its kind in Chinese.
    const village = rows.find((r) => r.includes('新建组织') && r.includes('幸福村党支部'))!;
    expect(village).toMatch(/名称 中共幸福村支部委员会/);
    expect(village).toContain('上级党组织 中共团结乡委员会');
    expect(village).toContain('组织类别 党支部');
    // A post names the member and the post; a rating its year and stars; the export names its kind and rows.
    expect(rows.some((r) => r.includes('任命班子成员') && r.includes('艾则孜·吾术尔') && r.includes('党内职务 书记'))).toBe(true);
    expect(rows.some((r) => r.includes('评定星级') && r.includes('年度 2024') && r.includes('星级 4'))).toBe(true);
    expect(rows.some((r) => r.includes('导出名册') && r.includes('导出内容 党员') && r.includes('行数 1'))).toBe(true);
    // Users with their names, and the 管辖范围 by name.
    expect(rows.some((r) => r.includes('新增用户') && r.includes('管辖范围 中共胜利镇委员会') && r.includes('角色 录入员'))).toBe(true);
    expect(rows.some((r) => r.includes('网格类别 社区') && r.includes('户数 320'))).toBe(true);
    // The host's events: the clerk's login (its role) and 锁定.
    expect(rows.some((r) => r.includes('胜利镇录入员') && r.includes('登录') && r.includes('角色 录入员'))).toBe(true);
    expect(rows.some((r) => r.includes('胜利镇录入员') && r.includes('锁定'))).toBe(true);
    await screenshot(p, 'audit-all');
  });

  it('filters by user, action and organisation; the filters combine and clear', async () => {
    shotOnFailure('filters');
    const p = b.page;
    await p.getByTestId('audit-user').selectOption({ label: '胜利镇录入员（clerk_b）' });
    const byUser = await auditRows(p, (n) => n > 0 && n < counted);
    expect(byUser.every((r) => r.includes('胜利镇录入员'))).toBe(true);
    expect(byUser.some((r) => r.includes('修改党员信息') && r.includes('13800000002'))).toBe(true);
    await screenshot(p, 'audit-by-user');

    await p.getByTestId('audit-clear').click();
    await p.getByTestId('audit-method').selectOption({ label: '新建组织' });
    const byAction = await auditRows(p, (n) => n === 4);
    expect(byAction.every((r) => r.includes('新建组织'))).toBe(true);
    await screenshot(p, 'audit-by-action');

    await p.getByTestId('audit-method').selectOption('');
    // The option's text is the indented name and its kind: chosen by the name.
    const townA = await p.getByTestId('audit-org').locator('option', { hasText: '中共团结乡委员会' }).getAttribute('value');
    await p.getByTestId('audit-org').selectOption(townA!);
    // The previous filter's rows stay until the new page arrives: wait for rows of this one.
    await expect.poll(async () => (await p.getByTestId('audit-table').innerText()).includes('任命班子成员'), { timeout: 15_000 }).toBe(true);
    const byOrg = await auditRows(p, (n) => n > 0 && n < counted);
    const text = byOrg.join('\n');
    expect(text).toContain('幸福村');
    expect(text).not.toContain('胜利镇');
    expect(text).not.toContain('李秀兰');
    await screenshot(p, 'audit-by-org');

    // A day with nothing: the empty message says what to do.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await p.getByTestId('audit-from').fill(day);
    await expect.poll(() => p.getByTestId('audit-table').innerText(), { timeout: 15_000 }).toContain('没有符合筛选条件的记录');
    await p.getByTestId('audit-clear').click();
    await expect.poll(async () => (await p.getByTestId('audit-row').count()) === Math.min(counted, 50), { timeout: 15_000 }).toBe(true);
  });

  it('a township’s administrator reads only that township’s rows', async () => {
    shotOnFailure('township');
    const p = b.page;
    await login(p, 'admin_a', 'admin-a-pass-2024');
    await p.getByTestId('nav-audit').click();
    const rows = await auditRows(p, (n) => n > 0 && n < counted);
    const text = rows.join('\n');
    expect(text).toContain('幸福村');
    expect(text).not.toMatch(/胜利镇|光明村|李秀兰|初始化台账/);
    // Its own township's parent is named, not hidden.
    expect(text).toContain('上级党组织 中共示例县委员会');
    expect(await p.getByTestId('audit-table').innerText()).not.toMatch(UUID);
    await screenshot(p, 'audit-township');
  });

  it('no request left 127.0.0.1', () => {
    expect(b.offHost).toEqual([]);
  });
});
