import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { kyselyFor, openSqlite } from '../../electron/core/db/open.js';
import { migrateToLatest } from '../../electron/core/db/migrate.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

/**
 * The floor under the import commit: exactly what a commit of `n` new members must store, and
 * nothing it could skip — `n` member rows with the columns a roster fills, each with its 发展 and
 * 转正 events, both carrying the batch id (undo finds them by it), and one audit row for the batch
 * listing its members (IMPORT.md allows one audit row a batch). Written by prepared statements in
 * one transaction into a fresh encrypted ledger at the latest schema, so every index and trigger the
 * schema has at the time (members' search and statistics indexes, the events' indexes, the change
 * log) is paid for, with the import commit's page cache. No per-row work beyond binding. Wall and
 * CPU milliseconds (on a shared machine CPU is the steadier figure, as for the commit).
 * `auditPerMember` adds an audit row a member with its after-image, as the commit wrote them before
 * its batch row counted the records it created (what that row saves).
 */
export async function commitFloor(dir: string, n: number, o: { auditPerMember?: boolean } = {}): Promise<{ ms: number; cpuMs: number }> {
  const sqlite = openSqlite(join(dir, `floor-${v7()}.ledger`), randomBytes(32).toString('hex'), { create: true });
  try {
    await migrateToLatest(kyselyFor(sqlite));
    sqlite.pragma('cache_size = -16384');
    const now = new Date().toISOString();
    sqlite.prepare(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, can_approve, weak, sort_order, created_at, updated_at) VALUES ('o1', NULL, '/o1/', 0, '县委', 'committee', 0, 0, 0, ?, ?)`).run(now, now);
    sqlite.prepare(`INSERT INTO import_batches (id, kind, user_id, files, counts, status, created_at) VALUES ('b1', 'members', NULL, '[]', '{}', 'committed', ?)`).run(now);
    const member = sqlite.prepare(`INSERT INTO members (id, id_number, name, category, org_id, status, gender, ethnicity, birth_date, education, job_category, joined_on, confirmed_on, phone, migrant_worker, model_household, mobile, lost_contact, hardship, party_age_adjust_months, import_batch_id, created_at, updated_at)
      VALUES (?, ?, ?, 'formal', 'o1', 'active', '1', '01', ?, '21', '02', ?, ?, ?, 0, 0, 0, 0, 0, 0, 'b1', ?, ?)`);
    const event = sqlite.prepare(`INSERT INTO member_events (id, member_id, kind, on_date, org_id, other_party, note, import_batch_id, created_at) VALUES (?, ?, ?, ?, 'o1', NULL, '导入', 'b1', ?)`);
    const audit = sqlite.prepare(`INSERT INTO audit_log (id, at, user_id, username, method, entity, entity_id, before, after, batch_id, org_id) VALUES (?, ?, NULL, 'bench', 'import.commit', 'importBatch', 'b1', NULL, ?, 'b1', 'o1')`);
    const memberAudit = sqlite.prepare(`INSERT INTO audit_log (id, at, user_id, username, method, entity, entity_id, before, after, batch_id, org_id) VALUES (?, ?, NULL, 'bench', 'import.commit', 'member', ?, NULL, ?, 'b1', 'o1')`);
    // 450 birth dates × a sequence number: unique ID numbers for up to 450,000 rows.
    const birth = (i: number) => `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`;
    const rows = Array.from({ length: n }, (_, i) => {
      const joined = `${1975 + (i % 45)}-07-01`;
      return { id: v7(), idNumber: makeIdNumber('652302', birth(i), Math.floor(i / 450) % 1000), name: `党员${i}`, birth: birth(i), joined, confirmed: `${1976 + (i % 45)}-07-01`, phone: `138${String(i).padStart(8, '0')}`, events: [v7(), v7()] };
    });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    sqlite.transaction(() => {
      for (const r of rows) {
        member.run(r.id, r.idNumber, r.name, r.birth, r.joined, r.confirmed, r.phone, now, now);
        event.run(r.events[0], r.id, 'admitted', r.joined, now);
        event.run(r.events[1], r.id, 'confirmed', r.confirmed, now);
        // The same, with one audit row a member as the commit wrote them before (what a batch row saves).
        if (o.auditPerMember) memberAudit.run(v7(), now, r.id, JSON.stringify({ idNumber: r.idNumber, name: r.name, birthDate: r.birth, joinedOn: r.joined, confirmedOn: r.confirmed, phone: r.phone, events: [{ kind: 'admitted', onDate: r.joined }, { kind: 'confirmed', onDate: r.confirmed }] }));
      }
      audit.run(v7(), now, JSON.stringify({ members: rows.map((r) => r.id) }));
    })();
    const cpu = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    sqlite.close();
  }
}
