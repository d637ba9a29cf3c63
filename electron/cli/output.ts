import { LedgerError } from '../../shared/contract/envelope.js';

/** Exit codes of CLI.md: 0 success, 1 the user must act, 2 wrong usage. */
export class UsageError extends Error {}

export interface Out {
  json: boolean;
  result(value: unknown, human: () => string): void;
  fail(err: unknown): number;
  info(line: string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
    },
    fail(err) {
      const usage = err instanceof UsageError;
      const code = usage ? 'USAGE' : err instanceof LedgerError ? err.code : 'INTERNAL';
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`错误：${message}\n`);
      if (json) process.stdout.write(JSON.stringify({ ok: false, error: { code, message } }) + '\n');
      return usage ? 2 : 1;
    },
    info(line) {
      process.stderr.write(line + '\n');
    },
  };
}
