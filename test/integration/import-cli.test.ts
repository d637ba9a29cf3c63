import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';

import { FIXTURES } from '../helpers/paths.js';
const ENV = { LEDGER_PASSWORD: 'cli-import-pass-2024' };

describe('ledger import / undo-import as a process', () => {
  const tmp = tempDir('ledger-cli-import-');
  const db = join(tmp.dir, 'c.ledger');
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    expect(ledger(['init', '--db', db, '--unit', '测试县委组织部', '--root', '中共测试县委员会'], ENV).code).toBe(0);
    // The township itself, then its tree from the sample file (parents resolved in the file and the ledger).
    const town = join(tmp.dir, '乡.csv');
    writeFileSync(town, '\uFEFF党组织名称,简称,组织类别,单位类别\r\n中共示例乡委员会,示例乡党委,党委,乡镇\r\n');
    expect(ledger(['import', '--db', db, '--commit', town], ENV).code).toBe(0);
    const r = ledger(['import', '--db', db, '--under', '示例乡党委', '--commit', '--json', join(FIXTURES, '示例乡党组织.xlsx')], ENV);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).committed.created).toBe(6);
  });

  it('prints the CLI.md JSON of a dry run, exit 0 even with row errors', () => {
    const r = ledger(['import', '--db', db, '--kind', 'members', '--under', '中共示例乡委员会', '--json', join(FIXTURES, '示例乡党员名册.xlsx')], ENV);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['files', 'rows', 'issues', 'plan', 'committed']));
    expect(out.files).toEqual([{ file: '示例乡党员名册.xlsx', sheet: '党员', kind: 'members', headerRow: 2, dataRows: 60, mapping: expect.objectContaining({ 公民身份号码: 'idNumber', 所在党组织: 'orgId' }) }]);
    expect(out.rows).toEqual({ total: 60, valid: 53, withWarnings: 0, withErrors: 7 });
    expect(out.plan).toMatchObject({ create: 53, update: 0, skip: 7 });
    expect(out.committed).toBeNull();
    expect(out.issues.map((i: { row: number; code: string }) => `${i.row}:${i.code}`)).toEqual(['5:ID_CHECKSUM', '12:ID_PRECISION_LOST', '17:ORG_UNKNOWN', '23:DATE_ORDER', '36:CODE_UNKNOWN', '44:DATE_INVALID', '53:DUPLICATE_IN_FILE']);
    expect(Object.keys(out.issues[0]).slice(0, 7)).toEqual(['file', 'sheet', 'row', 'column', 'code', 'severity', 'message']);
  });

  it('commits, reports in Chinese, and undoes the batch', () => {
    const human = ledger(['import', '--db', db, '--under', '示例乡党委', join(FIXTURES, '示例乡党员名册.xlsx')], ENV);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('共 60 行');
    expect(human.stdout).toContain('这是预览');
    const r = ledger(['import', '--db', db, '--under', '示例乡党委', '--commit', '--json', join(FIXTURES, '示例乡党员名册.xlsx')], ENV);
    expect(r.code).toBe(0);
    const committed = JSON.parse(r.stdout).committed;
    expect(committed).toMatchObject({ created: 53, updated: 0, skipped: 7 });
    expect(ledger(['check', '--db', db, '--json'], ENV).stdout).toContain('"members": 53');
    const u = ledger(['undo-import', '--db', db, '--batch', committed.batchId, '--json'], ENV);
    expect(u.code).toBe(0);
    expect(JSON.parse(u.stdout)).toMatchObject({ ok: true, deleted: 53 + 106 });
    expect(ledger(['check', '--db', db, '--json'], ENV).stdout).toContain('"members": 0');
  });

  it('exit 1 when nothing could be read; 2 on wrong usage; ambiguous or unknown --under refused', () => {
    const junk = join(tmp.dir, 'junk.xlsx');
    writeFileSync(junk, Buffer.from('this is not a workbook at all'));
    const r = ledger(['import', '--db', db, '--json', junk], ENV);
    expect(r.code).toBe(1);
    expect(ledger(['import', '--db', db], ENV).code).toBe(2);
    expect(ledger(['import', '--db', db, '--kind', 'nonsense', junk], ENV).code).toBe(2);
    expect(ledger(['import', '--db', db, '--under', '不存在的组织', junk], ENV).code).toBe(1);
  });
});
