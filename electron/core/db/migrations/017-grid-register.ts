import { sql, type Kysely } from 'kysely';
import { pinyinInitials } from '../../../../shared/domain/pinyin.js';

/**
 * Grid units as a register of places with a history (issue 8, item 7; shared/domain/grid-rules.ts):
 *
 * - grids.founded_on (设立日期): a unit exists from that day. Existing units count from the day they
 *   were entered, as the statistics counted them until now, so no figure moves.
 * - grids.dissolved_reason, grids.initials (pinyin initials of the name, for the tree's search).
 * - grid_changes: the dated records of a unit's life, one per event: 'found' (name, parent, owner and
 *   covering organisation from the founding day), 'rename' (name), 'move' (parent and owner),
 *   'cover' (covering organisation, null for none), 'dissolve'. The grids row holds the state after
 *   the latest record; the state on any past day is the records up to that day, so 'as of' answers
 *   never change later. Existing units get their 'found' (and 'dissolve') records.
 * - grid_registrations: 在职党员到社区报到 as dated records (from_date, to_date: the day it ended,
 *   not counted; null while it holds). members.grid_id / grid_registered_on keep the current one.
 *   Existing registrations carry over with the date they had (null: since before records began).
 * - Statistics counters (migration 006's table_changes) for both tables; an index on the owner, by
 *   which every scope check and subtree read finds units.
 *
 * Frozen: nothing imports from this file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`ALTER TABLE grids ADD COLUMN founded_on TEXT`);
  await run(`ALTER TABLE grids ADD COLUMN dissolved_reason TEXT`);
  await run(`ALTER TABLE grids ADD COLUMN initials TEXT`);
  await run(`UPDATE grids SET founded_on = substr(created_at, 1, 10)`);
  await run(`CREATE INDEX grids_owner ON grids(owner_org_id)`);
  const names = (await sql<{ id: string; name: string }>`SELECT id, name FROM grids`.execute(db)).rows;
  for (const g of names) await sql`UPDATE grids SET initials = ${pinyinInitials(g.name)} WHERE id = ${g.id}`.execute(db);

  await run(`CREATE TABLE grid_changes (
    id TEXT PRIMARY KEY,
    grid_id TEXT NOT NULL REFERENCES grids(id),
    kind TEXT NOT NULL CHECK (kind IN ('found', 'rename', 'move', 'cover', 'dissolve')),
    on_date TEXT NOT NULL,
    name TEXT,
    parent_id TEXT REFERENCES grids(id),
    owner_org_id TEXT REFERENCES orgs(id),
    org_id TEXT REFERENCES orgs(id),
    reason TEXT,
    import_batch_id TEXT,
    created_at TEXT NOT NULL
  )`);
  await run(`CREATE INDEX grid_changes_grid ON grid_changes(grid_id, on_date)`);
  // Deleting a unit or an organisation (an import undone) finds its references by index.
  await run(`CREATE INDEX grid_changes_parent ON grid_changes(parent_id)`);
  await run(`CREATE INDEX grid_changes_owner ON grid_changes(owner_org_id)`);
  await run(`CREATE INDEX grid_changes_org ON grid_changes(org_id)`);
  await run(`INSERT INTO grid_changes (id, grid_id, kind, on_date, name, parent_id, owner_org_id, org_id, import_batch_id, created_at)
    SELECT 'f-' || id, id, 'found', founded_on, name, parent_id, owner_org_id, org_id, import_batch_id, created_at FROM grids`);
  await run(`INSERT INTO grid_changes (id, grid_id, kind, on_date, created_at)
    SELECT 'd-' || id, id, 'dissolve', dissolved_on, updated_at FROM grids WHERE dissolved_on IS NOT NULL`);

  await run(`CREATE TABLE grid_registrations (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    grid_id TEXT NOT NULL REFERENCES grids(id),
    from_date TEXT,
    to_date TEXT,
    import_batch_id TEXT,
    created_at TEXT NOT NULL
  )`);
  await run(`CREATE INDEX grid_registrations_grid ON grid_registrations(grid_id, to_date)`);
  await run(`CREATE INDEX grid_registrations_member ON grid_registrations(member_id, from_date)`);
  await run(`INSERT INTO grid_registrations (id, member_id, grid_id, from_date, import_batch_id, created_at)
    SELECT 'r-' || id, id, grid_id, grid_registered_on, import_batch_id, updated_at FROM members WHERE grid_id IS NOT NULL`);

  for (const t of ['grid_changes', 'grid_registrations']) {
    await run(`INSERT INTO table_changes (tbl, n) VALUES ('${t}', 0)`);
    for (const op of ['UPDATE', 'DELETE']) {
      await run(`CREATE TRIGGER ${t}_changed_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = '${t}'; END`);
    }
  }
}
