import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { kyselyFor, openSqlite } from '../../electron/core/db/open.js';
import { migrateToLatest } from '../../electron/core/db/migrate.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

/**
 * The floor under the import commit: `n` member rows with a few columns inserted by one prepared
 * statement in one transaction, into a fresh encrypted ledger with the schema's indexes and the
 * import commit's page cache — no events, no audit rows, no per-row work beyond binding. Whatever
 * the commit does, it cannot be faster than this. Milliseconds.
 */
export async function memberInsertFloor(dir: string, n: number): Promise<number> {
  const sqlite = openSqlite(join(dir, 'floor.ledger'), randomBytes(32).toString('hex'), { create: true });
  try {
    await migrateToLatest(kyselyFor(sqlite));
    sqlite.pragma('cache_size = -16384');
    const now = new Date().toISOString();
    sqlite.prepare(`INSERT INTO orgs (id, parent_id, path, depth, name, kind, can_approve, weak, sort_order, created_at, updated_at) VALUES ('o1', NULL, '/o1/', 0, '县委', 'committee', 0, 0, 0, ?, ?)`).run(now, now);
    const ins = sqlite.prepare(`INSERT INTO members (id, id_number, name, category, org_id, status, gender, ethnicity, birth_date, education, joined_on, confirmed_on, phone, created_at, updated_at)
      VALUES (?, ?, ?, 'formal', 'o1', 'active', '1', '01', ?, '21', '2005-07-01', '2006-07-01', ?, ?, ?)`);
    // 450 birth dates × a sequence number: unique ID numbers for up to 450,000 rows.
    const birth = (i: number) => `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`;
    const rows = Array.from({ length: n }, (_, i) => [v7(), makeIdNumber('652302', birth(i), Math.floor(i / 450) % 1000), `党员${i}`, birth(i), `138${String(i).padStart(8, '0')}`, now, now]);
    const t0 = performance.now();
    sqlite.transaction(() => {
      for (const r of rows) ins.run(r);
    })();
    return performance.now() - t0;
  } finally {
    sqlite.close();
  }
}
