import { mkdirSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger } from '../helpers/cli.js';
import { tempDir } from '../helpers/ledger.js';
import { memberRosterCsv, type RosterRow } from '../helpers/roster.js';
import { makeIdNumber } from '../../shared/domain/idcard.js';

const PW = { LEDGER_PASSWORD: 'temp-files-pass-2024' };
const ROWS = 3000;

/** Distinct valid ID numbers: one birth day per 500 people. */
function roster(phoneTail: string): RosterRow[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const day = new Date(Date.UTC(1970, 0, 1 + Math.floor(i / 500))).toISOString().slice(0, 10);
    return { name: `临时${i}号${phoneTail}`, idNumber: makeIdNumber('652302', day, (i % 500) * 2 + 1) };
  });
}

/**
 * 等保 2.0 residual information: SQLCipher does not encrypt SQLite's temporary files (etilqs_*), so
 * none may be written. Every `ledger` run here has TMPDIR and SQLITE_TMPDIR pointed at a folder
 * watched with inotify (fs.watch), which sees even a file created and unlinked at once.
 */
describe('no temporary file is written by the database', () => {
  const tmp = tempDir('ledger-tempfiles-');
  const watched = join(tmp.dir, 'tmp');
  const db = join(tmp.dir, 'county.ledger');
  const events: string[] = [];
  let watcher: FSWatcher;
  const env = { ...PW, TMPDIR: watched, SQLITE_TMPDIR: watched };

  beforeAll(() => {
    mkdirSync(watched);
    watcher = watch(watched, (ev, file) => events.push(`${ev} ${String(file)}`));
    expect(ledger(['init', '--db', db, '--unit', '测试县委组织部', '--root', '中共测试县委员会'], env).code).toBe(0);
  });
  afterAll(() => {
    watcher.close();
    tmp.cleanup();
  });

  /** Everything seen in the folder up to now: a marker file's event arrives after all earlier ones. */
  async function seenSoFar(): Promise<string[]> {
    const marker = `marker-${events.length}-${Date.now()}`;
    writeFileSync(join(watched, marker), '');
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.endsWith(marker))) {
      if (Date.now() > deadline) throw new Error('the folder watcher reported nothing');
      await new Promise((r) => setImmediate(r));
    }
    return events.filter((e) => !e.includes('marker-'));
  }

  it(`import --commit of ${ROWS} new members, then of ${ROWS} updates, writes no temporary file`, async () => {
    const first = join(tmp.dir, 'first.csv');
    writeFileSync(first, Buffer.from(memberRosterCsv(roster('')), 'base64'));
    const created = ledger(['import', '--db', db, '--commit', '--json', first], env);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).committed.created).toBe(ROWS);
    const second = join(tmp.dir, 'second.csv');
    writeFileSync(second, Buffer.from(memberRosterCsv(roster('甲')), 'base64'));
    const updated = ledger(['import', '--db', db, '--commit', '--json', second], env);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout).committed.updated).toBe(ROWS);
    expect(await seenSoFar()).toEqual([]);
  });

  it('export, statistics and a backup (VACUUM INTO) write no temporary file', async () => {
    expect(ledger(['export', '--db', db, '--kind', 'members', '--out', join(tmp.dir, 'm.xlsx')], env).code).toBe(0);
    expect(ledger(['stats', '--db', db, '--json'], env).code).toBe(0);
    expect(ledger(['backup', '--db', db, '--out', join(tmp.dir, 'copy.ledger')], env).code).toBe(0);
    expect(ledger(['check', '--db', db, '--json'], env).code).toBe(0);
    expect(await seenSoFar()).toEqual([]);
  });
});
