import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Member } from '../../shared/types/records.js';
import type { MEMBER_SORT_FIELDS, MemberCursor } from '../../shared/contract/member.js';
import { addYears, todayIso } from '../../shared/domain/dates.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

type SortField = (typeof MEMBER_SORT_FIELDS)[number];

const SURNAMES = ['张', '王', '李', '赵', '艾则孜·', '阿依'];
const GIVEN = ['雨欣', '伟', '丽', '建国', '吾术尔', '古丽'];

/**
 * The roster at more than the core's collect-and-sort limit (3,000 matches), so pages come from
 * index walks with keysets: every sort column in both directions, NULLs included, gives the same
 * rows in the same order as sorting the whole list, page after page.
 */
describe('roster: keyset pages, search, filters and counts', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;
  let rootId = '';
  let townId = '';
  let villageId = '';
  let all: Member[] = [];

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    rootId = made.rootId;
    call = caller(core, made.adminId);
    const town = await call('org.create', { parentId: rootId, name: '中共嘉城镇委员会', shortName: '嘉城镇', kind: 'committee', unitCategory: 'township' });
    townId = town.id;
    const village = await call('org.create', { parentId: town.id, name: '中共东村支部委员会', kind: 'branch', unitCategory: 'village' });
    villageId = village.id;
    const other = await call('org.create', { parentId: rootId, name: '中共机关支部委员会', kind: 'branch' });
    const grid = await call('grid.create', { parentId: null, orgId: village.id, name: '东村网格', kind: 'community', foundedOn: '2020-01-01' });
    // Written straight into the table in one transaction: 3,300 members through member.create one by
    // one would take most of the test's time, and the triggers under test fill initials and grams.
    const rows: unknown[][] = [];
    for (let i = 0; i < 3300; i++) {
      const name = SURNAMES[i % 6]! + GIVEN[(i * 7) % 6]! + (i % 5 === 0 ? '' : String.fromCharCode(0x4e00 + (i % 97)));
      const birth = i % 11 === 0 ? null : `19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`;
      const joined = i % 13 === 0 ? null : `19${60 + (i % 40)}-07-01`;
      rows.push([`m${i}`, idFor(birth ?? '1970-01-01', i % 2 === 0), name, i % 3 === 0 ? null : String(1 + (i % 2)), birth, joined, joined, i % 4 === 0 ? other.id : village.id, i % 17 === 0 ? 'left' : 'active', i % 7 === 0 ? grid.id : null, i % 19 === 0 ? 1 : 0]);
    }
    const insert = core.sqlite.prepare(
      `INSERT INTO members (id, id_number, name, gender, birth_date, joined_on, confirmed_on, org_id, status, grid_id, lost_contact, category, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?, 'formal', '2024-01-01', '2024-01-01')`,
    );
    core.sqlite.transaction(() => rows.forEach((r) => insert.run(...r)))();
    all = (await call('member.list', { status: 'all', limit: 1000, offset: 0 })).rows;
    for (let o = 1000; o < 3300; o += 1000) all.push(...(await call('member.list', { status: 'all', limit: 1000, offset: o })).rows);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  /** Every page through `next`, as the grid reads them. */
  async function walk(input: { sort: { field: SortField; dir: 'asc' | 'desc' }[]; orgId?: string; filter?: Record<string, unknown> }, limit = 250): Promise<Member[]> {
    const out: Member[] = [];
    let after: MemberCursor | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await call('member.list', { ...input, limit, ...(after ? { after } : {}) });
      out.push(...page.rows);
      if (!page.next) return out;
      after = page.next;
    }
    throw new Error('no end');
  }

  /** SQLite's order: NULL lowest, text by code point, then insertion order (the rowid). */
  function sorted(rows: Member[], field: SortField, dir: 'asc' | 'desc'): string[] {
    const rank = new Map(all.map((m) => [m.id, Number(m.id.slice(1))]));
    const value = (m: Member) => (m as unknown as Record<string, string | null>)[field] ?? null;
    const cmp = (a: Member, b: Member) => {
      const x = value(a);
      const y = value(b);
      const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
      return c !== 0 ? c : rank.get(a.id)! - rank.get(b.id)!;
    };
    const s = [...rows].sort(cmp);
    return (dir === 'asc' ? s : s.reverse()).map((m) => m.id);
  }

  it.each(['name', 'birthDate', 'gender', 'joinedOn', 'idNumber', 'orgName'] as const)('sorted by %s, both ways, keyset pages are the whole sorted list', async (field) => {
    const active = all.filter((m) => m.status === 'active');
    for (const dir of ['asc', 'desc'] as const) {
      const got = (await walk({ sort: [{ field, dir }] })).map((m) => m.id);
      expect(got).toHaveLength(active.length);
      expect(got).toEqual(sorted(active, field, dir));
    }
  });

  it('a sort on two columns in mixed directions pages exactly too', async () => {
    const got = (await walk({ sort: [{ field: 'gender', dir: 'asc' }, { field: 'birthDate', dir: 'desc' }] }, 400)).map((m) => m.id);
    const active = all.filter((m) => m.status === 'active');
    const byBirth = sorted(active, 'birthDate', 'desc');
    const expected = [...byBirth].sort((a, b) => {
      const ga = active.find((m) => m.id === a)!.gender ?? '';
      const gb = active.find((m) => m.id === b)!.gender ?? '';
      return ga === gb ? 0 : ga < gb ? -1 : 1;
    });
    expect(got).toEqual(expected);
  });

  it('one search box: a name fragment, pinyin initials or the start of an ID number', async () => {
    const names = (rows: Member[]) => [...new Set(rows.map((m) => m.name))];
    const fragment = await walk({ sort: [], filter: { text: '雨欣' } });
    expect(fragment.length).toBe(all.filter((m) => m.status === 'active' && m.name.includes('雨欣')).length);
    const initials = await walk({ sort: [], filter: { text: 'zyx' } });
    expect(names(initials).every((n) => n.startsWith('张雨欣'))).toBe(true);
    expect(initials.length).toBe(fragment.filter((m) => m.name.startsWith('张')).length);
    const dot = await walk({ sort: [], filter: { text: 'azz' } });
    expect(names(dot).every((n) => n.startsWith('艾则孜·'))).toBe(true);
    const someone = all.find((m) => m.status === 'active')!;
    const byId = await call('member.list', { filter: { text: someone.idNumber.slice(0, 14) } });
    expect(byId.rows.map((m) => m.id)).toContain(someone.id);
    expect(byId.rows.every((m) => m.idNumber.startsWith(someone.idNumber.slice(0, 14)))).toBe(true);
    // Three characters: the pair finds candidates, the whole fragment decides.
    const three = all.find((m) => m.status === 'active' && [...m.name].length >= 4)!;
    const frag = [...three.name].slice(1, 4).join('');
    const found = await walk({ sort: [], filter: { text: frag } });
    expect(found.map((m) => m.id).sort()).toEqual(all.filter((m) => m.status === 'active' && m.name.includes(frag)).map((m) => m.id).sort());
  });

  it('filters: subtree, age band, 50 years, grid, 失联 and left members on demand', async () => {
    const today = todayIso();
    const active = all.filter((m) => m.status === 'active');
    const count = async (input: Record<string, unknown>) => (await call('member.list', { limit: 1, ...input })).total;
    expect(await count({ orgId: townId })).toBe(active.filter((m) => m.orgId === villageId).length);
    expect(await count({ filter: { ageMin: 60, ageMax: 70 } })).toBe(active.filter((m) => m.birthDate && m.birthDate <= addYears(today, -60) && m.birthDate > addYears(today, -71)).length);
    expect(await count({ filter: { fiftyYears: true } })).toBe(active.filter((m) => m.confirmedOn && m.confirmedOn <= addYears(today, -50)).length);
    expect(await count({ filter: { hasGrid: true } })).toBe(active.filter((m) => m.gridId).length);
    expect(await count({ filter: { lostContact: true } })).toBe(active.filter((m) => m.lostContact).length);
    expect(await count({ status: 'left' })).toBe(all.filter((m) => m.status === 'left').length);
  });

  it('a count is kept while the members are unchanged and follows every change, whoever writes', async () => {
    const before = (await call('member.list', { filter: { text: '赵' } })).total;
    const zhao = all.find((m) => m.status === 'active' && m.name.startsWith('赵'))!;
    await call('member.update', { id: zhao.id, patch: { name: '钱' + zhao.name.slice(1) } });
    expect((await call('member.list', { filter: { text: '赵' } })).total).toBe(before - 1);
    expect((await call('member.list', { filter: { text: 'q' } })).rows.map((m) => m.id)).toContain(zhao.id);
    // A write outside the handlers (another process, an import) moves the count as well.
    core.sqlite.prepare(`UPDATE members SET name = ? WHERE id = ?`).run(zhao.name, zhao.id);
    expect((await call('member.list', { filter: { text: '赵' } })).total).toBe(before);
    expect((await call('member.list', { filter: { text: 'q' } })).rows.map((m) => m.id)).not.toContain(zhao.id);
  });
});
