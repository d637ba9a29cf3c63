import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_PATHS, SESSION_COOKIE } from '../../shared/contract/bridge.js';
import type { LedgerHost } from '../core/host/ledger-host.js';
import { CSP, hostAndOriginOk, newSecret, parseCookies, safeEqual } from './security.js';
import { readStatic, resolveStatic } from './static-files.js';

export interface ServeOptions {
  host: LedgerHost;
  /** The built renderer (dist-renderer). */
  staticRoot: string;
  port?: number;
  /** Largest request body accepted (default MAX_BODY). */
  maxBody?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Import uploads travel as base64 inside the JSON body: 80 MB carries a file of about 60 MB, above
 * what the readers accept anyway (they refuse oversized files with a clear issue).
 */
export const MAX_BODY = 80 * 1024 * 1024;

/**
 * Browser mode: the same contract over HTTP, on 127.0.0.1 only. The printed URL carries a one-time
 * token; opening it swaps the token for an HttpOnly, SameSite=Strict session cookie. Every request
 * is checked for Host and Origin, so other sites and rebinding tricks cannot reach the ledger.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  let oneTimeToken: string | null = newSecret();
  const sessions = new Set<string>();
  const sseClients = new Set<ServerResponse>();
  o.host.onProgress((e) => {
    for (const res of sseClients) res.write(`data: ${JSON.stringify(e)}\n\n`);
  });

  const server = createServer((req, res) => {
    void route(req, res).catch((err: unknown) => {
      // The details stay in the server's log; the page gets a Chinese line.
      process.stderr.write(`ledger serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '服务器内部错误，请重试；如反复出现，请重新运行 ledger serve。');
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = (server.address() as AddressInfo).port;
    if (!hostAndOriginOk(req, port)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：只接受本机地址的请求');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', '请求地址无效');
    }
    const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    const authed = sid !== undefined && sessions.has(sid);

    const token = url.searchParams.get('token');
    if (token !== null) {
      if (oneTimeToken === null || !safeEqual(token, oneTimeToken)) {
        return send(res, 403, 'text/html; charset=utf-8', page('链接已失效', '此链接只能使用一次。请重新运行 ledger serve 获取新链接。'));
      }
      oneTimeToken = null;
      const newSid = newSecret();
      sessions.add(newSid);
      res.writeHead(302, {
        'Set-Cookie': `${SESSION_COOKIE}=${newSid}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!authed) return send(res, 401, 'text/html; charset=utf-8', page('需要授权', '请使用 ledger serve 打印的链接打开本页面。'));

    if (url.pathname === HTTP_PATHS.call) {
      if (req.method !== 'POST') return refuseCall(req, res, 405, '只接受 POST 请求');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuseCall(req, res, 415, '请求内容须为 JSON（Content-Type: application/json）');
      const limit = o.maxBody ?? MAX_BODY;
      const body = await readBody(req, limit);
      if (body === null) return refuseCall(req, res, 413, `请求过大（超过 ${Math.round(limit / 1024 / 1024)} MB）。导入的文件太大时，请拆分后分批导入。`);
      const msg = parseCall(body);
      if (typeof msg === 'string') return callError(res, 400, msg);
      return json(res, 200, await o.host.handle(`http:${sid}`, msg.method, msg.input));
    }
    if (url.pathname === HTTP_PATHS.events) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': ok\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', '不支持的请求');
    // Client-side routes fall back to index.html.
    const hit = resolveStatic(o.staticRoot, url.pathname) ?? resolveStatic(o.staticRoot, '/index.html');
    if (!hit) return send(res, 500, 'text/plain; charset=utf-8', '界面文件缺失，请先运行 npm run build');
    res.writeHead(200, {
      'Content-Type': hit.type,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': hit.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : readStatic(hit.file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${oneTimeToken}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of sseClients) r.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** A refused contract call: the envelope the page shows, with the HTTP status that says why. */
function callError(res: ServerResponse, status: number, message: string): void {
  json(res, status, { ok: false, error: { code: 'BAD_REQUEST', message } });
}

/** Refuses before reading the body: what the client still sends is read and dropped, so it sees the answer. */
function refuseCall(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res.setHeader('Connection', 'close');
  callError(res, status, message);
  req.resume();
}

/** `{ method: string, input?: unknown }` or why not, in Chinese. */
function parseCall(body: string): { method: string; input: unknown } | string {
  let msg: unknown;
  try {
    msg = JSON.parse(body);
  } catch {
    return '请求不是有效的 JSON';
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return '请求须为 JSON 对象：{"method": 调用名, "input": 参数}';
  const { method, input } = msg as { method?: unknown; input?: unknown };
  if (typeof method !== 'string') return '请求缺少调用名（method）';
  return { method, input };
}

/**
 * The body as text, or null when it is larger than `limit` (declared or actual). Past the limit
 * nothing more is kept, but the rest is still read (up to 4 × the limit, then the connection is cut):
 * a client that is still sending would otherwise see a reset instead of the 413.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooBig = true;
      if (size > 4 * limit) req.destroy();
      else if (!tooBig) chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
    req.on('error', reject);
  });
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;padding:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
}
