import type { ReadLimits } from '../types.js';

/** Defaults: a 1,000,000-row roster is readable; a zip bomb or a 2 GB upload is not. */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 100 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 1_100_000,
  maxColumns: 1_000,
  // 1,000,000 rows of 12 columns; ~100 MB of row slots at most.
  maxCells: 12_000_000,
});

export function resolveLimits(partial: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...partial };
}

/** What Excel (2007 on) allows in a sheet: a reference beyond these is a damaged or forged file. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
