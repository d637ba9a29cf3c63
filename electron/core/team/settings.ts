import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readSetting } from '../settings/settings.js';
import { DEFAULT_REQUIRED_DAYS } from '../../../shared/domain/village-days.js';

/** Days a month a cadre must live in the village: the county's setting, else 20. */
export async function requiredDays(db: Kysely<DB>): Promise<number> {
  const v = await readSetting(db, 'teamRequiredDays');
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 31 ? v : DEFAULT_REQUIRED_DAYS;
}
