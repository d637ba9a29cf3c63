import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { keyringPathFor } from '../../electron/core/keyring/keyring.js';
import { dataVersion } from '../../electron/core/stats/cache.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';
import type { ReportResult } from '../../shared/reports/types.js';

/**
 * The statistics result cache (electron/core/stats/cache.ts): a repeated call is answered from it,
 * and every way data can change makes the next call compute again — a write through dispatch, a
 * row written on the same connection without dispatch, a commit by another connection.
 */
describe('statistics result cache', () => {
  const tmp = tempDir();
  let core: Core;
  let dbFile: string;
  let dataKey: Buffer;
  let call: ReturnType<typeof caller>;
  let branch: string;
  let firstId = '';
  const asOf = '2024-12-31';
  const total = (pages: ReportResult[]) => pages.find((r) => r.definitionId === 'member.summary')!.rows[0]!.values[0];
  const female = (pages: ReportResult[]) => pages.find((r) => r.definitionId === 'member.summary')!.rows[0]!.values[1];

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    ({ core, dbFile, dataKey } = made);
    call = caller(core, made.adminId);
    branch = (await call('org.create', { parentId: made.rootId, name: '中共一村支部委员会', kind: 'branch', unitCategory: 'village' })).id;
    for (const [i, gender] of (['1', '2', '1'] as const).entries()) {
      const idNumber = idFor('1980-01-0' + (i + 1), gender === '1');
      firstId ||= idNumber;
      await call('member.create', { idNumber, name: `党员${i}`, category: 'formal', orgId: branch, gender, joinedOn: '2000-01-01', confirmedOn: '2001-01-01' } as never);
    }
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('answers a repeated call from the cache with equal, independent results', async () => {
    const v0 = dataVersion(core.sqlite);
    const a = await call('stats.page', { domain: 'members', asOf });
    expect(total(a)).toBe(3);
    const b = await call('stats.page', { domain: 'members', asOf });
    expect(b).toEqual(a);
    // Reads do not move the data version, so the second call was a hit…
    expect(dataVersion(core.sqlite)).toBe(v0);
    // …and a caller changing its copy does not change the cached one.
    b[0]!.rows[0]!.values[0] = 999;
    expect(total(await call('stats.page', { domain: 'members', asOf }))).toBe(3);
    // stats.compute shares the entries of the definitions it uses.
    expect(await call('stats.compute', { asOf })).toMatchObject({ members: { total: 3 } });
  });

  it('a write through dispatch makes the next call compute again', async () => {
    expect(total(await call('stats.page', { domain: 'members', asOf }))).toBe(3);
    await call('member.create', { idNumber: idFor('1990-02-02', false), name: '党员新', category: 'formal', orgId: branch, gender: '2', joinedOn: '2010-01-01', confirmedOn: '2011-01-01' } as never);
    const after = await call('stats.page', { domain: 'members', asOf });
    expect(total(after)).toBe(4);
    expect(female(after)).toBe(2);
  });

  it('a failed write through dispatch also invalidates (it may have written before failing)', async () => {
    const v0 = dataVersion(core.sqlite);
    // Refused inside the handler (the ID number is taken), after validation passed.
    await expect(call('member.create', { idNumber: firstId, name: '重复', category: 'formal', orgId: branch, joinedOn: '2000-01-01', confirmedOn: '2001-01-01' } as never)).rejects.toThrow(/已在党员名册中/);
    expect(dataVersion(core.sqlite)).not.toBe(v0);
  });

  it('a row written on the same connection without dispatch makes the next call compute again', async () => {
    expect(female(await call('stats.page', { domain: 'members', asOf }))).toBe(2);
    await core.db.updateTable('members').set({ gender: '2' }).where('name', '=', '党员0').execute();
    expect(female(await call('stats.page', { domain: 'members', asOf }))).toBe(3);
  });

  it('a commit by another connection to the same file makes the next call compute again', async () => {
    expect(female(await call('stats.page', { domain: 'members', asOf }))).toBe(3);
    const other = await Core.open({ dbFile, keyringPath: keyringPathFor(dbFile), dataKey });
    try {
      await other.db.updateTable('members').set({ gender: '1' }).where('name', '=', '党员新').execute();
    } finally {
      await other.close();
    }
    expect(female(await call('stats.page', { domain: 'members', asOf }))).toBe(2);
  });

  it('different dates and subtrees are different entries', async () => {
    const county = await call('stats.page', { domain: 'members', asOf });
    const before = await call('stats.page', { domain: 'members', asOf: '2005-12-31' });
    const village = await call('stats.page', { domain: 'members', asOf, under: branch });
    expect(total(county)).toBe(4);
    expect(total(before)).toBe(3);
    expect(total(village)).toBe(4);
    expect(village[0]!.under.id).toBe(branch);
  });

  it('organisation figures kept across member writes follow every organisation write: insert, update, delete, and writes without dispatch', async () => {
    const orgs = async () => {
      const page = await call('stats.page', { domain: 'organisations', asOf });
      const byKind = page.find((r) => r.definitionId === 'org.byKind')!;
      const stars = page.find((r) => r.definitionId === 'org.stars')!;
      return { basic: byKind.rows[0]!.values[0], fiveStars: stars.rows[0]!.values[0] };
    };
    expect(await orgs()).toEqual({ basic: 1, fiveStars: 0 });
    // A member write leaves the organisation figures as they were (reused, still right).
    await call('member.create', { idNumber: idFor('1991-03-03', true), name: '党员又', category: 'formal', orgId: branch, gender: '1', joinedOn: '2010-01-01', confirmedOn: '2011-01-01' } as never);
    expect(await orgs()).toEqual({ basic: 1, fiveStars: 0 });
    const second = (await call('org.create', { parentId: (await call('org.get', { id: branch })).org.parentId!, name: '中共二村支部委员会', kind: 'branch', unitCategory: 'village', foundedOn: '2020-01-01' })).id;
    expect(await orgs()).toEqual({ basic: 2, fiveStars: 0 });
    await call('org.setRating', { orgId: second, year: Number(asOf.slice(0, 4)), stars: 5, weak: false });
    expect(await orgs()).toEqual({ basic: 2, fiveStars: 1 });
    // Without dispatch on this connection (a rating row changed, then removed), then the organisation removed.
    await core.db.updateTable('orgRatings').set({ stars: 4 }).where('orgId', '=', second).execute();
    expect(await orgs()).toEqual({ basic: 2, fiveStars: 0 });
    await core.db.updateTable('orgRatings').set({ stars: 5 }).where('orgId', '=', second).execute();
    expect(await orgs()).toEqual({ basic: 2, fiveStars: 1 });
    await core.db.deleteFrom('orgRatings').where('orgId', '=', second).execute();
    expect(await orgs()).toEqual({ basic: 2, fiveStars: 0 });
    await core.db.deleteFrom('orgs').where('id', '=', second).execute();
    expect(await orgs()).toEqual({ basic: 1, fiveStars: 0 });
  });
});
