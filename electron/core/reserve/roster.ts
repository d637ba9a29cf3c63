/**
 * The rows a 村级后备力量 roster (export) writes: the register as reserve.list shows it (a linked
 * person's values) with the stage dates of the live stage records, keyed by the import catalogue's
 * fields, so an exported roster re-imports as it is.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { reserveQuery, toView } from './load.js';

export async function reserveRosterRows(db: Kysely<DB>, villageOrgId: string): Promise<Record<string, unknown>[]> {
  const rows = (await reserveQuery(db).where('r.villageOrgId', '=', villageOrgId).orderBy('name').orderBy('r.id').execute()).map(toView);
  if (rows.length === 0) return [];
  const stages = await db
    .selectFrom('reserveRecords')
    .select(['reserveId', 'stage', 'onDate'])
    .where('reserveId', 'in', rows.map((r) => r.id))
    .where('kind', '=', 'stage')
    .where('voidedAt', 'is', null)
    .execute();
  const dateOf = (id: string, stage: string) => stages.find((s) => s.reserveId === id && s.stage === stage)?.onDate ?? null;
  return rows.map((r) => ({
    ...r,
    recommendedOn: dateOf(r.id, 'recommended'),
    assessedOn: dateOf(r.id, 'assessed'),
    enteredCommittee: r.stage === 'entered',
    enteredOn: dateOf(r.id, 'entered'),
    enteredPost: r.stage === 'entered' ? r.exitPost : null,
    exitedOn: dateOf(r.id, 'exited'),
  }));
}
