import { resolve } from 'node:path';
import { LedgerError } from '../../shared/contract/envelope.js';
import { ROSTER_KIND_NAMES, ROSTER_KINDS, type RosterKind } from '../../shared/import/columns.js';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { buildTemplate } from '../core/exports/template.js';
import { writeFileAtomic } from '../core/util/atomic-write.js';
import { localToday } from '../core/util/time.js';
import { need, SESSION, unlock, type Flags } from './commands.js';
import { UsageError, type Out } from './output.js';

function kindFlag(flags: Flags): RosterKind {
  const k = need(flags, 'kind');
  if (!(ROSTER_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind 应为 ${ROSTER_KINDS.join('、')} 之一`);
  return k as RosterKind;
}

/**
 * `--under ORG`: an organisation id, or its full or short name within the user's scope (CLI.md).
 * An ambiguous name is an error that lists the candidates.
 */
export async function resolveOrgFlag(host: LedgerHost, value: string): Promise<{ id: string; name: string }> {
  const tree = await host.call(SESSION, 'org.tree', { includeDissolved: false });
  const byId = tree.find((o) => o.id === value);
  if (byId) return byId;
  const v = value.trim();
  let hits = tree.filter((o) => o.name === v);
  if (hits.length === 0) hits = tree.filter((o) => o.shortName === v);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new LedgerError('VALIDATION', `组织名称“${v}”不唯一（${hits.length} 个），请改用全称或组织编号：${hits.slice(0, 5).map((h) => `${h.name}（${h.id}）`).join('、')}`);
  throw new LedgerError('NOT_FOUND', `在您的管理范围内找不到组织“${v}”`);
}

/** `template --kind KIND [--under ORG] [--db FILE] --out FILE.xlsx` with a ledger: the unit's own lists. */
export async function cmdTemplate(host: LedgerHost, flags: Flags, out: Out): Promise<number> {
  const kind = kindFlag(flags);
  const target = resolve(need(flags, 'out'));
  await unlock(host);
  const under = typeof flags.under === 'string' ? await resolveOrgFlag(host, flags.under) : undefined;
  const r = await host.call(SESSION, 'export.template', { kind, ...(under ? { under: under.id } : {}) });
  const bytes = Buffer.from(r.dataBase64, 'base64');
  writeFileAtomic(target, bytes);
  out.result({ ok: true, file: target, kind, under: under ?? null, bytes: bytes.length }, () => `已生成${ROSTER_KIND_NAMES[kind]}填报模板：${target}`);
  return 0;
}

/** `template` without --db: code-table dropdowns only; organisations are typed by name. */
export async function cmdTemplateWithoutDb(flags: Flags, out: Out): Promise<number> {
  const kind = kindFlag(flags);
  const target = resolve(need(flags, 'out'));
  if (flags.under !== undefined) throw new UsageError('使用 --under 时须同时指定 --db（从台账读取该单位的党组织）');
  const bytes = await buildTemplate({ kind, unitName: '', orgLabels: [], gridNames: {}, today: localToday() });
  writeFileAtomic(target, bytes);
  out.result({ ok: true, file: target, kind, under: null, bytes: bytes.length }, () => `已生成${ROSTER_KIND_NAMES[kind]}填报模板（未含党组织下拉列表）：${target}`);
  return 0;
}

/** `export --db FILE --kind KIND [--under ORG] --out FILE.xlsx`: streamed straight into the file. */
export async function cmdExport(host: LedgerHost, flags: Flags, out: Out): Promise<number> {
  const kind = kindFlag(flags);
  const target = resolve(need(flags, 'out'));
  await unlock(host);
  const under = typeof flags.under === 'string' ? await resolveOrgFlag(host, flags.under) : undefined;
  out.info(`正在导出${ROSTER_KIND_NAMES[kind]}名册……`);
  const r = await host.exportTo(SESSION, { kind, under: under?.id, target });
  out.result({ ok: true, kind, under: under ?? null, ...r }, () => `已导出 ${r.rows} 行到 ${r.file}（${r.bytes} 字节，用时 ${(r.ms / 1000).toFixed(1)} 秒）`);
  return 0;
}
