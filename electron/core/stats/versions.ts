/**
 * Exact content versions of tables, for reusing statistics computed from them: max(rowid) moves
 * on every insert (SQLite gives max + 1), and table_changes (migration 006 triggers) on every
 * update and delete (migrations 006, 012, 016 and 017). Members are versioned by the member store
 * (member_changes) instead.
 */
import type { SqliteHandle } from '../db/open.js';
import type { VERSIONED_TABLES } from '../db/migrations/006-member-changes.js';
import type { ORG_HISTORY_TABLES } from '../db/migrations/016-org-history.js';

let nonce = 0;

/** Migration 006's tables, those migrations 012, 016 (organisation history) and 017 added counters for, and the members (see below). */
export type VersionedTable = (typeof VERSIONED_TABLES)[number] | 'meetings' | 'meeting_attendance' | 'team_leaves' | 'team_trainings' | 'grid_changes' | 'grid_registrations' | 'members' | (typeof ORG_HISTORY_TABLES)[number];

/** One text that changes whenever any of the tables' content may have changed. */
export function tablesVersion(sqlite: SqliteHandle, tables: readonly VersionedTable[]): string {
  const parts: string[] = [];
  for (const t of tables) {
    if (t === 'members') {
      // The member store's own record of updated members (migration 006's member_changes).
      const top = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM members').pluck().get() as number;
      const seq = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM member_changes').pluck().get() as number;
      parts.push(`${top}.${seq}`);
      continue;
    }
    // Table names come from VersionedTable only.
    const top = sqlite.prepare(`SELECT coalesce(max(rowid), 0) FROM ${t}`).pluck().get() as number;
    const n = sqlite.prepare('SELECT n FROM table_changes WHERE tbl = ?').pluck().get(t) as number | undefined;
    // No counter row (never after migration 006): a version never seen again, so nothing is reused.
    parts.push(n === undefined ? `x${++nonce}` : `${top}.${n}`);
  }
  return parts.join('|');
}

/**
 * The organisation tree's version (migration 012's 'orgs:tree' counter with inserts): moves when an
 * organisation is added, moved, re-kinded, founded or dissolved — not for 星级 or a new name, so
 * figures that only place records in the tree survive those edits.
 */
export function orgTreeVersion(sqlite: SqliteHandle): string {
  const top = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM orgs').pluck().get() as number;
  const n = sqlite.prepare(`SELECT n FROM table_changes WHERE tbl = 'orgs:tree'`).pluck().get() as number | undefined;
  return n === undefined ? `x${++nonce}` : `${top}.${n}`;
}
