import { LedgerError } from '../../../shared/contract/envelope.js';
import type { Core } from '../core.js';
import { demoId } from './ids.js';
import { localToday } from '../util/time.js';
import { buildCounty } from './county.js';
import { generateMeetings } from './meetings.js';
import { assignPosts, generateMembers, Identities } from './people.js';
import { generatePipeline } from './pipeline.js';
import { generateReserves } from './reserves.js';
import { Rng } from './rng.js';
import { generateTeams } from './teams.js';
import { generateOrgHistory, officerPostCodes } from './org-history.js';
import { insertAll } from './write.js';
import { pinyinInitials } from '../../../shared/domain/pinyin.js';

export interface DemoSummary {
  orgs: number;
  grids: number;
  /** Active members (the requested number). */
  members: number;
  devPeople: number;
  reserves: number;
  teamMembers: number;
  /** Members kept with a leaving event (died, transferred out of the county, 出党 …). */
  leftMembers?: number;
  memberEvents?: number;
  devSteps?: number;
  meetings?: number;
  /** The day the dates are relative to. */
  asOf?: string;
}

const MIN_MEMBERS = 1;
const MAX_MEMBERS = 1_000_000;

const ORG_COLUMNS = [
  'id', 'parentId', 'path', 'depth', 'name', 'shortName', 'kind', 'unitCategory', 'foundedOn', 'approvedByOrgId',
  'contactPerson', 'phone', 'canApprove', 'regionCode', 'venueArea', 'venueBuiltYear', 'venueFunds', 'liaisonLeader', 'sortOrder',
] as const;
const GRID_COLUMNS = ['id', 'parentId', 'path', 'name', 'initials', 'kind', 'orgId', 'ownerOrgId', 'leader', 'workers', 'households', 'population', 'buildingLeader', 'foundedOn', 'dissolvedOn', 'dissolvedReason'] as const;
const MEMBER_COLUMNS = [
  'id', 'idNumber', 'name', 'gender', 'ethnicity', 'birthDate', 'nativePlace', 'education', 'degree', 'category', 'joinedOn',
  'confirmedOn', 'orgId', 'partyPost', 'jobCategory', 'employerPost', 'techTitle', 'newStratum', 'migrantWorker', 'phone',
  'householdReg', 'residence', 'gridId', 'gridRegisteredOn', 'dutyPost', 'modelHousehold', 'mobile', 'mobilePlace',
  'mobileSince', 'lostContact', 'lostSince', 'lostCircumstance', 'hardship', 'status', 'leftOn', 'leftReason',
] as const;

/**
 * Fills an empty ledger with a realistic synthetic county under its root organisation (DOMAIN.md):
 * townships and villages, streets, communities and grids, county bodies, schools, a hospital,
 * 两新 organisations, members with their history, the 发展党员 pipeline, reserves, first
 * secretaries and work teams, 三会一课 records. The content (names, ID numbers, dates, counts) is
 * the same for the same seed and `today` (default: the local date); record ids are new each time.
 * Everything is written in one transaction.
 */
