import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { DEFAULT_KDF, deriveKek, unwrap, wrap, type KdfParams, type Wrapped } from './crypto.js';
import { normaliseRecoveryCode } from './recovery-code.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** One wrap of the data key: per user (by username) or the recovery code. */
export interface KeySlot {
  kind: 'user' | 'recovery';
  username: string | null;
  salt: string;
  kdf: KdfParams;
  wrapped: Wrapped;
  updatedAt: string;
}

export interface KeyringFile {
  format: 'party-ledger-keyring';
  version: 1;
  /** Random id shared with the database's settings, so a keyring is never used with the wrong file. */
  ledgerId: string;
  slots: KeySlot[];
}

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

export class Keyring {
  private constructor(
    readonly path: string,
    private file: KeyringFile,
  ) {}

  get ledgerId(): string {
    return this.file.ledgerId;
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }

  static load(path: string): Keyring {
    if (!existsSync(path)) throw new LedgerError('NOT_INITIALISED', `找不到密钥文件：${path}`);
    let parsed: KeyringFile;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    } catch {
      throw new LedgerError('DB_UNREADABLE', `密钥文件已损坏：${path}`);
    }
    if (parsed.format !== 'party-ledger-keyring' || parsed.version !== 1 || !Array.isArray(parsed.slots)) {
      throw new LedgerError('DB_UNREADABLE', `密钥文件格式不正确：${path}`);
    }
    return new Keyring(path, parsed);
  }

  /** A new ledger: random data key, the first user's slot and the recovery slot. Nothing is written yet. */
  static create(path: string, username: string, password: string, recoveryCode: string): { keyring: Keyring; dataKey: Buffer } {
    const dataKey = randomBytes(32);
    const ledgerId = randomBytes(16).toString('hex');
    const file: KeyringFile = {
      format: 'party-ledger-keyring',
      version: 1,
      ledgerId,
      slots: [
        makeSlot(ledgerId, 'user', username, password, dataKey),
        makeSlot(ledgerId, 'recovery', null, normaliseRecoveryCode(recoveryCode), dataKey),
      ],
    };
    return { keyring: new Keyring(path, file), dataKey };
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.file, null, 1));
  }

  usernames(): string[] {
    return this.file.slots.filter((s) => s.kind === 'user').map((s) => s.username!);
  }

  hasUser(username: string): boolean {
    return this.file.slots.some((s) => s.kind === 'user' && s.username === username);
  }

  /** The data key for a user's password, or null when it is wrong (or the user has no slot). */
  unlockWithPassword(username: string, password: string): Buffer | null {
    const slot = this.file.slots.find((s) => s.kind === 'user' && s.username === username);
    if (!slot) {
      // Spend the same time as a real attempt so a missing user is not told apart by timing.
      deriveKek(password, randomBytes(16), DEFAULT_KDF);
      return null;
    }
    return trySlot(this.file.ledgerId, slot, password);
  }

  unlockWithRecoveryCode(code: string): Buffer | null {
    const slot = this.file.slots.find((s) => s.kind === 'recovery');
    if (!slot) return null;
    return trySlot(this.file.ledgerId, slot, normaliseRecoveryCode(code));
  }

  /** Adds or rewraps one user's slot; other slots are untouched. Caller saves. */
  setUserSlot(username: string, password: string, dataKey: Buffer): void {
    const slot = makeSlot(this.file.ledgerId, 'user', username, password, dataKey);
    const i = this.file.slots.findIndex((s) => s.kind === 'user' && s.username === username);
    if (i >= 0) this.file.slots[i] = slot;
    else this.file.slots.push(slot);
  }

  removeUserSlot(username: string): void {
    this.file.slots = this.file.slots.filter((s) => !(s.kind === 'user' && s.username === username));
  }

  slotSummary(): { kind: KeySlot['kind']; username: string | null; updatedAt: string }[] {
    return this.file.slots.map((s) => ({ kind: s.kind, username: s.username, updatedAt: s.updatedAt }));
  }
}
