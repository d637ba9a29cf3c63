import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the ledger lives: `--db=FILE` (or `--db FILE`) on the command line, else
 * `<userData>/ledger.db`. No 'electron' import, so the rule is plain to read and to test.
 */
export function dbFileFrom(argv: readonly string[], userData: string, cwd: string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--db=') && a.length > 5) return absolute(a.slice(5), cwd);
    if (a === '--db' && argv[i + 1] && !argv[i + 1]!.startsWith('--')) return absolute(argv[i + 1]!, cwd);
  }
  return join(userData, 'ledger.db');
}

const absolute = (p: string, cwd: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
