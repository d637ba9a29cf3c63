import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolveStatic } from '../serve/static-files.js';

/** The renderer's only origin. `standard` makes it a real origin ('self' in the CSP, relative URLs). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Desktop CSP: like browser mode's, but the page talks to nothing at all (IPC is not a fetch), so
 * connect-src is 'none'. Inline styles stay allowed because AG Grid and ECharts inject them.
 */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True for URLs of our own pages (WHATWG gives custom schemes an opaque origin, so compare parts). */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before `app` is ready: privileges can only be granted at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false, stream: false },
    },
  ]);
}

const refuse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': DESKTOP_CSP } });

/**
 * Serves the built renderer (dist-renderer/) on app://ledger/. Path resolution and traversal refusal
 * are the same tested function browser mode uses; unknown paths fall back to index.html for
 * client-side routes.
 */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refuse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    // A path that decodes to something escaping the root is refused outright, not rerouted.
    if (url.pathname.includes('%00') || hasDotDot(url.pathname)) return refuse(403, 'forbidden');
    const hit = resolveStatic(root, url.pathname) ?? resolveStatic(root, '/index.html');
    if (!hit) return refuse(404, 'not found');
    const body = await readFile(hit.file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': hit.type,
        'Content-Security-Policy': DESKTOP_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
      },
    });
  });
}

/** `..` segments after percent-decoding, with either slash (Windows treats `\` as a separator). */
function hasDotDot(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return decoded.split(/[\\/]/).some((seg) => seg === '..');
}
