/**
 * The commit writes its rows through prepared statements on the raw better-sqlite3 handle
 * (batch-writer.ts). These tests hold it to the guarantee of the Kysely path: the raw writes are on
 * the transaction's connection, so an error after them rolls every one of them back.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import type { Core } from '../../electron/core/core.js';
import { memberRosterCsv } from '../helpers/roster.js';


const TABLES = ['members', 'member_events', 'import_batches', 'import_batch_items', 'audit_log'] as const;

function counts(core: Core): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (core.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

function roster(n: number): string {
  return memberRosterCsv(Array.from({ length: n }, (_, i) => ({ name: `党员${i}`, idNumber: idFor('1980-03-0' + ((i % 9) + 1), true) })));
}

describe('import.commit through prepared statements on the raw handle', () => {
  const L = suiteLedger();

  it('raw statement and Kysely share one transaction: a throw rolls both back', async () => {
    const before = counts(L.core);
    await expect(
      L.core.db.transaction().execute(async (trx) => {
        L.core.sqlite.prepare(`INSERT INTO audit_log (id, at, method, entity) VALUES ('raw-1', '2024-01-01', 'test', 'x')`).run();
        await trx.insertInto('auditLog').values({ id: 'kysely-1', at: '2024-01-01', userId: null, username: null, method: 'test', entity: 'x', entityId: null, before: null, after: null, batchId: null }).execute();
        expect(L.core.sqlite.inTransaction).toBe(true);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(counts(L.core)).toEqual(before);
  });

  it('an error after the raw inserts of a commit leaves nothing; the same preview then commits whole', async () => {
    const p = await L.admin('import.preview', { files: [{ name: 'r.csv', dataBase64: roster(5) }] });
    expect(p.plan.create).toBe(5);
    const before = counts(L.core);

    // A real failure late in the commit: saving the remembered mapping comes after every person,
    // event and audit row; this temporary trigger refuses it only when the five raw inserts are
    // visible inside the transaction (otherwise the commit would succeed and the test fail).
    L.core.sqlite.exec(`CREATE TEMP TRIGGER fail_after_writes BEFORE INSERT ON main.import_mappings
      WHEN (SELECT count(*) FROM main.members) = ${before.members! + 5}
      BEGIN SELECT RAISE(ABORT, 'injected failure after the raw inserts'); END`);
    await expect(L.admin('import.commit', { previewId: p.previewId, rememberMapping: true })).rejects.toThrow(/injected failure/);
    // The raw inserts had happened, inside the transaction, and are gone with it.
    expect(counts(L.core)).toEqual(before);
    expect(L.core.sqlite.inTransaction).toBe(false);

    L.core.sqlite.exec('DROP TRIGGER temp.fail_after_writes');
    const c = await L.admin('import.commit', { previewId: p.previewId, rememberMapping: true });
    expect(c.created).toBe(5);
    const after = counts(L.core);
    expect(after.members).toBe(before.members! + 5);
    expect(after.member_events).toBe(before.member_events! + 10);
    expect(after.import_batches).toBe(before.import_batches! + 1);
    // Created rows carry the batch id (undo finds them by it): no batch items; one audit row for the
    // batch, counting what it created, and none a person.
    expect(after.import_batch_items).toBe(before.import_batch_items);
    const audited = L.core.sqlite.prepare('SELECT entity, count(*) AS n FROM audit_log WHERE batch_id = ? GROUP BY entity ORDER BY entity').all(c.batchId);
    expect(audited).toEqual([{ entity: 'importBatch', n: 1 }]);
    const image = JSON.parse((L.core.sqlite.prepare(`SELECT after FROM audit_log WHERE batch_id = ? AND entity = 'importBatch'`).get(c.batchId) as { after: string }).after);
    expect(image).toMatchObject({ counts: { created: 5 }, createdRecords: { member: 5, memberEvent: 10 } });
    const ev = L.core.sqlite.prepare(`SELECT kind, on_date FROM member_events WHERE import_batch_id = ? ORDER BY kind LIMIT 2`).all(c.batchId);
    expect(ev).toEqual([
      { kind: 'admitted', on_date: '2005-07-01' },
      { kind: 'admitted', on_date: '2005-07-01' },
    ]);
    // And the batch undoes as a whole.
    const u = await L.admin('import.undo', { batchId: c.batchId });
    expect(u.deleted).toBe(15);
    expect(counts(L.core).members).toBe(before.members);
  });

  it('undo finds created rows by their batch id: a created event or member deleted since blocks it (counted against the batch row); force reverts the rest', async () => {
    const p = await L.admin('import.preview', { files: [{ name: 'd.csv', dataBase64: roster(3) }] });
    const c = await L.admin('import.commit', { previewId: p.previewId });
    expect(c.created).toBe(3);
    const ids = L.core.sqlite.prepare('SELECT id, name FROM members WHERE import_batch_id = ? ORDER BY name').all(c.batchId) as { id: string; name: string }[];
    expect(ids).toHaveLength(3);
    // Deleted behind the ledger's back: one event of the first member, the whole second member.
    L.core.sqlite.prepare(`DELETE FROM member_events WHERE member_id = ? AND kind = 'confirmed'`).run(ids[0]!.id);
    L.core.sqlite.prepare('DELETE FROM member_events WHERE member_id = ?').run(ids[1]!.id);
    L.core.sqlite.prepare('DELETE FROM members WHERE id = ?').run(ids[1]!.id);
    const err = (await L.admin('import.undo', { batchId: c.batchId }).then(
      () => new Error('undo was not refused'),
      (e: unknown) => e as Error,
    )) as Error & { code?: string };
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('本批次新建的党员状态记录中有3条已被删除');
    expect(err.message).toContain('本批次新建的党员中有1条已被删除');
    const forced = await L.admin('import.undo', { batchId: c.batchId, force: true });
    // What is left of the batch: 2 members and 3 events.
    expect(forced.deleted).toBe(5);
    expect((L.core.sqlite.prepare('SELECT count(*) AS n FROM members WHERE import_batch_id = ?').get(c.batchId) as { n: number }).n).toBe(0);
    expect((L.core.sqlite.prepare('SELECT count(*) AS n FROM member_events WHERE import_batch_id = ?').get(c.batchId) as { n: number }).n).toBe(0);
    // As at the commit, no audit row a deleted record: the batch's undo row counts them.
    const undone = L.core.sqlite.prepare(`SELECT entity, after ->> '$.deletedRecords' AS deleted FROM audit_log WHERE batch_id = ? AND method = 'import.undo'`).all(c.batchId) as { entity: string; deleted: string }[];
    expect(undone.map((u) => [u.entity, JSON.parse(u.deleted)])).toEqual([['importBatch', { member: 2, memberEvent: 3 }]]);
  });
});
