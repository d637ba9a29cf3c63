/**
 * The commit evaluates the plan again inside its transaction only when the ledger may have changed
 * since the preview (or the last fix) evaluated it (plan/evaluate.ts, ledgerVersion): unchanged,
 * the same plan is written without a second pass; changed, the plan follows the ledger.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { memberRosterCsv } from '../helpers/roster.js';
import { evaluationPasses } from '../../electron/core/imports/plan/evaluate.js';

/** Database passes since the last reset. */
let base = 0;
const seen = {
  get passes() {
    return evaluationPasses.count - base;
  },
  set passes(v: number) {
    base = evaluationPasses.count - v;
  },
};

const ids = (births: readonly string[]) => births.map((b) => idFor(b, true));

function roster(idNumbers: readonly string[], name = '党员'): string {
  return memberRosterCsv(idNumbers.map((idNumber, i) => ({ name: `${name}${i}`, idNumber })));
}

describe('import.commit evaluates again only when the ledger changed since the preview', () => {
  const L = suiteLedger();

  it('nothing written since the preview: the commit writes the previewed plan without a second pass', async () => {
    const p = await L.admin('import.preview', { files: [{ name: 'a.csv', dataBase64: roster(ids(['1971-01-01', '1971-01-02'])) }] });
    expect(p.plan.create).toBe(2);
    seen.passes = 0;
    const c = await L.admin('import.commit', { previewId: p.previewId });
    expect(seen.passes).toBe(0);
    expect(c.created).toBe(2);
  });

  it('a fix evaluates, and the commit after it does not again', async () => {
    const p = await L.admin('import.preview', { files: [{ name: 'b.csv', dataBase64: roster(ids(['1972-01-01', '1972-01-02'])) }] });
    const first = (await L.admin('import.rows', { previewId: p.previewId, only: 'all', offset: 0, limit: 1 })).rows[0]!;
    seen.passes = 0;
    await L.admin('import.fixCell', { previewId: p.previewId, file: first.file, sheet: first.sheet, row: first.row, column: '姓名', value: '改过的名字' });
    expect(seen.passes).toBe(1);
    const c = await L.admin('import.commit', { previewId: p.previewId });
    expect(seen.passes).toBe(1);
    expect(c.created).toBe(2);
    expect(L.core.sqlite.prepare(`SELECT count(*) AS n FROM members WHERE name = '改过的名字'`).get()).toEqual({ n: 1 });
  });

  it('a write since the preview: the commit evaluates again and follows the ledger', async () => {
    const births = ids(['1973-01-01', '1973-01-02', '1973-01-03']);
    const p1 = await L.admin('import.preview', { files: [{ name: 'c1.csv', dataBase64: roster(births) }] });
    const p2 = await L.admin('import.preview', { files: [{ name: 'c2.csv', dataBase64: roster(births) }] });
    expect(p2.plan.create).toBe(3);
    await L.admin('import.commit', { previewId: p1.previewId });
    seen.passes = 0;
    // Planned as creates, but the same people now exist: matched, nothing created twice.
    const c2 = await L.admin('import.commit', { previewId: p2.previewId });
    expect(seen.passes).toBe(1);
    expect(c2.created).toBe(0);
    expect(c2.unchanged).toBe(3);
  });

  it('a failed commit (rolled back) counts as a change: the next attempt evaluates again', async () => {
    const p = await L.admin('import.preview', { files: [{ name: 'd.csv', dataBase64: roster(ids(['1974-01-01'])) }] });
    // Another write call that fails after writing: its rows are rolled back.
    await expect(
      L.core.db.transaction().execute(async (trx) => {
        await trx.updateTable('orgs').set({ sortOrder: 1 }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    seen.passes = 0;
    const c = await L.admin('import.commit', { previewId: p.previewId });
    expect(seen.passes).toBe(1);
    expect(c.created).toBe(1);
  });
});
