import { resolve } from 'node:path';

/** The shared sample files sit beside the repository (`../shared/fixtures`), on CI as here. */
export const FIXTURES = process.env.LEDGER_FIXTURES ?? resolve(import.meta.dirname, '../../../shared/fixtures');
