/**
 * The WAL checkpoint of an import commit runs after its reply, not inside it.
 *
 * A 50,000-row commit appends ~200 MB of pages to the WAL, and SQLite's automatic checkpoint
 * (every 1000 pages, run at COMMIT) would copy them all into the database inside the commit call
 * (~30% of it). The automatic checkpoint is switched off for the transaction; once the transaction
 * has ended (committed or rolled back) the setting is restored and a PASSIVE checkpoint runs on a
 * later turn of the event loop, i.e. after the reply has been posted (the worker's next call waits
 * for it). Durability is unchanged: with synchronous=FULL the COMMIT fsyncs the WAL, and a crash
 * before the checkpoint leaves the committed frames in the WAL, where the next open finds them.
 *
 * The page cache is held at 16 MiB for the commit: the connection's 128 MiB cache (sized for the
 * statistics passes, see db/open.ts) would otherwise fill with the commit's dirty pages and raise
 * the worker's peak memory by as much, for little time saved (256 MB: −1.4 s of ~9 s). SQLite
 * spills dirty pages to the WAL when the cache is full, which the transaction tolerates.
 */
import type { SqliteHandle } from '../../db/open.js';

/** Returns `release`, to call as the commit's handler returns (normally or by throwing). */
export function holdCheckpointDuringCommit(sqlite: SqliteHandle): () => void {
  const autoPages = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }));
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma('cache_size = -16384');
  let scheduled = false;
  const restore = (): void => {
    try {
      if (!sqlite.open) return;
      // Still inside the call's transaction (or a later one): look again shortly.
      if (sqlite.inTransaction) {
        setTimeout(restore, 5);
        return;
      }
      sqlite.pragma(`wal_autocheckpoint = ${autoPages}`);
      sqlite.pragma(`cache_size = ${cacheSize}`);
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A failed checkpoint is harmless: the frames stay in the WAL until the next one.
    }
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(restore);
  };
}
