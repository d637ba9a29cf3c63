import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The keyring file's format: the wraps of the data key (slots) and the unlock guard's state (failure
 * counters and the login events waiting for the next unlock to be audited). Pure: parsing and
 * writing text; the file itself is owned by keyring-store.ts.
 */

/** Bounds a hostile or damaged file cannot exceed (scrypt memory is 128·N·r bytes). */
const kdfSchema = z.object({ N: z.number().int().min(1024).max(1 << 17), r: z.number().int().min(1).max(16), p: z.number().int().min(1).max(4) });
const b64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/=]*$/);

const slotSchema = z.object({
  kind: z.enum(['user', 'recovery']),
  username: z.string().min(1).max(64).nullable(),
  salt: b64(64),
  kdf: kdfSchema,
  wrapped: z.object({ iv: b64(64), tag: b64(64), data: b64(128) }),
  updatedAt: z.string().max(40),
});
export type KeySlot = z.infer<typeof slotSchema>;

/** Failures of one login name (`user:<name>`), of the recovery code (`recovery`) or of all (`*`). */
const counterSchema = z.object({ failures: z.number().int().min(0), lockedUntil: z.number().nullable(), lastAt: z.number() });
export type Counter = z.infer<typeof counterSchema>;

/** A login event seen while no database could be written (no key): audited at the next unlock. */
const pendingEventSchema = z.object({
  id: z.string().max(40),
  at: z.string().max(40),
  method: z.string().max(40),
  username: z.string().max(64).nullable(),
  detail: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])),
});
export type PendingEvent = z.infer<typeof pendingEventSchema>;

export const MAX_PENDING_EVENTS = 200;
export const MAX_COUNTERS = 200;

const attemptsSchema = z.object({
  counters: z.record(z.string().max(80), counterSchema),
  events: z.array(pendingEventSchema).max(MAX_PENDING_EVENTS),
  /** Events beyond the bound, summed up rather than dropped without trace. */
  overflow: z.object({ count: z.number().int().min(1), firstAt: z.string().max(40), lastAt: z.string().max(40) }).nullable(),
  /**
   * Set when the section was found missing or unreadable: the guard turns it into a lockout of every
   * name (fail closed) at the next attempt. Any writer keeps it, so a slot change cannot clear it.
   */
  damaged: z.literal(true).optional(),
});
export type AttemptsSection = z.infer<typeof attemptsSchema>;

export const emptyAttempts = (): AttemptsSection => ({ counters: {}, events: [], overflow: null });

/** What the program works with, whatever version the file was written in. */
export interface KeyringData {
  ledgerId: string;
  slots: KeySlot[];
  attempts: AttemptsSection;
}

const fileSchema = z.object({
  format: z.literal('party-ledger-keyring'),
  version: z.union([z.literal(1), z.literal(2)]),
  /** Random id shared with the database's settings, so a keyring is never used with the wrong file. */
  ledgerId: z.string().regex(/^[0-9a-f]{32}$/),
  slots: z
    .array(slotSchema)
    .max(10_000)
    .refine((s) => s.filter((x) => x.kind === 'recovery').length <= 1, '恢复码槽不止一个')
    .refine((s) => new Set(s.filter((x) => x.kind === 'user').map((x) => x.username)).size === s.filter((x) => x.kind === 'user').length, '用户槽重复')
    .refine((s) => s.every((x) => (x.kind === 'user') === (x.username !== null)), '槽的用户名不符'),
  /** sha256 over ledgerId and slots (version 2): a damaged file is told apart from a wrong password. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  attempts: z.unknown().optional(),
});

export type ParseResult =
  | { ok: true; data: KeyringData; version: 1 | 2 }
  | { ok: false; problem: 'syntax' | 'format' | 'checksum' };

/**
 * The checksum covers what must not change by accident (the wraps), in a fixed order so that a file
 * whose keys were merely reordered still matches. It is not a signature: whoever may write the file
 * can recompute it (see README, security model).
 */
export function slotsChecksum(ledgerId: string, slots: readonly KeySlot[]): string {
  const canonical = slots.map((s) => [s.kind, s.username, s.salt, s.kdf.N, s.kdf.r, s.kdf.p, s.wrapped.iv, s.wrapped.tag, s.wrapped.data, s.updatedAt]);
  return createHash('sha256').update(JSON.stringify([ledgerId, canonical])).digest('hex');
}

export function parseKeyring(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'syntax' };
  }
  const f = fileSchema.safeParse(json);
  if (!f.success) return { ok: false, problem: 'format' };
  const { ledgerId, slots, version } = f.data;
  if (version === 2 && f.data.checksum !== slotsChecksum(ledgerId, slots)) return { ok: false, problem: 'checksum' };
  // Version 1 had no section (its counter lived in `<db>.attempts`): the store fills it in.
  const a = version === 2 ? attemptsSchema.safeParse(f.data.attempts) : null;
  const attempts = a?.success ? a.data : { ...emptyAttempts(), ...(version === 2 ? { damaged: true as const } : {}) };
  return { ok: true, data: { ledgerId, slots, attempts }, version };
}

export function serialiseKeyring(d: KeyringData): string {
  return JSON.stringify(
    { format: 'party-ledger-keyring', version: 2, ledgerId: d.ledgerId, slots: d.slots, checksum: slotsChecksum(d.ledgerId, d.slots), attempts: d.attempts },
    null,
    1,
  );
}
