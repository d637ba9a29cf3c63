import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Real encrypted files, real worker threads, a real browser: give them room on 2 cores (CI machines are
    // shared; a dashboard test took 37 s in one run and over 60 s in the next). Limits on speed live in the bench.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { LEDGER_CORE_WORKER: new URL('./dist-node/core-worker.mjs', import.meta.url).pathname },
  },
});
