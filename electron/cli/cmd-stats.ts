import type { LedgerHost } from '../core/host/ledger-host.js';
import { SESSION, unlock, type Flags } from './commands.js';
import { UsageError, type Out } from './output.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function dateFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !DATE.test(v)) throw new UsageError(`--${name} 应为 YYYY-MM-DD 格式的日期`);
  return v;
}

/** `stats --db FILE [--under ORG] [--as-of DATE] [--from DATE --to DATE] --json` (CLI.md). */
export async function cmdStats(host: LedgerHost, flags: Flags, out: Out): Promise<number> {
  const asOf = dateFlag(flags, 'as-of');
  const from = dateFlag(flags, 'from');
  const to = dateFlag(flags, 'to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from 与 --to 须同时给出');
  await unlock(host);
  let under: string | undefined;
  if (typeof flags.under === 'string') under = (await host.call(SESSION, 'stats.resolveOrg', { ref: flags.under })).id;
  const r = await host.call(SESSION, 'stats.compute', { under, asOf, from, to });
  out.result(r, () => {
    const m = r.members as Record<string, number>;
    const o = r.organisations as Record<string, number>;
    return `${r.under.name}，截至 ${r.asOf}：基层党组织 ${o.basic} 个，党员 ${m.total} 名（预备党员 ${m.probationary} 名，女 ${m.female} 名，少数民族 ${m.minority} 名）`;
  });
  return 0;
}
