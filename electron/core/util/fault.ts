/**
 * Named crash points for tests that prove all-or-nothing writes. A test sets
 * `LEDGER_FAULT=<point>` (or `<point>#<n>` for the n-th time the point is reached, counting from 1)
 * in the environment of the process it starts; when the code reaches that point the process is
 * killed with SIGKILL, exactly as a power cut or a task manager would end it, at a place the test
 * chose instead of a moment it guessed. `LEDGER_FAULT_MODE=throw` throws instead (a failure the
 * process survives, for in-process tests).
 *
 * Without the variable a point costs one environment lookup; points sit at step boundaries
 * (per phase or per slice), never per row.
 *
 * Every point is listed here, so a test can run each one and a typo fails to compile.
 */
import { writeSync } from 'node:fs';

export const FAULT_POINTS = [
  // import.commit, inside its transaction: after each slice of 256 rows (#1: after the first), after
  // all rows, after the created members' events (these three on people rosters), after the buffered
  // audit rows, and just before COMMIT
  'import.commit.afterSlice',
  'import.commit.afterRows',
  'import.commit.afterEvents',
  'import.commit.afterAudit',
  'import.commit.beforeCommit',
  // import.undo, inside its transaction: after the before-images are restored, after each table's
  // created rows are deleted (#1: the first table), after all deletes, and just before COMMIT
  'import.undo.afterRestore',
  'import.undo.afterTable',
  'import.undo.afterDelete',
  'import.undo.beforeCommit',
  // member.update, inside its transaction: after the row is written, after its audit row
  'edit.afterWrite',
  'edit.afterAudit',
  // team.recordMonths, inside its transaction: after the first half of the cells is written
  'team.recordMonths.afterHalf',
  // the member-event core (member/history.ts), inside the caller's transaction: after the events
  // are written, before the record's row and the audit row
  'member.event.afterInsert',
  // org.merge, inside its transaction: half way through the absorbed branch's members
  'org.merge.members',
  // the keyring: inside the locked section before the new file is written, and after a slot change
  // is in place (for a user write: before the database commits)
  'keyring.lockHeld',
  'keyring.slotWritten',
  // a backup pair (backup/write-backup.ts): nothing is listed until the last rename
  'backup.afterVacuum',
  'backup.afterKeyring',
  'backup.afterVerify',
  'backup.afterKeyringRename',
  'backup.afterCommit',
  // restore (backup/restore.ts): before the journal the next open rolls back, after it rolls forward
  'restore.afterCopy',
  'restore.afterStage',
  'restore.afterStop',
  'restore.afterJournal',
  'restore.afterKeepKeyring',
  'restore.afterMoveOld',
  'restore.afterMoveWal',
  'restore.afterMoveKeyring',
  'restore.afterKeyring',
  'restore.afterSwap',
  // change sets (changes/): after each record a paste or an undo wrote, inside the transaction
  'change.paste.afterRecord',
  'change.undo.afterRecord',
  // member.transferMany: after each member's 转出 + 转入, inside the transaction
  'member.transferMany.afterRecord',
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

/** Written to stderr just before the kill, followed by the point's name. */
export const FAULT_MARKER = 'LEDGER_FAULT at ';

const seen = new Map<string, number>();

export class InjectedFault extends Error {
  constructor(readonly point: FaultPoint) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

/** A no-op unless a test named this point in LEDGER_FAULT. */
export function faultPoint(point: FaultPoint): void {
  const spec = process.env.LEDGER_FAULT;
  if (!spec) return;
  const [name, nth] = spec.split('#');
  if (name !== point) return;
  const count = (seen.get(point) ?? 0) + 1;
  seen.set(point, count);
  if (count !== Number(nth ?? 1)) return;
  if (process.env.LEDGER_FAULT_MODE === 'throw') throw new InjectedFault(point);
  // Synchronous, so it is out before the kill: tests tell "killed here" from "killed elsewhere".
  writeSync(2, `${FAULT_MARKER}${point}\n`);
  process.kill(process.pid, 'SIGKILL');
}
