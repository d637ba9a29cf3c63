import { sql, type Kysely } from 'kysely';

/**
 * An organisation's past as data (issue 8): what used to be overwritten in place on `orgs` becomes
 * dated records, so every state of the structure can be asked for by date.
 *
 * - org_elections: each 换届 (elected_on, term_years fixed when recorded, an approved extension
 *   with its approving body and date). The current term is the latest election on or before a date.
 * - org_ratings (exists): one row per year (星级, 软弱涣散 flag); gains updated_at and import_batch_id.
 * - org_rectifications: the 整顿 of a year's 软弱涣散 designation: causes (JSON array of codes),
 *   measures, the county leader linked to it, and the dates that make its status on any day
 *   (started_on 整顿中, rectified_on 已整顿待验收, closed_on 已销号).
 * - org_officers (exists): 班子成员 with 党内职务 and dates; gains updated_at, end_reason and
 *   import_batch_id. The secretary is the officer with post 'secretary' in post on the date.
 * - org_changes: dated changes of the columns that place or classify an organisation (parent_id
 *   when moved, kind, unit_category), each with old and new value, so the tree on a past date is
 *   the current one with later changes undone. Renames stay in org_names (曾用名).
 * - orgs.merged_into_id: the branch a merged one was absorbed into (it is dissolved on that date).
 *
 * Existing values are carried over (an election from term_elected_on, a rating and a
 * rectification from stars / weak / rectification_* in the year the row was last written, the
 * secretary as an officer), then the old columns are dropped so nothing writes them again. The
 * statistics counter of `orgs` (migration 007) now watches only the columns that remain; the new
 * tables get counters like migration 006's.
 *
 * Frozen: nothing imports from this file but the table list below.
 */
export const ORG_HISTORY_TABLES = ['org_elections', 'org_rectifications', 'org_officers', 'org_changes'] as const;

const DROPPED = ['secretary_member_id', 'term_elected_on', 'term_years', 'term_extended_to', 'stars', 'weak', 'rectification_status', 'rectification_measures'];
const ORG_STAT_COLUMNS = ['parent_id', 'path', 'depth', 'kind', 'unit_category', 'founded_on', 'dissolved_on'];

