/**
 * Mappings a clerk confirmed, remembered per sending unit: sender_key = the importing org id plus a
 * signature of the normalised headers, so the same template from the same unit maps itself next
 * time. Headers seen in other templates of the same unit are used as a fallback, header by header.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normaliseHeader } from '../../../../shared/import/index.js';
import { newId } from '../../util/ids.js';

export function headerSignature(headers: readonly string[]): string {
  const text = headers.map(normaliseHeader).filter(Boolean).join('\u0001');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export const senderKeyOf = (orgId: string, headers: readonly string[]): string => `${orgId}:${headerSignature(headers)}`;

type Mapping = Record<string, string | null>;

function parse(text: string): Mapping {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Mapping) : {};
  } catch {
    return {};
  }
}

/** The exact template's mapping first, then the unit's other templates header by header. */
export async function loadRemembered(db: Kysely<DB>, orgId: string, kind: string, headers: readonly string[]): Promise<Mapping | undefined> {
  const key = senderKeyOf(orgId, headers);
  const rows = await db
    .selectFrom('importMappings')
    .select(['senderKey', 'mapping', 'updatedAt'])
    .where('kind', '=', kind)
    .where('senderKey', '>=', `${orgId}:`)
    .where('senderKey', '<', `${orgId};`)
    .orderBy('updatedAt', 'asc')
    .execute();
  if (rows.length === 0) return undefined;
  const merged: Mapping = {};
  for (const r of rows) if (r.senderKey !== key) Object.assign(merged, parse(r.mapping));
  const exact = rows.find((r) => r.senderKey === key);
  if (exact) Object.assign(merged, parse(exact.mapping));
  const present = new Set(headers);
  for (const h of Object.keys(merged)) if (!present.has(h)) delete merged[h];
  return merged;
}

export async function saveRemembered(db: Kysely<DB>, orgId: string, kind: string, headers: readonly string[], mapping: Mapping, now: string): Promise<void> {
  const senderKey = senderKeyOf(orgId, headers);
  const text = JSON.stringify(mapping);
  await db
    .insertInto('importMappings')
    .values({ id: newId(), senderKey, kind, mapping: text, updatedAt: now })
    .onConflict((oc) => oc.columns(['senderKey', 'kind']).doUpdateSet({ mapping: text, updatedAt: now }))
    .execute();
}
