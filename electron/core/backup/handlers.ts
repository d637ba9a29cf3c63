import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../../../shared/contract/envelope.js';
import type { BackupInfo } from '../../../shared/contract/backup.js';
import type { Ctx } from '../context.js';
import type { HandlerMap } from '../handler-types.js';
import { writeAudit } from '../audit/audit.js';
import { SCHEMA_VERSION } from '../db/migrations/index.js';
import { Keyring } from '../keyring/keyring.js';
import { readSetting } from '../settings/settings.js';
import { checkBackupFile, checkFolder, keyringOf, pairsIn } from './files.js';
import { contentsOf, inspectCopy } from './inspect.js';
import { rotatingBackup, verifyPair, writeBackup, type BackupSource } from './write-backup.js';

const sourceOf = (ctx: Ctx): BackupSource => ({
  sqlite: ctx.env.sqlite,
  dataKey: ctx.env.dataKey,
  keyringPath: ctx.env.keyringPath,
  ledgerId: ctx.env.ledgerId,
});

/** 台账备份-20250101-083000.ledger, in the office's local time. */
function localStampName(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `台账备份-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.ledger`;
}

/**
 * Backups run outside a transaction (VACUUM INTO refuses one), so they write their audit row
 * themselves: the copy and its verification, or the failure ('backup.failed') with what was tried.
 */
async function audited(ctx: Ctx, target: string, write: () => BackupInfo): Promise<BackupInfo> {
  let info: BackupInfo;
  try {
    info = write();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await writeAudit(ctx.db, { actor: ctx.actor, method: 'backup.failed', at: ctx.now }, 'backup', null, null, { method: ctx.method, target, error });
    throw err;
  }
  await ctx.audit('backup', null, null, { file: info.file, keyring: keyringOf(info.file), size: info.size, verified: info.verified });
  return info;
}

/** The last verification this ledger recorded per file (backup rows carry it), newest first. */
async function verifications(ctx: Ctx): Promise<Map<string, BackupInfo['verified']>> {
  const rows = await ctx.db.selectFrom('auditLog').select('after').where('entity', '=', 'backup').orderBy('at', 'desc').limit(5000).execute();
  const out = new Map<string, BackupInfo['verified']>();
  for (const r of rows) {
    const a = r.after ? (JSON.parse(r.after) as { file?: unknown; verified?: BackupInfo['verified'] }) : null;
    if (typeof a?.file === 'string' && a.verified && !out.has(a.file)) out.set(a.file, a.verified);
  }
  return out;
}

export const backupHandlers: HandlerMap<'backup.'> = {
  async 'backup.create'(ctx) {
    const keep = (await readSetting(ctx.db, 'backupKeep')) as number | undefined;
    return audited(ctx, ctx.env.backupDir, () => rotatingBackup(sourceOf(ctx), ctx.env.backupDir, keep ?? 10, ctx.now, ctx.progress));
  },
  async 'backup.toFolder'(ctx, input) {
    const name = input.fileName ?? localStampName();
    return audited(ctx, join(input.folder, name), () => writeBackup(sourceOf(ctx), join(checkFolder(input.folder), name), ctx.progress));
  },
  async 'backup.list'(ctx) {
    const verified = await verifications(ctx);
    return pairsIn(ctx.env.backupDir).map((b) => ({ ...b, verified: verified.get(b.file) ?? null }));
  },
  async 'backup.verify'(ctx, input) {
    const file = checkBackupFile(input.file);
    if (!pairsIn(ctx.env.backupDir).some((b) => b.file === file)) throw new LedgerError('NOT_FOUND', `不在本机备份中：${file}`);
    let verified: NonNullable<BackupInfo['verified']>;
    try {
      verifyPair(file, sourceOf(ctx));
      verified = { ok: true, integrity: 'ok', at: ctx.now };
    } catch (err) {
      verified = { ok: false, integrity: err instanceof Error ? err.message : String(err), at: ctx.now };
    }
    await ctx.audit('backup', null, null, { file, verified });
    return verified;
  },
  async 'backup.preview'(ctx, input) {
    const file = checkBackupFile(input.file);
    const st = statSync(file);
    const selfContained = existsSync(keyringOf(file));
    const base = { file, size: st.size, createdAt: st.mtime.toISOString(), selfContained, appSchemaVersion: SCHEMA_VERSION };
    if (selfContained) {
      let ledgerId: string;
      try {
        ledgerId = Keyring.load(keyringOf(file)).ledgerId;
      } catch {
        throw new LedgerError('DB_UNREADABLE', `备份旁的密钥文件已损坏：${keyringOf(file)}`);
      }
      // Another ledger's key is not ours: nothing can be read from the copy here.
      if (ledgerId !== ctx.env.ledgerId) return { ...base, sameLedger: false, contents: null };
    }
    const facts = inspectCopy(file, ctx.env.dataKey.toString('hex'));
    return { ...base, sameLedger: facts.ledgerId === ctx.env.ledgerId, contents: contentsOf(facts) };
  },
};
