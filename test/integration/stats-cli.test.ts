import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger } from '../helpers/cli.js';
import { ADMIN_PASSWORD, caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

const PW = { LEDGER_PASSWORD: ADMIN_PASSWORD };

/** `ledger stats --json` as a process: every key of CLI.md, --under by id or name, ambiguity. */
describe('ledger stats (CLI.md JSON shape)', () => {
  const tmp = tempDir();
  let db = '';
  let town = '';
  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    db = made.dbFile;
    const call = caller(made.core, made.adminId);
    town = (await call('org.create', { parentId: made.rootId, name: '中共甲乡委员会', shortName: '甲乡党委', kind: 'committee', unitCategory: 'township' })).id;
    const b1 = await call('org.create', { parentId: town, name: '中共一村支部委员会', shortName: '一村支部', kind: 'branch', unitCategory: 'village' });
    const t2 = await call('org.create', { parentId: made.rootId, name: '中共乙乡委员会', kind: 'committee', unitCategory: 'township' });
    await call('org.create', { parentId: t2.id, name: '中共一村支部委员会', shortName: '一村支部', kind: 'branch', unitCategory: 'village' });
    await call('member.create', { idNumber: idFor('1980-01-01', false), name: '甲', gender: '2', category: 'formal', orgId: b1.id, joinedOn: '2000-01-01', confirmedOn: '2001-01-01', birthDate: '1980-01-01' });
    await made.core.close();
  });
  afterAll(() => tmp.cleanup());

  it('prints every key CLI.md lists', () => {
    const r = ledger(['stats', '--db', db, '--as-of', '2024-12-31', '--json'], PW);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(j.asOf).toBe('2024-12-31');
    expect(Object.keys(j.under!)).toEqual(expect.arrayContaining(['id', 'name']));
    expect(Object.keys(j.organisations!)).toEqual(expect.arrayContaining(['basic', 'byKind', 'byUnitCategory', 'termDue', 'termOverdue', 'weak']));
    expect(Object.keys(j.organisations!.byKind as object).sort()).toEqual(['branch', 'committee', 'general-branch', 'group', 'joint-branch', 'temporary-branch', 'working-committee']);
    expect(Object.keys(j.organisations!.byUnitCategory as object)).toEqual(expect.arrayContaining(['village', 'community', 'street', 'township', 'organ', 'institution', 'soe', 'private', 'social-org', 'school', 'other']));
    expect(j.organisations).toMatchObject({ basic: 4, byKind: { committee: 2, branch: 2 } });
    const m = j.members!;
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['total', 'probationary', 'female', 'minority', 'collegeOrAbove', 'ageBands', 'education', 'job', 'joinBands', 'partyAge50', 'mobile', 'lostContact']));
    expect(Object.keys(m.ageBands as object)).toEqual(['<=30', '31-35', '36-40', '41-45', '46-50', '51-55', '56-60', '>=61']);
    expect(Object.keys(m.education as object)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(Object.keys(m.job as object)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
    expect(Object.keys(m.joinBands as object)).toEqual(['pre-1949-10', '1949-10..1978-12', '1979-01..2012-10', '2012-11..']);
    expect(m).toMatchObject({ total: 1, female: 1, ageBands: { '41-45': 1 } });
    expect(Object.keys(j.development!)).toEqual(expect.arrayContaining(['from', 'to', 'admitted', 'female', 'minority', 'age35OrUnder', 'collegeOrAbove', 'pipeline']));
    expect(Object.keys(j.development!.pipeline as object)).toEqual(['applicant', 'activist', 'candidate', 'probationary']);
    expect(Object.keys(j.reserves!)).toEqual(expect.arrayContaining(['total', 'enteredCommittees', 'bySource']));
    expect(Object.keys(j.reserves!.bySource as object).sort()).toEqual(['01', '02', '03', '04', '05', '06', '99']);
    expect(Object.keys(j.grids!)).toEqual(expect.arrayContaining(['communities', 'grids', 'buildings', 'gridBranches', 'buildingGroups']));
  });

  it('--under takes an id or a unique full or short name; an ambiguous name exits 1 listing the candidates', () => {
    const byName = ledger(['stats', '--db', db, '--under', '甲乡党委', '--json'], PW);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout).under).toEqual({ id: town, name: '中共甲乡委员会' });
    expect(JSON.parse(ledger(['stats', '--db', db, '--under', town, '--json'], PW).stdout).under.id).toBe(town);
    const amb = ledger(['stats', '--db', db, '--under', '一村支部', '--json'], PW);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toMatch(/不唯一/);
    expect(amb.stderr.split('中共一村支部委员会').length - 1).toBe(2);
    expect(ledger(['stats', '--db', db, '--from', '2024-01-01', '--json'], PW).code).toBe(2);
  });
});
