import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readSetting } from '../settings/settings.js';
import { DEFAULT_MEETING_FREQUENCIES, MEETING_FREQUENCIES, MEETING_KINDS, type Frequencies, type MeetingFrequency } from '../../../shared/domain/meeting-rules.js';

/** How often each kind is required: the county's setting for the kinds it names, else the defaults. */
export async function meetingFrequencies(db: Kysely<DB>): Promise<Frequencies> {
  const v = await readSetting(db, 'meetingFrequencies');
  const set = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const valid = (f: unknown): f is MeetingFrequency => typeof f === 'string' && (MEETING_FREQUENCIES as readonly string[]).includes(f);
  return Object.fromEntries(MEETING_KINDS.map((k) => [k, valid(set[k]) ? set[k] : DEFAULT_MEETING_FREQUENCIES[k]])) as unknown as Frequencies;
}
