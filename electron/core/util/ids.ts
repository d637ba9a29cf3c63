import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Time-ordered ids: records from different units merge without clashes and index well.
 *
 * uuid's own v7() draws 16 random bytes from the OS per id (~3 µs); an import commit makes ~10 ids
 * a row, so the random bytes come from a pool refilled 4 KiB at a time. The timestamp and the
 * monotonic counter follow uuid's v7 (RFC 9562 method 1, as in uuid's updateV7State): within one
 * millisecond the counter increments, so ids made later always sort later.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let at = POOL_BYTES;
const state = { msecs: -Infinity, seq: 0 };

function random16(): Buffer {
  if (at + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    at = 0;
  }
  const r = pool.subarray(at, at + 16);
  at += 16;
  return r;
}

export const newId = (): string => {
  const random = random16();
  const now = Date.now();
  if (now > state.msecs) {
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
};
