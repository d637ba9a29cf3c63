import { sql, type Kysely } from 'kysely';

/**
 * The members roster at county scale and change sets (issue 9, items 4 and 5).
 *
 * Search, stored and indexed so that no search converts or scans names row by row:
 *   - members.initials: pinyin initials of the name ('zyx' for 张雨欣), orgs.initials: of the full
 *     and the short name, space-separated (org.search). Triggers fill them on every insert and
 *     name change through ledger_initials (db/functions.ts, registered on every connection), so
 *     every write path (handlers, imports, their undo, the demo) stores them; a writer that already
 *     has them (the import) passes them and the insert trigger does nothing.
 *   - member_grams: each character and each pair of adjacent characters of a member's name, with
 *     the member's rowid, so a name fragment ('雨欣', '张') is an index lookup. Kept by triggers
 *     (name_positions numbers the characters: trigger bodies cannot use a recursive CTE).
 *   - indexes for sorting on every roster column: (column) ends with the rowid, which is the
 *     tiebreak of the roster's order, so a sorted page is an index walk and the next page starts
 *     where the last one ended (keyset).
 *   - table_changes 'members_search': moves on when a name or ID number changes; with max(rowid)
 *     and member_changes it versions what a roster count depends on (member/count-cache.ts).
 *
 * Change sets: one user action that changes many records (a paste, a bulk action) is one
 * change_sets row; each of its audit rows carries the change id (audit_log.change_id), so undo reads
 * exactly its rows and writes the compensating change as a new change set (never touching the log).
 */
export const NAME_MAX = 100;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (s: string) => sql.raw(s).execute(db);

  await run(`ALTER TABLE orgs ADD COLUMN initials TEXT`);
  await run(`UPDATE orgs SET initials = ledger_initials(name, 0) || ' ' || coalesce(ledger_initials(short_name, 0), '')`);
  const orgInitials = `UPDATE orgs SET initials = ledger_initials(new.name, 0) || ' ' || coalesce(ledger_initials(new.short_name, 0), '') WHERE rowid = new.rowid`;
  await run(`CREATE TRIGGER orgs_initials_insert AFTER INSERT ON orgs BEGIN ${orgInitials}; END`);
  await run(`CREATE TRIGGER orgs_initials_update AFTER UPDATE OF name, short_name ON orgs BEGIN ${orgInitials}; END`);

  await run(`ALTER TABLE members ADD COLUMN initials TEXT`);
  await run(`UPDATE members SET initials = ledger_initials(name, 1)`);
  await run(`CREATE TABLE name_positions (i INTEGER PRIMARY KEY)`);
  await run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${NAME_MAX}) INSERT INTO name_positions (i) SELECT i FROM n`);
  await run(`CREATE TABLE member_grams (gram TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (gram, rid)) WITHOUT ROWID`);
  const grams = (row: 'new' | 'old', rid: string) =>
    `SELECT substr(${row}.name, i, 1)${rid} FROM name_positions WHERE i <= length(${row}.name) UNION SELECT substr(${row}.name, i, 2)${rid} FROM name_positions WHERE i < length(${row}.name)`;
  const addGrams = `INSERT OR IGNORE INTO member_grams (gram, rid) ${grams('new', ', new.rowid')}`;
  const dropGrams = `DELETE FROM member_grams WHERE rid = old.rowid AND gram IN (${grams('old', '')})`;
  await run(`INSERT OR IGNORE INTO member_grams (gram, rid) SELECT substr(m.name, p.i, 1), m.rowid FROM members m JOIN name_positions p ON p.i <= length(m.name)`);
  await run(`INSERT OR IGNORE INTO member_grams (gram, rid) SELECT substr(m.name, p.i, 2), m.rowid FROM members m JOIN name_positions p ON p.i < length(m.name)`);
  await run(`CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
    UPDATE members SET initials = ledger_initials(new.name, 1) WHERE rowid = new.rowid AND new.initials IS NULL;
    ${addGrams};
  END`);
  await run(`CREATE TRIGGER members_search_name AFTER UPDATE OF name ON members WHEN old.name IS NOT new.name BEGIN
    UPDATE members SET initials = ledger_initials(new.name, 1) WHERE rowid = new.rowid;
    ${dropGrams};
    ${addGrams};
  END`);
  await run(`CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN ${dropGrams}; END`);
  await run(`INSERT INTO table_changes (tbl, n) VALUES ('members_search', 0)`);
  await run(`CREATE TRIGGER members_search_changed AFTER UPDATE OF name, id_number ON members BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = 'members_search'; END`);

  for (const [name, column] of ROSTER_INDEXES) await run(`CREATE INDEX ${name} ON members(${column})`);

  await run(`CREATE TABLE change_sets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    method TEXT NOT NULL,
    at TEXT NOT NULL,
    summary TEXT NOT NULL,
    entity TEXT NOT NULL,
    count INTEGER NOT NULL,
    org_id TEXT,
    undo_of TEXT REFERENCES change_sets(id),
    undone_by TEXT REFERENCES change_sets(id)
  )`);
  await run(`CREATE INDEX change_sets_user_at ON change_sets(user_id, at)`);
  await run(`ALTER TABLE audit_log ADD COLUMN change_id TEXT`);
  await run(`CREATE INDEX audit_change ON audit_log(change_id) WHERE change_id IS NOT NULL`);
}

/**
 * One index per sortable roster column (members_name and the id_number key exist already). Plain
 * columns: SQLite did not seek or order by indexes on coalesce(column, ''), so the roster handles
 * NULLs (first when ascending) itself (member/roster-order.ts).
 */
export const ROSTER_INDEXES = [
  ['members_initials', 'initials'],
  ['members_gender', 'gender'],
  ['members_ethnicity', 'ethnicity'],
  ['members_birth', 'birth_date'],
  ['members_education', 'education'],
  ['members_category', 'category'],
  ['members_joined', 'joined_on'],
  ['members_confirmed', 'confirmed_on'],
  ['members_job', 'job_category'],
  ['members_phone', 'phone'],
  ['members_updated', 'updated_at'],
  ['members_org', 'org_id'],
] as const;
