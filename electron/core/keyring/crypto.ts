import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** scrypt cost: ~100 ms and 32 MiB on an office PC, enough to slow guessing; stored per slot so it can grow. */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_KDF: KdfParams = { N: 1 << 15, r: 8, p: 1 };

export function deriveKek(secret: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}

export interface Wrapped {
  iv: string;
  tag: string;
  data: string;
}

/** AES-256-GCM; the AAD binds the wrap to its slot so slots cannot be swapped between users. */
export function wrap(key: Buffer, kek: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(key), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Returns null when the secret is wrong (GCM tag mismatch): the caller decides what to say. */
export function unwrap(w: Wrapped, kek: Buffer, aad: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.data, 'base64')), d.final()]);
  } catch {
    return null;
  }
}
