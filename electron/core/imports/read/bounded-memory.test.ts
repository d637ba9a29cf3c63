/**
 * The memory a read adds is bounded by the cells it keeps (the cell cap), not by the file: each
 * shape below is a 20 MB file holding 70,000 cells, read in a child process with a 32 MB heap,
 * and the peak RSS the read added is held to the cap's budget. Before the readers streamed, a
 * CSV was held whole as bytes and again decoded (UTF-8: the child ran out of heap; GB18030: iconv's
 * copies outside the heap put the peak at ~3 × the file), SheetJS built every cell of an .xls
 * before the cap was checked, and an xlsx's shared string table was held whole however long.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handXlsx, sheetXml, textCell, xlsxEntries } from '../../../../test/helpers/hand-xlsx.js';
import { makeZip } from '../../../../test/helpers/zip.js';
import { disposeReadChild, readInChild, type ReadOutcome } from '../../../../test/helpers/read-child.js';
import { columnLetter } from './cells.js';

const ROWS = 10_000;
const CAP = 100_000;
/** What a kept cell may cost (object, string, row slot) and what any read costs (chunks, young heap). */
const BUDGET_MB = (CAP * 200) / 2 ** 20 + 24;
const HEADER = ['姓名', '性别', '民族', '公民身份号码', '出生日期', '所在党支部', '联系电话'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

const person = (i: number): string[] => [
  `${SURNAMES[i % 20]}${SURNAMES[(i * 7) % 20]}${i}`,
  i % 2 ? '男' : '女',
  i % 3 ? '汉族' : '维吾尔族',
  `65292319${70 + (i % 30)}0101${String(i % 10_000).padStart(4, '0')}`,
  `19${70 + (i % 30)}.01.01`,
  `第${i % 50}党支部`,
  `135${String(i).padStart(8, '0')}`,
];

/** Excel saves the sheet's whole used range: a formatted column far right leaves every row padded. */
function paddedCsv(): string {
  const pad = ','.repeat(2_000);
  const lines = ['某乡党员花名册', HEADER.join(',') + pad];
  for (let i = 1; i <= ROWS; i++) lines.push(person(i).join(',') + pad);
  return lines.join('\r\n') + '\r\n';
}

/** The same rows with styled blank cells to the right (no value, so nothing kept). */
function paddedXlsx(): Buffer {
  const blanks = (r: number) => Array.from({ length: 100 }, (_, k) => `<c r="${columnLetter(10 + k)}${r}" s="0"/>`).join('');
  const row = (r: number, vals: string[]) => `<row r="${r}">${vals.map((v, c) => textCell(`${columnLetter(c)}${r}`, v)).join('')}${blanks(r)}</row>`;
  const rows = [row(1, HEADER)];
  for (let i = 1; i <= ROWS; i++) rows.push(row(i + 1, person(i)));
  return handXlsx([{ name: '党员', xml: sheetXml(rows.join('')) }]);
}

/** A small sheet over a shared string table of 1,500,000 texts (nobody's cells use them): refused at the cap, not held. */
function bigSharedStrings(): Buffer {
  const sst = Array.from({ length: 1_500_000 }, (_, i) => `<si><t>${i}</t></si>`).join('');
  const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`;
  return makeZip([...xlsxEntries([{ name: '党员', xml: sheetXml(rows) }]), { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst>${sst}</sst>`) }]);
}

/** A table exported as .xls (HTML, read by SheetJS) with more cells than the cap: refused before SheetJS builds them. */
function bigXls(): Buffer {
  const rows = Array.from({ length: 6_000 }, (_, r) => `<tr>${Array.from({ length: 100 }, (_, c) => `<td>${r * 100 + c}</td>`).join('')}</tr>`);
  return Buffer.from(`<html><body><table><tr>${HEADER.map((h) => `<td>${h}</td>`).join('')}</tr>${rows.join('')}</table></body></html>`);
}

describe('peak memory of a read is bounded by the cells kept', () => {
  let dir: string;
  let results: ReadOutcome[];
  const files: { name: string; path: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-memory-'));
    const csv = paddedCsv();
    const made: [string, Buffer][] = [
      ['补齐.csv', Buffer.from('\uFEFF' + csv)],
      ['补齐GB.csv', iconv.encode(csv, 'gb18030')],
      ['补齐.xlsx', paddedXlsx()],
      ['超限.xls', bigXls()],
      ['共享文本.xlsx', bigSharedStrings()],
    ];
    for (const [name, bytes] of made) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      files.push({ name, path });
    }
    results = await readInChild(files, { heapMB: 32, deadlineMs: 120_000, limits: { maxCells: CAP }, measure: true });
  }, 300_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    disposeReadChild();
  });

  const outcome = (name: string) => {
    const r = results.find((x) => x.name === name)!;
    if ('failure' in r) throw new Error(`${name}: ${r.failure} ${r.detail}`);
    return r;
  };

  it.each(['补齐.csv', '补齐GB.csv', '补齐.xlsx'])('%s: every row read within the budget', (name) => {
    const r = outcome(name);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([ROWS]);
    expect(r.addedPeakMB).toBeLessThan(BUDGET_MB);
  });

  it.each(['超限.xls', '共享文本.xlsx'])('%s, with more cells than the cap, is refused before they are built', (name) => {
    const r = outcome(name);
    expect(r.issues).toEqual(['TOO_MANY_CELLS']);
    expect(r.namesFile).toBe(true);
    expect(r.addedPeakMB).toBeLessThan(BUDGET_MB);
  });
});