export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`CREATE TABLE org_elections (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    elected_on TEXT NOT NULL,
    term_years INTEGER NOT NULL CHECK (term_years BETWEEN 1 AND 10),
    extended_to TEXT,
    extension_approved_by TEXT REFERENCES orgs(id),
    extension_approved_on TEXT,
    note TEXT,
    import_batch_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);
  await run(`CREATE INDEX org_elections_org ON org_elections(org_id, elected_on)`);
  await run(`CREATE INDEX org_elections_approver ON org_elections(extension_approved_by)`);

  await run(`ALTER TABLE org_ratings ADD COLUMN import_batch_id TEXT`);
  await run(`ALTER TABLE org_ratings ADD COLUMN updated_at TEXT`);
  await run(`UPDATE org_ratings SET updated_at = created_at`);

  await run(`CREATE TABLE org_rectifications (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    year INTEGER NOT NULL,
    causes TEXT NOT NULL DEFAULT '[]',
    measures TEXT,
    leader TEXT,
    started_on TEXT,
    rectified_on TEXT,
    closed_on TEXT,
    import_batch_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, year)
  )`);

  for (const c of ['updated_at TEXT', 'end_reason TEXT', 'import_batch_id TEXT']) await run(`ALTER TABLE org_officers ADD COLUMN ${c}`);
  await run(`UPDATE org_officers SET updated_at = created_at`);
  // Posts were free text (the demo wrote 书记, 党委书记 …): the code table of shared/codes/org-records.ts.
  await run(`UPDATE org_officers SET post = CASE
      WHEN post IN ('书记', '党委书记', '党工委书记', '党总支书记', '支部书记') THEN 'secretary'
      WHEN post IN ('副书记', '党委副书记', '党总支副书记', '支部副书记') THEN 'deputy-secretary'
      WHEN post = '组织委员' THEN 'organisation'
      WHEN post = '宣传委员' THEN 'propaganda'
      WHEN post = '纪检委员' THEN 'discipline'
      WHEN post = '青年委员' THEN 'youth'
      WHEN post = '妇女委员' THEN 'women'
      WHEN post IN ('党小组组长', '党小组长', '组长') THEN 'group-leader'
      ELSE 'member' END`);

  await run(`CREATE TABLE org_changes (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    on_date TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('parent_id', 'kind', 'unit_category')),
    old_value TEXT,
    new_value TEXT,
    reason TEXT,
    created_at TEXT NOT NULL
  )`);
  await run(`CREATE INDEX org_changes_org ON org_changes(org_id, on_date)`);
  await run(`CREATE INDEX org_changes_date ON org_changes(on_date)`);

  await run(`ALTER TABLE orgs ADD COLUMN merged_into_id TEXT REFERENCES orgs(id)`);

  // Carry the in-place values over. The year of a rating is the year its row was last written.
  const year = `CAST(substr(updated_at, 1, 4) AS INTEGER)`;
  const termYears = `coalesce(term_years, CASE
      WHEN kind IN ('local-committee', 'committee') THEN 5
      WHEN kind IN ('general-branch', 'branch', 'joint-branch') AND unit_category IN ('village', 'community') THEN 5
      WHEN kind IN ('general-branch', 'branch', 'joint-branch') THEN 3 END, 3)`;
  await run(`INSERT INTO org_elections (id, org_id, elected_on, term_years, extended_to, note, import_batch_id, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), id, term_elected_on, ${termYears}, term_extended_to, '升级前登记的本届选举', import_batch_id, updated_at, updated_at
    FROM orgs WHERE term_elected_on IS NOT NULL`);
  await run(`INSERT OR IGNORE INTO org_ratings (id, org_id, year, stars, weak, note, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), id, ${year}, stars, weak, NULL, updated_at, updated_at FROM orgs WHERE stars IS NOT NULL OR weak = 1`);
  const status = (names: string) => `rectification_status IN (${names})`;
  const done = `'已整顿待验收', '待验收', '已销号', '销号', '已完成', '已整顿', '完成', 'done'`;
  await run(`INSERT OR IGNORE INTO org_rectifications (id, org_id, year, causes, measures, started_on, rectified_on, closed_on, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), id, ${year}, '[]', rectification_measures, NULL,
      CASE WHEN ${status(done)} THEN substr(updated_at, 1, 10) END,
      CASE WHEN ${status(`'已销号', '销号'`)} THEN substr(updated_at, 1, 10) END,
      updated_at, updated_at
    FROM orgs WHERE weak = 1`);
  await run(`INSERT INTO org_officers (id, org_id, member_id, name, post, from_date, to_date, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), o.id, m.id, m.name, 'secretary', o.term_elected_on, NULL, o.updated_at, o.updated_at
    FROM orgs o JOIN members m ON m.id = o.secretary_member_id
    WHERE NOT EXISTS (SELECT 1 FROM org_officers x WHERE x.org_id = o.id AND x.member_id = m.id AND x.post = 'secretary' AND x.to_date IS NULL)`);

  await run(`DROP TRIGGER IF EXISTS orgs_changed_update`);
  for (const c of DROPPED) await run(`ALTER TABLE orgs DROP COLUMN ${c}`);
  await run(`CREATE TRIGGER orgs_changed_update AFTER UPDATE OF ${ORG_STAT_COLUMNS.join(', ')} ON orgs BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = 'orgs'; END`);

  for (const t of ORG_HISTORY_TABLES) {
    await run(`INSERT OR IGNORE INTO table_changes (tbl, n) VALUES ('${t}', 0)`);
    for (const op of ['UPDATE', 'DELETE']) {
      await run(`CREATE TRIGGER ${t}_changed_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = '${t}'; END`);
    }
  }
}
