import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PreviewState } from './state.js';
import { evaluatePeople } from './evaluate-people.js';
import { evaluateOrgs } from './evaluate-orgs.js';
import { evaluateGrids, type PlannedGrid } from './evaluate-grids.js';

/** The database-dependent pass for the preview's kind; grids also return the units to create. */
export async function evaluate(db: Kysely<DB>, state: PreviewState, underPath: string): Promise<{ grids: PlannedGrid[] }> {
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
  }
}
