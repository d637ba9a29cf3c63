/** Contract files (bytes as base64, or a path from a host on this machine) → the readers. */
import type { z } from 'zod';
import type { importFile } from '../../../../shared/contract/imports.js';
import { basename } from 'node:path';
import { readFiles } from '../read/index.js';
import type { ReadOptions, ReadResult } from '../types.js';

export type ImportFileInput = z.output<typeof importFile>;

export const fileNameOf = (f: ImportFileInput): string => ('dataBase64' in f ? f.name : (f.name ?? basename(f.path)));

export function readImportFiles(files: readonly ImportFileInput[], opts: ReadOptions): Promise<ReadResult> {
  return readFiles(
    files.map((f) => ('dataBase64' in f ? { name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') } : { name: fileNameOf(f), path: f.path })),
    opts,
  );
}
