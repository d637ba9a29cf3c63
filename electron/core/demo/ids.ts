/**
 * Record ids for the demo fill: the same UUIDv7 as `newId()` (uuid's v7, time-ordered), with the
 * random bits drawn from a large buffer instead of one system call per id — the fill makes about
 * five ids per member, and a quarter of a million members means over a million ids.
 */
import { getRandomValues } from 'node:crypto';
import { v7 } from 'uuid';

const POOL = 64 * 1024;
let pool = new Uint8Array(POOL);
let at = POOL;
let msecs = -Infinity;
let seq = 0;

export function demoId(): string {
  if (at + 16 > POOL) {
    pool = getRandomValues(new Uint8Array(POOL));
    at = 0;
  }
  const random = pool.subarray(at, at + 16);
  at += 16;
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}
