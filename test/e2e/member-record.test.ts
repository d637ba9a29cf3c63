import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openBrowser, screenshot, serve, SHOTS, type Browsing, type Served } from './harness.js';
import { completeFirstRun, E2E_PASSWORD, pageCall } from './wizard.js';
import { idFor, tempDir } from '../helpers/ledger.js';
import { addMonths, todayIso } from '../../shared/domain/dates.js';

const TODAY = todayIso();
/** A probationary member whose year of probation ended a month ago. */
const JOINED = addMonths(TODAY, -13);
const DUE = addMonths(JOINED, 12);
const OUT = join(SHOTS, 'member-record');

async function login(p: Page, username: string, password: string): Promise<void> {
  await p.getByTestId('lock-button').click();
  await p.getByTestId('login-page').waitFor();
  await p.getByTestId('login-username').fill(username);
  await p.getByTestId('login-password').fill(password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('header-user').waitFor();
}

/** A cell of a member's row in the members grid (pinned and centre parts share the row-index). */
async function memberCell(p: Page, name: string, colId: string) {
  const grid = p.getByTestId('members-grid');
  const row = grid.locator('.ag-row', { has: p.locator('.ag-cell[col-id="name"]', { hasText: name }) }).first();
  await row.waitFor();
  const index = await row.getAttribute('row-index');
  return grid.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="${colId}"]`);
}

async function openRecord(p: Page, name: string): Promise<void> {
  await p.getByTestId('nav-members').click();
  await (await memberCell(p, name, 'record')).click();
  await p.getByTestId('member-record').getByTestId('record-name').filter({ hasText: name }).waitFor();
}

/**
 * The member record page in Chromium through `ledger serve`: every field with derived 年龄 / 党龄 /
 * 50年; a grid edit of 入党日期 opens the event dialog; 转正 through the dialog (and a 转正 before
 * 入党 refused with the reason); a 甲乡 clerk transfers a member to 乙乡's branch in one action, after
 * which 甲乡 no longer sees the member and the record shows both halves; the printed 一人一档 is an
 * A4 PDF with real text.
 */
describe('member record, events and 一人一档 in the browser', () => {
  const tmp = tempDir('ledger-e2e-record-');
  let srv: Served;
  let b: Browsing;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    srv = await serve(join(tmp.dir, 'record.ledger'));
    b = await openBrowser();
    const p = b.page;
    await completeFirstRun(p, srv.url);
    const root = (await pageCall<{ id: string }[]>(p, 'org.tree', {}))[0]!.id;
    const jia = await pageCall(p, 'org.create', { parentId: root, name: '中共甲乡委员会', shortName: '甲乡党委', kind: 'committee', unitCategory: 'township' });
    const yi = await pageCall(p, 'org.create', { parentId: root, name: '中共乙乡委员会', shortName: '乙乡党委', kind: 'committee', unitCategory: 'township' });
    const east = await pageCall(p, 'org.create', { parentId: jia.id, name: '中共东村支部委员会', shortName: '东村党支部', kind: 'branch', unitCategory: 'village', foundedOn: '1960-01-01' });
    ids.east = east.id;
    const community = await pageCall(p, 'grid.create', { parentId: null, name: '东村社区', kind: 'community', orgId: east.id });
    ids.grid = (await pageCall(p, 'grid.create', { parentId: community.id, name: '第一网格', kind: 'grid', orgId: east.id })).id;
    ids.group = (await pageCall(p, 'org.create', { parentId: east.id, name: '东村第一党小组', kind: 'group' })).id;
    await pageCall(p, 'org.create', { parentId: yi.id, name: '中共西村支部委员会', shortName: '西村党支部', kind: 'branch', unitCategory: 'village', foundedOn: '1960-01-01' });
    await pageCall(p, 'member.create', { idNumber: idFor('1950-03-01'), name: '王建国', category: 'formal', joinedOn: '1972-07-01', confirmedOn: '1973-07-01', orgId: east.id, phone: '13900000001', education: '21' });
    await pageCall(p, 'member.create', { idNumber: idFor('1996-05-05', false), name: '李晓红', category: 'probationary', joinedOn: JOINED, orgId: east.id });
    await pageCall(p, 'member.create', { idNumber: idFor('1988-08-08'), name: '张远行', category: 'formal', joinedOn: '2012-07-01', confirmedOn: '2013-07-01', orgId: east.id });
    await pageCall(p, 'user.create', { username: 'clerk_jia', displayName: '甲乡录入员', role: 'clerk', scopeOrgId: jia.id, password: 'clerk-pass-2024' });
    await p.reload();
    await p.getByTestId('header-user').waitFor();
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    await srv?.stop();
    tmp.cleanup();
  });

  const shotOnFailure = (name: string) => onTestFailed(async () => void (await screenshot(b.page, `failure-record-${name}`)));

  it('shows every field with age, 党龄 and 50-year eligibility, and the history', async () => {
    shotOnFailure('fields');
    const p = b.page;
    await openRecord(p, '王建国');
    const d = p.getByTestId('member-record');
    const born = 1950;
    const age = Number(TODAY.slice(0, 4)) - born - (TODAY.slice(5) < '03-01' ? 1 : 0);
    expect(await d.getByTestId('record-age').textContent()).toBe(`${age}岁`);
    expect(await d.getByTestId('record-party-age').textContent()).toMatch(/^5\d年/);
    expect(await d.getByTestId('record-fifty').textContent()).toBe('符合（党龄满50年）');
    expect(await d.getByTestId('record-org').textContent()).toBe('中共示例县委员会 › 中共甲乡委员会 › 中共东村支部委员会');
    expect(await d.getByTestId('record-category').textContent()).toBe('正式党员');
    const timeline = await d.getByTestId('record-timeline').locator('tbody tr').allInnerTexts();
    expect(timeline.map((t) => t.split('\t').slice(0, 2).join(' '))).toEqual(['1972-07-01 接收为预备党员', '1973-07-01 转为正式党员']);
    expect(await d.textContent()).toContain('大学本科');
    await screenshot(p, 'member-record-fields');
    await d.locator('.dialog-close').first().click();
  });

  it('a grid edit of 入党日期 opens the event dialog instead; 转正 before 入党 is refused, 转正 on its date is recorded', async () => {
    shotOnFailure('event');
    const p = b.page;
    await p.getByTestId('nav-members').click();
    await (await memberCell(p, '李晓红', 'joinedOn')).dblclick();
    const dialog = p.getByTestId('member-event-dialog');
    expect(await dialog.getByTestId('event-why').textContent()).toContain('入党日期由变动记录决定');
    // The kinds the member's state allows, once the record is loaded.
    await expect
      .poll(() => dialog.getByTestId('event-kind').locator('option').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['转为正式党员', '延长预备期', '取消预备党员资格', '组织关系转出（转接）', '死亡']));
    expect(await dialog.getByTestId('event-kind').locator('option').allTextContents()).not.toContain('恢复党籍');
    // A probationary member's dates: 转正 is suggested; nothing grave is ever preselected.
    expect(await dialog.getByTestId('event-kind').inputValue()).toBe('confirmed');
    await dialog.getByTestId('event-date').fill(addMonths(JOINED, -1));
    await dialog.getByTestId('event-save').click();
    const refusal = await dialog.getByTestId('error-message').textContent();
    expect(refusal).toMatch(/入党|预备/);
    await screenshot(p, 'member-event-refused');
    await dialog.getByTestId('event-date').fill(DUE);
    await dialog.getByTestId('event-save').click();
    await p.getByTestId('members-saved').filter({ hasText: '李晓红' }).waitFor();
    expect(await p.getByTestId('members-saved').textContent()).toContain('转为正式党员');
    await expect.poll(async () => (await memberCell(p, '李晓红', 'category')).textContent(), { timeout: 10_000 }).toBe('正式党员');
    expect(await (await memberCell(p, '李晓红', 'confirmedOn')).textContent()).toBe(DUE);
  });

  it('an administrator’s 更正 of a wrong 转正 date is kept as its own kind in the history', async () => {
    shotOnFailure('correct');
    const p = b.page;
    await openRecord(p, '李晓红');
    const d = p.getByTestId('member-record');
    await d.locator('tr[data-kind="confirmed"]').getByTestId('record-correct').click();
    await d.getByTestId('correct-date').fill(TODAY);
    await d.getByTestId('correct-reason').fill('据支部大会记录核实');
    await d.getByTestId('correct-save').click();
    await d.getByTestId('record-notice').filter({ hasText: '已更正' }).waitFor();
    await expect.poll(() => d.locator('tr[data-kind="corrected"]').innerText(), { timeout: 10_000 }).toContain('更正（管理员）');
    expect(await d.locator('tr[data-kind="corrected"]').innerText()).toContain('原因：据支部大会记录核实');
    expect(await d.locator('tr[data-kind="confirmed"] td').first().textContent()).toBe(TODAY);
    await screenshot(p, 'member-record-corrected');
    await d.locator('.dialog-close').first().click();
  });

  it('the new-member form checks as typed with the shared rules; the ID number leads 性别 and 出生日期; 修改信息 edits the other fields', async () => {
    shotOnFailure('form');
    const p = b.page;
    await p.getByTestId('nav-members').click();
    await p.getByTestId('member-create-button').click();
    const f = p.getByTestId('member-form');
    const problem = (field: string) => f.getByTestId(`member-form-problem-${field}`);
    await f.getByTestId('member-form-idnumber').fill(idFor('1990-02-02'));
    expect(await f.getByTestId('member-form-birthdate').inputValue()).toBe('1990-02-02');
    expect(await f.getByTestId('member-form-gender').inputValue()).toBe('1');
    // Retyped: the values taken from the first number follow the new one.
    await f.getByTestId('member-form-idnumber').fill(idFor('1992-03-04', false));
    expect(await f.getByTestId('member-form-birthdate').inputValue()).toBe('1992-03-04');
    expect(await f.getByTestId('member-form-gender').inputValue()).toBe('2');
    await f.getByTestId('member-form-name').fill('阿依古丽 • 买买提');
    // The one organisation picker offers only organisations that may hold members: no 党小组.
    await f.getByTestId('member-form-org').fill('东村');
    const offered = f.getByTestId('member-form-org-option');
    await offered.filter({ hasText: '中共东村支部委员会' }).waitFor();
    expect(await offered.filter({ hasText: '东村第一党小组' }).count()).toBe(0);
    await offered.filter({ hasText: '中共东村支部委员会' }).click();
    await f.getByTestId('member-form-submit').click();
    expect(await problem('joinedOn').textContent()).toContain('请填写入党日期');
    expect(await problem('confirmedOn').textContent()).toContain('正式党员请填写转正日期');
    await f.getByTestId('member-form-joinedon').fill('2008-07-01');
    expect(await problem('joinedOn').textContent()).toMatch(/18/);
    await f.getByTestId('member-form-joinedon').fill('2015-07-01');
    await f.getByTestId('member-form-confirmedon').fill('2014-07-01');
    expect(await problem('confirmedOn').textContent()).toMatch(/转正日期.*入党日期|入党日期.*转正日期/);
    await f.getByTestId('member-form-confirmedon').fill('2016-02-30');
    expect(await problem('confirmedOn').textContent()).toMatch(/日期/);
    await f.getByTestId('member-form-confirmedon').fill('2016-07-01');
    await f.getByTestId('member-form-phone').fill('abc');
    expect(await problem('phone').textContent()).toContain('不是有效的手机号码');
    await f.getByTestId('member-form-phone').fill('13912345678');
    await f.getByTestId('member-form-nativePlace').fill('新疆昌吉');
    await screenshot(p, 'member-form-filled');
    await f.getByTestId('member-form-submit').click();
    await p.getByTestId('members-saved').filter({ hasText: '已新增党员：阿依古丽·买买提' }).waitFor();

    await openRecord(p, '阿依古丽·买买提');
    const d = p.getByTestId('member-record');
    expect(await d.textContent()).toContain('新疆昌吉');
    await d.getByTestId('record-edit').click();
    const e = p.getByTestId('member-form');
    expect(await e.getByTestId('member-form-joinedon').getAttribute('readonly')).not.toBeNull();
    await e.getByTestId('member-form-residence').fill('东村三组');
    await e.getByTestId('member-form-hardship').check();
    await e.getByTestId('member-form-grid').selectOption(ids.grid!);
    await e.getByTestId('member-form-submit').click();
    await d.getByTestId('record-notice').filter({ hasText: '已保存' }).waitFor();
    // The record reloads after the save.
    await expect.poll(() => d.getByTestId('record-grid').textContent(), { timeout: 10_000 }).toBe('东村社区 › 第一网格');
    expect(await d.textContent()).toContain('东村三组');
    await screenshot(p, 'member-record-edited');
    await d.locator('.dialog-close').first().click();
  });

  it('a 甲乡 clerk transfers a member to 乙乡 in one action; 甲乡 sees the member no more; the record shows both halves', async () => {
    shotOnFailure('transfer');
    const p = b.page;
    await login(p, 'clerk_jia', 'clerk-pass-2024');
    await openRecord(p, '张远行');
    await p.getByTestId('record-add-event').click();
    const dialog = p.getByTestId('member-event-dialog');
    expect(await dialog.getByTestId('event-kind').inputValue()).toBe('');
    await dialog.getByTestId('event-kind').selectOption('transfer-out');
    await dialog.getByTestId('event-date').fill(addMonths(TODAY, -2));
    await dialog.getByTestId('transfer-org-search').fill('西村');
    await expect.poll(async () => dialog.getByTestId('transfer-org').locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['中共西村支部委员会（中共乙乡委员会）']);
    await screenshot(p, 'member-transfer-dialog');
    await dialog.getByTestId('event-save').click();
    await p.getByTestId('record-notice').filter({ hasText: '转往中共西村支部委员会' }).waitFor();
    // The record is 乙乡's now: the clerk of 甲乡 reads it no more.
    await expect(pageCall(p, 'member.list', { limit: 50, offset: 0 }).then((r: { rows: { name: string }[] }) => r.rows.map((m) => m.name))).resolves.not.toContain('张远行');
    await p.locator('[data-testid="member-record"] .dialog-close').click();

    await login(p, 'admin', E2E_PASSWORD);
    await openRecord(p, '张远行');
    const d = p.getByTestId('member-record');
    expect(await d.getByTestId('record-org').textContent()).toBe('中共示例县委员会 › 中共乙乡委员会 › 中共西村支部委员会');
    const rows = await d.getByTestId('record-timeline').locator('tbody tr').allInnerTexts();
    expect(rows.slice(-2).map((t) => t.split('\t').slice(1, 3).join(' '))).toEqual(['转出组织关系 中共东村支部委员会', '转入组织关系 中共西村支部委员会']);
    await screenshot(p, 'member-record-transferred');
  });

  it('prints the 一人一档 as an A4 PDF with real text', async () => {
    shotOnFailure('print');
    const p = b.page;
    await p.getByTestId('record-print-open').click();
    await p.getByTestId('record-print').waitFor();
    await screenshot(p, 'member-record-print-preview');
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'yirenyidang.pdf');
    await p.emulateMedia({ media: 'print' });
    await p.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
    await p.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    for (const s of ['党员档案（一人一档）', '示例县委组织部', '张远行', '公民身份号码', '党龄', '光荣在党50年', '转出组织关系', '转入组织关系', '中共西村支部委员会', '打印时间']) expect(text).toContain(s);
    // Only the document is printed: nothing of the app behind it.
    expect(text).not.toContain('登记变动');
    for (const f of readdirSync(OUT).filter((f) => f.endsWith('.png'))) rmSync(join(OUT, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, 'yirenyidang')]);
    await p.getByTestId('record-print-close').click();
    await p.getByTestId('member-record').waitFor();
  });
});
