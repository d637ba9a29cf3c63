import { describe, expect, it } from 'vitest';
import { idFor } from '../helpers/ledger.js';
import { suiteLedger } from '../helpers/suite.js';
import { memberRosterCsv } from '../helpers/roster.js';

const roster = (rows: readonly [string, string][]) => memberRosterCsv(rows.map(([name, idNumber]) => ({ name, idNumber })));

/** import.fixCell answers with the planned updates as they are after the fix (the preview's before → after list). */
describe('import.fixCell and the planned updates', () => {
  const L = suiteLedger();

  it('a fix changes what an update writes, or turns it into a create', async () => {
    const id = idFor('1975-03-03', true);
    const first = await L.admin('import.preview', { files: [{ name: 'a.csv', dataBase64: roster([['张三', id]]) }] });
    await L.admin('import.commit', { previewId: first.previewId });
    const p = await L.admin('import.preview', { files: [{ name: 'b.csv', dataBase64: roster([['张叁', id]]) }] });
    expect(p.updates).toHaveLength(1);
    expect(p.updates[0]).toMatchObject({ row: 2, before: { name: '张三' }, after: { name: '张叁' } });
    const renamed = await L.admin('import.fixCell', { previewId: p.previewId, file: 'b.csv', sheet: p.updates[0]!.sheet, row: 2, column: '姓名', value: '张三丰' });
    expect(renamed.updates).toHaveLength(1);
    expect(renamed.updates[0]).toMatchObject({ before: { name: '张三' }, after: { name: '张三丰' } });
    const other = await L.admin('import.fixCell', { previewId: p.previewId, file: 'b.csv', sheet: p.updates[0]!.sheet, row: 2, column: '公民身份号码', value: idFor('1976-04-04', true) });
    expect(other.updates).toEqual([]);
    expect(other.plan.create).toBe(1);
  });
});
