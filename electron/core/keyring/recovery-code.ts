import { randomBytes } from 'node:crypto';

// Crockford-style alphabet: no I, L, O, U, so a code copied from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 25 characters of 5 bits = 125 bits, printed as five groups of five. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(25);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return s.match(/.{5}/g)!.join('-');
}

/** What a person types back: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normaliseRecoveryCode(input: string): string {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return raw.match(/.{1,5}/g)?.join('-') ?? '';
}
