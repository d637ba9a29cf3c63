import { POLITICAL_STATUS, RESERVE_SOURCE, type CodeTable } from '../../../shared/codes/tables.js';
import { RESERVE_DIRECTION_NAMES, RESERVE_RECORD_NAMES, RESERVE_STAGE_NAMES } from '../../../shared/domain/reserve-rules.js';

const namesOf = (table: CodeTable) => Object.fromEntries(table.map((e) => [e.code, e.name])) as Record<string, string>;

export const SOURCE_NAMES = namesOf(RESERVE_SOURCE);
export const POLITICAL_STATUS_NAMES = namesOf(POLITICAL_STATUS);
export const STAGE_NAMES: Record<string, string> = RESERVE_STAGE_NAMES;
export const DIRECTION_NAMES: Record<string, string> = RESERVE_DIRECTION_NAMES;
export const RECORD_NAMES: Record<string, string> = RESERVE_RECORD_NAMES;
