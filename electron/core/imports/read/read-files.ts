/**
 * The reading layer's entry point: every file in, RawTables and read-level issues out. Dispatch is
 * on content (magic bytes), not the name: clerks rename .xls to .xlsx and WPS saves .et as xlsx.
 * A file that fails stops alone, with one issue naming it; the other files are still read.
 */
import type { RawTable, ReadIssue, ReadOptions, ReadResult } from '../types.js';
import { ReadContext, type SheetRows } from './context.js';
import { readCsv } from './csv-reader.js';
import { READ_ISSUE, ReadStop, formatBytes, issue, unreadableFile } from './issues.js';
import { resolveLimits } from './limits.js';
import { sniffKind } from './sniff.js';
import { openSource, type FileInput, type Source } from './source.js';
import { findTable } from './table-finder.js';
import { readXls } from './xls-reader.js';
import { readXlsx } from './xlsx-reader.js';
import { inspectZip } from './zip-guard.js';

export type { FileInput } from './source.js';

const ADVICE = '请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。';

function unreadable(file: string, why: string): ReadStop {
  return new ReadStop(unreadableFile(file, why));
}

async function readSheets(src: Source, ctx: ReadContext): Promise<SheetRows[]> {
  const file = src.name;
  const limits = ctx.limits;
  if (src.size > limits.maxFileBytes) {
    throw new ReadStop(
      issue(file, READ_ISSUE.FILE_TOO_LARGE, 'error', `文件“${file}”大小为 ${formatBytes(src.size)}，超过上限 ${formatBytes(limits.maxFileBytes)}，未读取。请拆分后导入。`),
    );
  }
  if (src.size === 0) throw unreadable(file, '文件是空的');
  const head = await src.readAt(0, 64 * 1024);
  switch (sniffKind(head)) {
    case 'zip': {
      const entries = await inspectZip(src, limits);
      const names = new Set(entries.map((e) => e.name));
      if (!names.has('xl/workbook.xml')) {
        if (names.has('xl/workbook.bin')) throw unreadable(file, '这是 Excel 二进制工作簿（.xlsb），暂不支持');
        if (names.has('content.xml') && names.has('mimetype')) throw unreadable(file, '这是 OpenDocument 表格（.ods），暂不支持');
        throw unreadable(file, '这是一个压缩包，但不是 Excel 工作簿');
      }
      // Only the parts the reader uses are ever inflated (media, themes, printer settings never
      // are), each once, checked as it inflates (zip-guard's entryChunks).
      return readXlsx(src, ctx, entries);
    }
    case 'cfb':
      return readXls(file, await src.bytes(), ctx);
    case 'markup':
      return readXls(file, await src.bytes(), ctx, true);
    case 'text':
      return readCsv(src, ctx);
    default:
      throw unreadable(file, '不是 Excel 工作簿（.xlsx / .xls）或 CSV 文本文件，可能已损坏或不是表格文件');
  }
}

/**
 * Reads every file into RawTables (one per sheet that holds a table). Guards run before anything
 * is inflated; a file that breaks a limit or cannot be read yields one error issue naming it and no
 * tables. Rejects only when `opts.signal` aborts (with the signal's reason).
 */
export async function readFiles(files: readonly FileInput[], opts: ReadOptions = {}): Promise<ReadResult> {
  const issues: ReadIssue[] = [];
  const tables: RawTable[] = [];
  const ctx = new ReadContext(resolveLimits(opts.limits), opts, issues);
  for (const f of files) {
    opts.signal?.throwIfAborted();
    ctx.startFile();
    let src: Source | undefined;
    try {
      try {
        src = await openSource(f);
      } catch (err) {
        throw unreadable(f.name, `文件打不开（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
      }
      const said = issues.length;
      const had = tables.length;
      const sheets = await readSheets(src, ctx);
      for (const s of sheets) {
        ctx.checkAbort();
        const found = findTable(f.name, s.sheet, s.rows);
        s.rows = [];
        if (found === null) continue;
        if (found.table) tables.push(found.table);
        else issues.push(found.issue);
      }
      // Nothing at all (blank sheets, or a damaged file SheetJS reads as none): never without a word.
      if (issues.length === said && tables.length === had) {
        issues.push(issue(f.name, READ_ISSUE.SHEET_NO_TABLE, 'warning', `文件“${f.name}”中没有任何内容（没有非空的工作表，或文件已损坏），未导入。请在 Excel 或 WPS 中打开确认后重新保存再导入。`));
      }
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (err instanceof ReadStop) issues.push(err.issue);
      else issues.push(issue(f.name, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${f.name}”无法读取（${(err as Error).message}）。${ADVICE}`));
    } finally {
      await src?.close();
    }
  }
  ctx.progress();
  return { tables, issues };
}
