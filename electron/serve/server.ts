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
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '服务器内部错误：' + String(err));
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = (server.address() as AddressInfo).port;
    if (!hostAndOriginOk(req, port)) return send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：只接受本机地址的请求');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
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
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', '只接受 POST');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', '只接受 JSON');
      const body = await readBody(req, o.maxBody ?? MAX_BODY);
      if (body === null) return send(res, 413, 'text/plain; charset=utf-8', '请求过大');
      let msg: { method?: unknown; input?: unknown };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        return json(res, { ok: false, error: { code: 'BAD_REQUEST', message: '请求不是有效的 JSON' } });
      }
      const envelope = await o.host.handle(`http:${sid}`, String(msg.method ?? ''), msg.input);
      return json(res, envelope);
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

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;padding:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
}
