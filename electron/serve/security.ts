import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Same CSP as the desktop shell: nothing outside this origin, ever. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const newSecret = (): string => randomBytes(24).toString('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * DNS rebinding and cross-site requests: the Host must be our loopback address and port, and a
 * browser-sent Origin (if any) must be exactly our origin.
 */
export function hostAndOriginOk(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowedHosts.some((h) => origin === `http://${h}`);
}

/** Cookies by name; a malformed one (bad percent-encoding) is skipped, never an error. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // Not ours: our session cookie is plain base64url.
    }
  }
  return out;
}
