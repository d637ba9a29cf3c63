import { sql, type Kysely } from 'kysely';

/**
 * Each audit row names the organisation it concerns (`org_id`), so an administrator whose scope is
 * a township reads only the rows of that subtree, and the log can be filtered by organisation,
 * user, action and time from indexes alone (measured in test/bench/audit-bench.ts). Existing rows
 * are filled from their record, or from the record's image in the row when the record is gone (an
 * undone import); what names no organisation (settings, backups, the set-up) belongs to the root.
 * Last, the log is made append-only: UPDATE and DELETE on audit_log fail, whoever tries.
 */

/** Per entity: the organisation of its record by id, then as the row's before/after image says. */
const BACKFILL: [entity: string, byRecord: string, byImage: string][] = [
  ['org', `audit_log.entity_id`, `NULL`],
  ['member', `(SELECT org_id FROM members WHERE id = audit_log.entity_id)`, imageKey('orgId')],
  ['devPerson', `(SELECT org_id FROM dev_people WHERE id = audit_log.entity_id)`, imageKey('orgId')],
  ['meeting', `(SELECT org_id FROM meetings WHERE id = audit_log.entity_id)`, imageKey('orgId')],
  ['grid', `(SELECT owner_org_id FROM grids WHERE id = audit_log.entity_id)`, imageKey('ownerOrgId')],
  ['reserve', `(SELECT village_org_id FROM reserves WHERE id = audit_log.entity_id)`, imageKey('villageOrgId')],
  ['teamMember', `(SELECT village_org_id FROM team_members WHERE id = audit_log.entity_id)`, imageKey('villageOrgId')],
  ['user', `(SELECT scope_org_id FROM users WHERE id = audit_log.entity_id)`, imageKey('scopeOrgId')],
  ['importBatch', `(SELECT sender_org_id FROM import_batches WHERE id = audit_log.entity_id)`, imageKey('senderOrgId')],
  [
    'devStep',
    `(SELECT p.org_id FROM dev_steps s JOIN dev_people p ON p.id = s.person_id WHERE s.id = audit_log.entity_id)`,
    `(SELECT org_id FROM dev_people WHERE id = ${imageKey('personId')})`,
  ],
  [
    'memberEvent',
    `(SELECT m.org_id FROM member_events e JOIN members m ON m.id = e.member_id WHERE e.id = audit_log.entity_id)`,
    `(SELECT org_id FROM members WHERE id = ${imageKey('memberId')})`,
  ],
  [
    'teamMonth',
    `(SELECT t.village_org_id FROM team_months m JOIN team_members t ON t.id = m.team_member_id WHERE m.id = audit_log.entity_id)`,
    `(SELECT village_org_id FROM team_members WHERE id = ${imageKey('teamMemberId')})`,
  ],
];

function imageKey(key: string): string {
  return `coalesce(json_extract(audit_log.after, '$.${key}'), json_extract(audit_log.before, '$.${key}'))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE audit_log ADD COLUMN org_id TEXT`).execute(db);
  for (const [entity, byRecord, byImage] of BACKFILL) {
    await sql.raw(`UPDATE audit_log SET org_id = coalesce(${byRecord}, ${byImage}) WHERE entity = '${entity}'`).execute(db);
  }
  // Rows of other kinds (host events, exports) and records that left no trace: the user's scope,
  // else the root.
  await sql.raw(`UPDATE audit_log SET org_id = (SELECT scope_org_id FROM users WHERE id = audit_log.user_id) WHERE org_id IS NULL AND user_id IS NOT NULL`).execute(db);
  await sql.raw(`UPDATE audit_log SET org_id = (SELECT json_extract(value, '$') FROM settings WHERE key = 'rootOrgId') WHERE org_id IS NULL`).execute(db);

  for (const s of [
    // A subtree is many org_ids: each seek reads its rows (of one action too), then they are sorted.
    `CREATE INDEX audit_org_method_at ON audit_log(org_id, method, at)`,
    // In time order per user and per action. No org_id after `at`: an import's rows share user,
    // action and `at`, so these stay appends in rowid order (org_id there made each of them a
    // scattered insert: +3.5 s per index on a 50,000-row commit).
    `CREATE INDEX audit_user_at ON audit_log(user_id, at)`,
    `CREATE INDEX audit_method_at ON audit_log(method, at)`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志不可删除'); END`,
  ]) {
    await sql.raw(s).execute(db);
  }
}
