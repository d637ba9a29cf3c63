import { readFileSync } from 'node:fs';

/**
 * End-to-end tests only: when `LEDGER_TEST_CLOCK_FILE` names a file, the host's clock is the real
 * one plus the milliseconds written in that file, so a test can move `ledger serve` past an idle
 * time instead of waiting it out. Without the variable (every real run) the host keeps Date.now.
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv = process.env): { now: () => number } | Record<string, never> {
  const file = env.LEDGER_TEST_CLOCK_FILE;
  if (!file) return {};
  return {
    now: () => {
      let offset = 0;
      try {
        offset = Number(readFileSync(file, 'utf8').trim()) || 0;
      } catch {
        // Not written yet: no offset.
      }
      return Date.now() + offset;
    },
  };
}
