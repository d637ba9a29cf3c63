import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanLeftovers, pairsIn } from './files.js';

/** A pid that surely ran and has ended: a child that exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

describe('leftovers of interrupted backups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-leftovers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (...names: string[]) => names.forEach((n) => writeFileSync(join(dir, n), n));

  it('removes partials of dead writers and the keyring renamed before its copy; keeps live writers and the user’s files', () => {
    const dead = deadPid();
    put(
      `a.ledger.${dead}.ledger-partial`,
      'a.ledger.keyring', // renamed before the copy, which died as a partial
      `b.ledger.keyring.${dead}.ledger-partial`,
      `c.ledger.${process.pid}.ledger-partial`, // this process is still writing it
      'old.ledger.partial', // earlier versions
      'done.ledger',
      'done.ledger.keyring',
      'movie.mp4.partial',
      'report.2024.partial',
      'lonely.ledger.keyring',
    );
    expect(cleanLeftovers(dir).sort()).toEqual([`a.ledger.${dead}.ledger-partial`, 'a.ledger.keyring', `b.ledger.keyring.${dead}.ledger-partial`, 'old.ledger.partial']);
    expect(readdirSync(dir).sort()).toEqual([`c.ledger.${process.pid}.ledger-partial`, 'done.ledger', 'done.ledger.keyring', 'lonely.ledger.keyring', 'movie.mp4.partial', 'report.2024.partial']);
    expect(pairsIn(dir).map((p) => p.file)).toEqual([join(dir, 'done.ledger')]);
    // In the rotating set (ours alone) a keyring without its copy is a rotation cut short.
    expect(cleanLeftovers(dir, { orphanKeyrings: true })).toEqual(['lonely.ledger.keyring']);
  });
});
