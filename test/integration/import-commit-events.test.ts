/**
 * The admitted / confirmed events of the members an import creates are written by one INSERT …
 * SELECT over those members (commit/write-people.ts): one event a date the row gives, on the
 * member's organisation, with unique well-formed ids, and counted in the batch's audit row.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { memberRosterCsv } from '../helpers/roster.js';

describe('import.commit: events of created members', () => {
  const L = suiteLedger();

  it('one event a given date, ids unique and time-ordered-UUID shaped, images list them, undo removes them', async () => {
    const csv = memberRosterCsv([
      { name: '甲', idNumber: idFor('1980-01-01') },
      { name: '乙', idNumber: idFor('1980-01-02'), category: '预备党员', joinedOn: '2024-07-01', confirmedOn: '' },
      { name: '丙', idNumber: idFor('1980-01-03'), joinedOn: '2003-07-01', confirmedOn: '2004-07-01' },
    ]);
    const p = await L.admin('import.preview', { files: [{ name: 'e.csv', dataBase64: csv }] });
    expect(p.plan.create).toBe(3);
    const c = await L.admin('import.commit', { previewId: p.previewId });
    expect(c.created).toBe(3);

    const events = L.core.sqlite
      .prepare(
        `SELECT e.id, m.name, e.kind, e.on_date AS onDate, e.org_id = m.org_id AS sameOrg, e.note, e.created_at = m.created_at AS sameAt
         FROM member_events e JOIN members m ON m.id = e.member_id WHERE e.import_batch_id = ? ORDER BY e.id`,
      )
      .all(c.batchId) as { id: string; name: string; kind: string; onDate: string; sameOrg: number; note: string; sameAt: number }[];
    expect(events.map(({ name, kind, onDate }) => [name, kind, onDate])).toEqual([
      ['甲', 'admitted', '2005-07-01'],
      ['甲', 'confirmed', '2006-07-01'],
      ['乙', 'admitted', '2024-07-01'],
      ['丙', 'admitted', '2003-07-01'],
      ['丙', 'confirmed', '2004-07-01'],
    ]);
    for (const e of events) {
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect([e.sameOrg, e.note, e.sameAt]).toEqual([1, '导入', 1]);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(5);

    const audited = L.core.sqlite.prepare(`SELECT entity, after ->> '$.createdRecords' AS created FROM audit_log WHERE batch_id = ?`).all(c.batchId) as { entity: string; created: string }[];
    expect(audited.map((a) => [a.entity, JSON.parse(a.created)])).toEqual([['importBatch', { member: 3, memberEvent: 5 }]]);

    const u = await L.admin('import.undo', { batchId: c.batchId });
    expect(u.deleted).toBe(8);
    expect(L.core.sqlite.prepare('SELECT count(*) AS n FROM member_events WHERE import_batch_id = ?').get(c.batchId)).toEqual({ n: 0 });
  });
});
