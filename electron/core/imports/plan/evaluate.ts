import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SqliteHandle } from '../../db/open.js';
import type { PreviewState } from './state.js';
import { evaluatePeople } from './evaluate-people.js';
import { evaluateOrgs } from './evaluate-orgs.js';
import { evaluateGrids, type PlannedGrid } from './evaluate-grids.js';
import { evaluateReserves } from './evaluate-reserves.js';
import { evaluateTeams } from './evaluate-teams.js';
import { evaluateMeetings } from './evaluate-meetings.js';

/**
 * The database-dependent pass for the preview's kind; grids also return the units to create.
 *
 * Given the connection (`sqlite`), the state is stamped with the ledger's version as it was when
 * the pass began (see `ledgerVersion`), so the commit can tell whether the ledger has changed since:
 * if not, evaluating again inside its transaction would give the same plan.
 */
/** Database passes run in this process: what a skipped evaluation saves is visible (diagnostics, tests). */
export const evaluationPasses = { count: 0 };

export async function evaluate(db: Kysely<DB>, state: PreviewState, underPath: string, sqlite?: SqliteHandle): Promise<{ grids: PlannedGrid[] }> {
  delete state.evaluatedAt;
  evaluationPasses.count++;
  const version = sqlite ? ledgerVersion(sqlite) : undefined;
  const out = await evaluateKind(db, state, underPath);
  if (version !== undefined) state.evaluatedAt = version;
  return out;
}

async function evaluateKind(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<{ grids: PlannedGrid[] }> {
  switch (state.kind) {
    case 'members':
    case 'pipeline':
      await evaluatePeople(db, state, underPath);
      return { grids: [] };
    case 'orgs':
      await evaluateOrgs(db, state, underPath);
      return { grids: [] };
    case 'grids':
      return { grids: await evaluateGrids(db, state, underPath) };
    case 'reserves':
      await evaluateReserves(db, state, underPath);
      return { grids: [] };
    case 'teams':
      await evaluateTeams(db, state, underPath);
      return { grids: [] };
    case 'meetings':
      await evaluateMeetings(db, state, underPath);
      return { grids: [] };
  }
}

const connections = new WeakMap<SqliteHandle, number>();
let nextConnection = 1;

/**
 * The ledger as this connection sees it: the connection (a reopened database is another one), the
 * rows this connection has ever changed (total_changes() only grows, also for writes rolled back
 * since) and the commits of other connections (data_version). Equal versions: nothing was written
 * in between. Conservative: a version may change without the data changing, never the reverse.
 */
export function ledgerVersion(sqlite: SqliteHandle): string {
  let c = connections.get(sqlite);
  if (c === undefined) connections.set(sqlite, (c = nextConnection++));
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const other = sqlite.pragma('data_version', { simple: true }) as number;
  return `${c}.${changes}.${other}`;
}

/** True when the state's last evaluation saw the ledger exactly as it is now. */
export function evaluationCurrent(sqlite: SqliteHandle, state: PreviewState): boolean {
  return state.evaluatedAt !== undefined && state.evaluatedAt === ledgerVersion(sqlite);
}