export async function fillDemoCounty(core: Core, opts: { members: number; seed: number; today?: string }): Promise<DemoSummary> {
  const n = opts.members;
  if (!Number.isInteger(n) || n < MIN_MEMBERS || n > MAX_MEMBERS) {
    throw new LedgerError('VALIDATION', `演示党员人数应为 ${MIN_MEMBERS}–${MAX_MEMBERS} 之间的整数`, { field: 'members' });
  }
  if (!Number.isInteger(opts.seed)) throw new LedgerError('VALIDATION', '随机种子应为整数', { field: 'seed' });
  const today = opts.today ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new LedgerError('VALIDATION', '日期格式应为 YYYY-MM-DD', { field: 'today' });
  const sqlite = core.sqlite;

  const existing = sqlite.prepare('SELECT count(*) AS n FROM members').get() as { n: number };
  if (existing.n > 0) {
    throw new LedgerError('CONFLICT', `台账中已有 ${existing.n} 名党员，演示数据只能填充到空台账中；请新建一个台账再生成演示数据`);
  }
  const rootSetting = sqlite.prepare(`SELECT value FROM settings WHERE key = 'rootOrgId'`).get() as { value: string } | undefined;
  const rootId = rootSetting ? (JSON.parse(rootSetting.value) as string) : null;
  const root = rootId ? (sqlite.prepare('SELECT id, path, name FROM orgs WHERE id = ?').get(rootId) as { id: string; path: string; name: string } | undefined) : undefined;
  if (!root) throw new LedgerError('NOT_INITIALISED', '台账尚未初始化（找不到根组织）');

  const jobId = demoId();
  const progress = (phase: string, done: number, total: number): void => core.env.onProgress?.({ jobId, phase, done, total });

  // ---- generate (pure, in memory) ----
  const rng = new Rng(opts.seed >>> 0);
  progress('生成党组织和网格', 0, 1);
  const tree = buildCounty(rng.fork('county'), root, n, today);
  const ids = new Identities(today);
  progress('生成党员', 0, 1);
  const people = generateMembers(rng.fork('members'), tree, ids, n);
  const officers = assignPosts(rng.fork('posts'), tree, people.byBranch);
  progress('生成发展党员、后备力量、驻村工作队和组织生活', 0, 1);
  const pipeline = generatePipeline(rng.fork('pipeline'), tree, ids, people, n);
  const reserves = generateReserves(rng.fork('reserves'), tree, ids, people, pipeline.people);
  const teams = generateTeams(rng.fork('teams'), tree, ids, people);
  const meetings = generateMeetings(rng.fork('meetings'), tree, today);
  const history = generateOrgHistory(rng.fork('org-history'), tree, today);

  const summary: DemoSummary = {
    orgs: tree.orgs.length,
    grids: tree.grids.length,
    members: n,
    devPeople: pipeline.people.length,
    reserves: reserves.reserves.length,
    teamMembers: teams.team.length,
    leftMembers: people.left,
    memberEvents: people.events.length,
    devSteps: pipeline.steps.length,
    meetings: meetings.length,
    asOf: today,
  };

  // ---- write (one transaction) ----
  const now = new Date().toISOString();
  const both = { now, updated: true };
  const created = { now, updated: false };
  const TABLES = 19;
  // Parents before children (a unit moved under a later grid comes after it).
  const depth = (path: string) => path.split('/').length;
  const grids = tree.grids.map((g) => ({ ...g, initials: pinyinInitials(g.name) })).sort((x, y) => depth(x.path) - depth(y.path));
  // 在职党员到社区报到 and residents of a community's grids, as dated records (migration 017).
  const registrations = people.members.filter((m) => m.gridId !== null).map((m) => ({ id: demoId(), memberId: m.id, gridId: m.gridId, fromDate: m.gridRegisteredOn, toDate: null }));
  let written = 0;
  const write = (table: string, columns: readonly string[], rows: readonly object[], stamps: { now: string; updated: boolean }): void => {
    insertAll(sqlite, table, columns, rows, stamps);
    progress('写入数据库', ++written, TABLES);
  };
  sqlite.transaction(() => {
    write('orgs', ORG_COLUMNS, tree.orgs, both);
    write('grids', GRID_COLUMNS, grids, both);
    write('grid_changes', ['id', 'gridId', 'kind', 'onDate', 'name', 'parentId', 'ownerOrgId', 'orgId', 'reason'], tree.gridChanges, created);
    write('members', MEMBER_COLUMNS, people.members, both);
    write('member_events', ['id', 'memberId', 'kind', 'onDate', 'orgId', 'otherParty', 'note', 'data'], people.events, created);
    write('grid_registrations', ['id', 'memberId', 'gridId', 'fromDate', 'toDate'], registrations, created);
    write('org_officers', ['id', 'orgId', 'memberId', 'name', 'post', 'fromDate'], officerPostCodes(officers), both);
    write('org_elections', ['id', 'orgId', 'electedOn', 'termYears', 'extendedTo', 'extensionApprovedBy', 'extensionApprovedOn'], history.elections, both);
    write('org_ratings', ['id', 'orgId', 'year', 'stars', 'weak'], history.ratings, both);
    write('org_rectifications', ['id', 'orgId', 'year', 'causes', 'measures', 'leader', 'startedOn', 'rectifiedOn', 'closedOn'], history.rectifications, both);
    write('dev_people', ['id', 'idNumber', 'name', 'gender', 'ethnicity', 'birthDate', 'education', 'jobCategory', 'phone', 'employer', 'orgId', 'stage', 'memberId'], pipeline.people, both);
    write('dev_steps', ['id', 'personId', 'step', 'onDate', 'data'], pipeline.steps, created);
    write('reserves', [
      'id', 'idNumber', 'name', 'gender', 'birthDate', 'ethnicity', 'education', 'major', 'politicalStatus', 'villageOrgId', 'source',
      'currentPost', 'direction', 'mentor', 'stage', 'enteredPoolOn', 'assessment', 'exitKind', 'exitOn', 'exitPost', 'exitReason', 'devPersonId', 'memberId',
    ], reserves.reserves, both);
    write('reserve_records', ['id', 'reserveId', 'kind', 'stage', 'onDate', 'content', 'post', 'reason'], reserves.records, created);
    write('team_members', [
      'id', 'villageOrgId', 'name', 'idNumber', 'role', 'dispatchingUnit', 'dispatchingLevel', 'villageType', 'batch', 'memberId',
      'fromDate', 'toDate', 'endedOn', 'endKind', 'endReason', 'workStartedOn', 'funds',
    ], teams.team, both);
    write('team_months', ['id', 'teamMemberId', 'month', 'daysInVillage', 'logCount', 'visitCount'], teams.months, both);
    write('team_leaves', ['id', 'teamMemberId', 'fromDate', 'toDate', 'reason', 'approvedBy', 'approvedOn'], teams.leaves, both);
    write('team_grades', ['id', 'teamMemberId', 'year', 'grade'], teams.grades, created);
    write('meetings', ['id', 'orgId', 'kind', 'heldOn', 'topic', 'attendees', 'absentees', 'note'], meetings, both);
    sqlite
      .prepare(`INSERT INTO audit_log (id, at, user_id, username, method, entity, entity_id, before, after, batch_id, org_id) VALUES (?, ?, NULL, NULL, 'demo', 'ledger', NULL, NULL, ?, NULL, ?)`)
      .run(demoId(), now, JSON.stringify({ seed: opts.seed, ...summary, breaches: pipeline.breaches }), root.id);
  })();
  return summary;
}
