import { sql, type Kysely } from 'kysely';

/**
 * 第一书记 / 驻村工作队 and 组织生活 as dated records (issue 10):
 * - team_members: 参加工作日期 and, for cadres without a member record here, 人员类别 and 转正日期
 *   as entered (the first-secretary eligibility reads them); recalled_on becomes ended_on with
 *   the kind of end (召回 recall / 轮换 rotation) and its reason.
 * - team_months: 走访农户 counts; created by imports (import_batch_id) and stamped when changed.
 *   Its leave_days column gives way to team_leaves, dated leave records with who approved them:
 *   each month's leave days move into one record from the month's first day, not approved (the
 *   old count never said who approved it), so no figure changes.
 * - team_trainings: dated training records per cadre.
 * - team_grades: a note (the 考核 grade's basis or correction).
 * - meeting_attendance: who was present or absent at a meeting, with the reason.
 * - The statistics' table_changes counters (migration 006) for these tables and for meetings, a
 *   counter 'orgs:tree' for the organisation tree alone (parent, path, kind, founding, dissolution:
 *   not 星级 or names), and covering indexes for the missed-meetings view (meetings of a span, the
 *   branches of a subtree).
 */
const VERSIONED = ['meetings', 'meeting_attendance', 'team_leaves', 'team_trainings'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE team_members RENAME COLUMN recalled_on TO ended_on`,
    `ALTER TABLE team_members ADD COLUMN end_kind TEXT CHECK (end_kind IN ('recall', 'rotation'))`,
    `ALTER TABLE team_members ADD COLUMN end_reason TEXT`,
    `ALTER TABLE team_members ADD COLUMN work_started_on TEXT`,
    `ALTER TABLE team_members ADD COLUMN party_category TEXT CHECK (party_category IN ('formal', 'probationary', 'none'))`,
    `ALTER TABLE team_members ADD COLUMN party_confirmed_on TEXT`,
    `UPDATE team_members SET end_kind = 'recall' WHERE ended_on IS NOT NULL`,

    `CREATE TABLE team_leaves (
      id TEXT PRIMARY KEY,
      team_member_id TEXT NOT NULL REFERENCES team_members(id),
      from_date TEXT NOT NULL,
      to_date TEXT NOT NULL,
      reason TEXT,
      approved_by TEXT,
      approved_on TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (to_date >= from_date)
    )`,
    `CREATE INDEX team_leaves_member ON team_leaves(team_member_id, from_date)`,
    `INSERT INTO team_leaves (id, team_member_id, from_date, to_date, reason, approved_by, approved_on, import_batch_id, created_at, updated_at)
      SELECT id, team_member_id, month || '-01', date(month || '-01', '+' || (leave_days - 1) || ' days'), '按月登记的请假天数（未记批准人）', NULL, NULL, NULL, created_at, created_at
      FROM team_months WHERE leave_days > 0`,
    `ALTER TABLE team_months DROP COLUMN leave_days`,
    `ALTER TABLE team_months ADD COLUMN visit_count INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE team_months ADD COLUMN import_batch_id TEXT`,
    `ALTER TABLE team_months ADD COLUMN updated_at TEXT`,
    `UPDATE team_months SET updated_at = created_at`,

    `CREATE TABLE team_trainings (
      id TEXT PRIMARY KEY,
      team_member_id TEXT NOT NULL REFERENCES team_members(id),
      on_date TEXT NOT NULL,
      topic TEXT NOT NULL,
      hours REAL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX team_trainings_member ON team_trainings(team_member_id, on_date)`,
    `ALTER TABLE team_grades ADD COLUMN note TEXT`,

    `CREATE TABLE meeting_attendance (
      id TEXT PRIMARY KEY,
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      member_id TEXT NOT NULL REFERENCES members(id),
      present INTEGER NOT NULL CHECK (present IN (0, 1)),
      reason TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (meeting_id, member_id)
    )`,
    `CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id)`,
    // The missed-meetings view reads a span of dates for a subtree: a range scan that never visits the rows.
    `CREATE INDEX meetings_held ON meetings(held_on, org_id, kind)`,
    // ... and the branches and groups of a subtree that hold them, without visiting organisation rows.
    `CREATE INDEX orgs_holders ON orgs(kind, path, parent_id, founded_on, dissolved_on)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
  // The organisation tree's own counter: what decides which branch or village is where (not 星级, not names).
  await sql.raw(`INSERT INTO table_changes (tbl, n) VALUES ('orgs:tree', 0)`).execute(db);
  await sql.raw(`CREATE TRIGGER orgs_tree_changed_update AFTER UPDATE OF parent_id, path, kind, founded_on, dissolved_on ON orgs BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = 'orgs:tree'; END`).execute(db);
  await sql.raw(`CREATE TRIGGER orgs_tree_changed_delete AFTER DELETE ON orgs BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = 'orgs:tree'; END`).execute(db);
  for (const t of VERSIONED) {
    await sql.raw(`INSERT INTO table_changes (tbl, n) VALUES ('${t}', 0)`).execute(db);
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${t}_changed_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE table_changes SET n = n + 1 WHERE tbl = '${t}'; END`).execute(db);
    }
  }
}
