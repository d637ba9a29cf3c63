import { pinyinInitials } from '../../../shared/domain/pinyin.js';
import type { SqliteHandle } from './open.js';

/**
 * SQL functions every connection has (db/open.ts registers them), because triggers of migration 015
 * call them: whoever writes a member or an organisation, its search initials are stored with it.
 *
 * ledger_initials(text, person): pinyinInitials of the text, `person` = 1 reading the first
 * character as a surname. Deterministic (a pure function of its arguments), so SQLite may use it
 * in triggers and indexes.
 */
export function registerFunctions(sqlite: SqliteHandle): void {
  sqlite.function('ledger_initials', { deterministic: true }, (text: unknown, person: unknown) =>
    typeof text === 'string' ? pinyinInitials(text, { person: person === 1 || person === 1n }) : null,
  );
}
