import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { DEFAULT_KDF, deriveKek, unwrap, wrap } from './crypto.js';
import { normaliseRecoveryCode } from './recovery-code.js';
import { emptyAttempts, type AttemptsSection, type KeyringData, type KeySlot } from './keyring-file.js';
import { faultPoint } from '../util/fault.js';
import { createKeyringFile, readKeyringFile, updateKeyringFile } from './keyring-store.js';

export type { KeySlot } from './keyring-file.js';

export const keyringPathFor = (dbFile: string): string => `${dbFile}.keyring`;

const aadFor = (ledgerId: string, slot: Pick<KeySlot, 'kind' | 'username'>) => `${ledgerId}|${slot.kind}|${slot.username ?? ''}`;

function makeSlot(ledgerId: string, kind: KeySlot['kind'], username: string | null, secret: string, dataKey: Buffer, kdf = DEFAULT_KDF): KeySlot {
  const salt = randomBytes(16);
  const kek = deriveKek(secret, salt, kdf);
  return {
    kind,
    username,
    salt: salt.toString('base64'),
    kdf,
    wrapped: wrap(dataKey, kek, aadFor(ledgerId, { kind, username })),
    updatedAt: new Date().toISOString(),
  };
}

function trySlot(ledgerId: string, slot: KeySlot, secret: string): Buffer | null {
  const kek = deriveKek(secret, Buffer.from(slot.salt, 'base64'), slot.kdf);
  return unwrap(slot.wrapped, kek, aadFor(ledgerId, slot));
}

const isUserSlot = (username: string) => (s: KeySlot) => s.kind === 'user' && s.username === username;

/**
 * What `<db>.keyring` held when it was read: the data key wrapped once per user (scrypt of the
 * password) and once by the recovery code. A read-only snapshot for unlocking; nothing holds one for
 * long. Changes go through the static writers, each a locked read-modify-write of the file on disk,
 * so two writers (the host and the core, the CLI and a running `ledger serve`) never undo each other.
 */
export class Keyring {
  private constructor(
    readonly path: string,
    private readonly data: KeyringData,
  ) {}

  get ledgerId(): string {
    return this.data.ledgerId;
  }

  /** The unlock guard's state as read (counters and login events awaiting audit). */
  get attempts(): Readonly<AttemptsSection> {
    return this.data.attempts;
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }

  /** Reads the file; a missing, unreadable or damaged keyring is a Chinese DB_UNREADABLE/NOT_INITIALISED error. */
  static load(path: string): Keyring {
    return new Keyring(path, readKeyringFile(path));
  }

  /** A new ledger: random data key, the first user's slot and the recovery slot. Nothing is written yet. */
  static create(path: string, username: string, password: string, recoveryCode: string): { keyring: Keyring; dataKey: Buffer } {
    const dataKey = randomBytes(32);
    const ledgerId = randomBytes(16).toString('hex');
    const slots = [makeSlot(ledgerId, 'user', username, password, dataKey), makeSlot(ledgerId, 'recovery', null, normaliseRecoveryCode(recoveryCode), dataKey)];
    return { keyring: new Keyring(path, { ledgerId, slots, attempts: emptyAttempts() }), dataKey };
  }

  /** Writes a keyring made by `create` as a new file; an existing keyring is never replaced. */
  save(): void {
    createKeyringFile(this.path, this.data);
  }

  usernames(): string[] {
    return this.data.slots.filter((s) => s.kind === 'user').map((s) => s.username!);
  }

  hasUser(username: string): boolean {
    return this.data.slots.some(isUserSlot(username));
  }

  /** The data key for a user's password, or null when it is wrong (or the user has no slot). */
  unlockWithPassword(username: string, password: string): Buffer | null {
    const slot = this.data.slots.find(isUserSlot(username));
    if (!slot) {
      // Spend the same time as a real attempt so a missing user is not told apart by timing.
      deriveKek(password, randomBytes(16), DEFAULT_KDF);
      return null;
    }
    return trySlot(this.data.ledgerId, slot, password);
  }

  unlockWithRecoveryCode(code: string): Buffer | null {
    const slot = this.data.slots.find((s) => s.kind === 'recovery');
    if (!slot) return null;
    return trySlot(this.data.ledgerId, slot, normaliseRecoveryCode(code));
  }

  slotSummary(): { kind: KeySlot['kind']; username: string | null; updatedAt: string }[] {
    return this.data.slots.map((s) => ({ kind: s.kind, username: s.username, updatedAt: s.updatedAt }));
  }

  /** Adds or rewraps one user's slot in the file; other slots are untouched. */
  static async setUserSlot(path: string, username: string, password: string, dataKey: Buffer): Promise<void> {
    // The slow key derivation happens before the lock: the ledger id it binds to never changes.
    const { ledgerId } = readKeyringFile(path);
    const slot = makeSlot(ledgerId, 'user', username, password, dataKey);
    await updateKeyringFile(path, (d) => {
      if (d.ledgerId !== ledgerId) throw new LedgerError('DB_UNREADABLE', '密钥文件在写入期间被替换为另一本台账的密钥文件，请检查后重试');
      const i = d.slots.findIndex(isUserSlot(username));
      if (i >= 0) d.slots[i] = slot;
      else d.slots.push(slot);
    });
    faultPoint('keyring.slotWritten');
  }

  static async removeUserSlot(path: string, username: string): Promise<void> {
    await updateKeyringFile(path, (d) => {
      d.slots = d.slots.filter((s) => !isUserSlot(username)(s));
    });
    faultPoint('keyring.slotWritten');
  }
}
