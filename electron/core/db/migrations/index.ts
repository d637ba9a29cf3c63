import type { Migration } from 'kysely/migration';
import * as m001 from './001-initial.js';
import * as m002 from './002-stats-indexes.js';
import * as m003 from './003-stats-cube.js';
import * as m004 from './004-member-facts.js';
import * as m005 from './005-drop-event-date-index.js';
import * as m006 from './006-member-changes.js';
import * as m007 from './007-org-stat-columns.js';
import * as m008 from './008-dev-steps-due.js';
import * as m009 from './009-reference-indexes.js';
import * as m010 from './010-reserve-records.js';
import * as m011 from './011-audit-org.js';
import * as m012 from './012-village-life.js';
import * as m013 from './013-member-event-data.js';
import * as m014 from './014-pipeline-record.js';
import * as m015 from './015-roster.js';
import * as m016 from './016-org-history.js';
import * as m017 from './017-grid-register.js';

/** Ordered, in code, so the packaged app never depends on reading migration files from disk. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-stats-indexes': m002,
  '003-stats-cube': m003,
  '004-member-facts': m004,
  '005-drop-event-date-index': m005,
  '006-member-changes': m006,
  '007-org-stat-columns': m007,
  '008-dev-steps-due': m008,
  '009-reference-indexes': m009,
  '010-reserve-records': m010,
  '011-audit-org': m011,
  '012-village-life': m012,
  '013-member-event-data': m013,
  '014-pipeline-record': m014,
  '015-roster': m015,
  '016-org-history': m016,
  '017-grid-register': m017,
};

export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
