import type { Core } from '../core.js';

export interface DemoSummary {
  orgs: number;
  grids: number;
  members: number;
  devPeople: number;
  reserves: number;
  teamMembers: number;
}

/** Placeholder signature; the generator lives in this folder. */
export async function fillDemoCounty(_core: Core, _opts: { members: number; seed: number }): Promise<DemoSummary> {
  throw new Error('not implemented');
}
