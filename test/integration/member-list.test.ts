import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

describe('member.list: subtree, filters, sort and paging as the grid uses them', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let townId = '';

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const town = await call('org.create', { parentId: made.rootId, name: '中共团结乡委员会', kind: 'committee', unitCategory: 'township' });
    townId = town.id;
    const a = await call('org.create', { parentId: town.id, name: '中共东村支部委员会', kind: 'branch' });
    const other = await call('org.create', { parentId: made.rootId, name: '中共机关支部委员会', kind: 'branch' });
    const people: [string, string, '1' | '2', 'formal' | 'probationary', string][] = [
      ['张伟', a.id, '1', 'formal', '05'],
      ['张丽', a.id, '2', 'probationary', '01'],
      ['王芳', a.id, '2', 'formal', '01'],
      ['艾则孜·吾术尔', a.id, '1', 'formal', '05'],
      ['张_下划线', other.id, '1', 'formal', '01'],
    ];
    for (const [name, orgId, gender, category, ethnicity] of people) {
      await call('member.create', { idNumber: idFor('1980-05-05', gender === '1'), name, gender, category, ethnicity, orgId, joinedOn: '2024-07-01', ...(category === 'formal' ? { joinedOn: '2005-07-01', confirmedOn: '2006-07-01' } : {}) });
    }
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('limits to the subtree and combines filters', async () => {
    expect((await call('member.list', { orgId: townId })).total).toBe(4);
    expect((await call('member.list', {})).total).toBe(5);
    expect((await call('member.list', { orgId: townId, filter: { text: '张' } })).rows.map((r) => r.name).sort()).toEqual(['张丽', '张伟']);
    expect((await call('member.list', { orgId: townId, filter: { gender: '2', category: 'formal' } })).rows.map((r) => r.name)).toEqual(['王芳']);
    expect((await call('member.list', { filter: { ethnicity: '05' } })).total).toBe(2);
    // LIKE wildcards typed by a clerk are literal characters.
    expect((await call('member.list', { filter: { text: '_' } })).rows.map((r) => r.name)).toEqual(['张_下划线']);
    expect((await call('member.list', { filter: { name: '·' } })).rows.map((r) => r.name)).toEqual(['艾则孜·吾术尔']);
  });

  it('sorts and pages without losing or repeating rows', async () => {
    const all = await call('member.list', { sort: [{ field: 'name', dir: 'asc' }], limit: 100 });
    const paged = [...(await call('member.list', { sort: [{ field: 'name', dir: 'asc' }], limit: 2 })).rows, ...(await call('member.list', { sort: [{ field: 'name', dir: 'asc' }], limit: 2, offset: 2 })).rows, ...(await call('member.list', { sort: [{ field: 'name', dir: 'asc' }], limit: 2, offset: 4 })).rows];
    expect(paged.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
  });

  it('the roster export applies the same filter as the grid', async () => {
    const grid = await call('member.list', { filter: { text: '张' } });
    const exported = await call('export.roster', { kind: 'members', filter: { text: '张' } });
    expect(exported.rows).toBe(grid.total);
  });
});
