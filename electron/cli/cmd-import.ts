/**
 * `ledger import` and `ledger undo-import` (CLI.md). A dry run by default: read, map, validate and
 * print the report; `--commit` writes one batch. The JSON on stdout is the stable shape of CLI.md
 * (files, rows, issues, plan, committed) plus a few added fields (under, issueCounts, plan.unchanged).
 * Exit 0 when the dry run or the commit succeeded, even with row errors (they are reported); 1 when
 * nothing could be read.
 */
import { basename, resolve } from 'node:path';
import { LedgerError } from '../../shared/contract/envelope.js';
import { IMPORT_KIND_INPUT, type ImportCommitted, type ImportPreview } from '../../shared/contract/imports.js';
import { IMPORT_KIND_NAMES, ISSUE_CODES, type IssueCode } from '../../shared/import/index.js';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { UsageError, type Out } from './output.js';
import { need, SESSION, unlock, type Flags } from './commands.js';

const KINDS = IMPORT_KIND_INPUT;

/** `--under ORG`: an id, or a full or short name inside the user's scope; ambiguous names are refused. */
export async function resolveUnder(host: LedgerHost, text: string): Promise<{ id: string; name: string }> {
  const tree = await host.call(SESSION, 'org.tree', {});
  const byId = tree.find((o) => o.id === text);
  if (byId) return { id: byId.id, name: byId.name };
  const t = text.trim();
  const hits = tree.filter((o) => o.name === t || o.shortName === t);
  if (hits.length === 1) return { id: hits[0]!.id, name: hits[0]!.name };
  if (hits.length > 1) throw new UsageError(`组织名称“${t}”对应多个组织（${hits.map((h) => h.name).join('、')}），请改用组织编号`);
  throw new LedgerError('NOT_FOUND', `在您的管理范围内找不到组织“${t}”`);
}

function withProgress(host: LedgerHost): () => void {
  if (!process.stderr.isTTY) return () => {};
  const names: Record<string, string> = { read: '读取', validate: '校验', commit: '写入' };
  const off = host.onProgress((e) => {
    process.stderr.write(`\r${names[e.phase] ?? e.phase} ${e.done}${e.total ? `/${e.total}` : ''} 行    `);
  });
  return () => {
    off();
    process.stderr.write('\r\x1b[K');
  };
}

/** The CLI.md JSON shape. */
export function importJson(p: ImportPreview, committed: ImportCommitted | null) {
  return {
    files: p.files.map((f) => ({ file: f.file, sheet: f.sheet, kind: f.kind, headerRow: f.headerRow, dataRows: f.dataRows, mapping: f.mapping })),
    rows: p.rows,
    issues: p.issues.map((i) => ({ file: i.file, sheet: i.sheet, row: i.row, column: i.column, code: i.code, severity: i.severity, message: i.message, ...(i.ruleId ? { ruleId: i.ruleId } : {}) })),
    plan: p.plan,
    committed: committed ? { batchId: committed.batchId, created: committed.created, updated: committed.updated, skipped: committed.skipped, unchanged: committed.unchanged } : null,
    under: p.under,
    kind: p.kind,
    issueCounts: p.issueCounts,
  };
}

const MAX_LISTED = 200;

function humanReport(p: ImportPreview, committed: ImportCommitted | null): string {
  const lines: string[] = [];
  lines.push(`导入单位：${p.under.name}，类型：${IMPORT_KIND_NAMES[p.kind]}`);
  for (const f of p.files) {
    lines.push(`文件“${f.file}” 工作表“${f.sheet}”：表头在第${f.headerRow}行，数据${f.dataRows}行`);
    const mapped = Object.entries(f.mapping).map(([h, k]) => `${h}→${k}`);
    if (mapped.length > 0) lines.push(`  列对应：${mapped.join('，')}`);
  }
  const r = p.rows;
  lines.push(`共 ${r.total} 行：无错误 ${r.valid} 行（其中有提示 ${r.withWarnings} 行），有错误 ${r.withErrors} 行（不导入）`);
  const counts = Object.entries(p.issueCounts).map(([c, n]) => `${(ISSUE_CODES as Record<string, { title: string }>)[c as IssueCode]?.title ?? c}（${c}）${n}`);
  if (counts.length > 0) lines.push(`问题：${counts.join('，')}`);
  for (const i of p.issues.slice(0, MAX_LISTED)) {
    const where = [i.sheet ? `“${i.sheet}”` : `“${i.file}”`, i.row ? `第${i.row}行` : '', i.column ? `“${i.column}”列` : ''].filter(Boolean).join(' ');
    lines.push(`  ${i.severity === 'error' ? '错误' : '提示'} ${where}：${i.message}`);
  }
  if (p.issues.length > MAX_LISTED) lines.push(`  ……另有 ${p.issues.length - MAX_LISTED} 条，使用 --json 查看全部`);
  const unchanged = p.plan.unchanged > 0 ? `（其中 ${p.plan.unchanged} 条无变化）` : '';
  lines.push(`计划：新增 ${p.plan.create}，更新 ${p.plan.update}${unchanged}，跳过 ${p.plan.skip}`);
  if (committed) lines.push(`已导入（批次 ${committed.batchId}）：新增 ${committed.created}，更新 ${committed.updated}，跳过 ${committed.skipped}。如需撤销：ledger undo-import --batch ${committed.batchId}`);
  else lines.push('这是预览，未写入任何数据；确认无误后加 --commit 导入');
  return lines.join('\n');
}

export async function cmdImport(host: LedgerHost, flags: Flags, out: Out, args: readonly string[]): Promise<number> {
  if (args.length === 0) throw new UsageError('缺少要导入的文件：ledger import --db 文件 [--kind 种类] [--under 组织] [--commit] [--json] 文件…');
  const kindFlag = typeof flags.kind === 'string' ? flags.kind : 'auto';
  if (!(KINDS as readonly string[]).includes(kindFlag)) throw new UsageError(`--kind 应为 ${KINDS.join('、')} 之一`);
  await unlock(host);
  const under = typeof flags.under === 'string' ? await resolveUnder(host, flags.under) : undefined;
  const done = withProgress(host);
  try {
    const files = args.map((a) => ({ path: resolve(a), name: basename(a) }));
    const preview = await host.call(SESSION, 'import.preview', { files, kind: kindFlag as (typeof KINDS)[number], ...(under ? { underOrgId: under.id } : {}), pageSize: 1 });
    if (preview.files.length === 0 || preview.rows.total === 0) {
      // Nothing readable: the report says why (read issues), the exit code says the user must act.
      out.result(importJson(preview, null), () => humanReport(preview, null));
      return 1;
    }
    let committed: ImportCommitted | null = null;
    if (flags.commit === true) {
      out.info(`正在写入 ${preview.rows.valid} 行……`);
      committed = await host.call(SESSION, 'import.commit', { previewId: preview.previewId });
    }
    out.result(importJson(preview, committed), () => humanReport(preview, committed));
    return 0;
  } finally {
    done();
  }
}

export async function cmdUndoImport(host: LedgerHost, flags: Flags, out: Out): Promise<number> {
  const batchId = need(flags, 'batch');
  await unlock(host);
  const r = await host.call(SESSION, 'import.undo', { batchId, force: flags.force === true });
  out.result({ ok: true, ...r }, () => `已撤销导入批次 ${r.batchId}：删除 ${r.deleted} 条新增记录，恢复 ${r.restored} 条被更新的记录`);
  return 0;
}
