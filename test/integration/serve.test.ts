import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerHost } from '../../electron/core/host/ledger-host.js';
import { MAX_BODY, startServer, type RunningServer } from '../../electron/serve/server.js';
import { SESSION_COOKIE } from '../../shared/contract/bridge.js';
import { tempDir } from '../helpers/ledger.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('ledger serve: loopback only, one-time token, Host and Origin checks', () => {
  const tmp = tempDir();
  let host: LedgerHost;
  let srv: RunningServer;
  let cookie = '';

  beforeAll(async () => {
    const web = join(tmp.dir, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>台账</title>');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the web root');
    host = new LedgerHost({ dbFile: join(tmp.dir, 's.ledger') });
    srv = await startServer({ host, staticRoot: web });
  });
  afterAll(async () => {
    await srv.close();
    await host.close();
    tmp.cleanup();
  });

  it('listens on 127.0.0.1 and prints a URL with a token', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((srv.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('without the session cookie nothing is served', async () => {
    expect((await http(srv.port, '/')).status).toBe(401);
    const call = await http(srv.port, '/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"app.status"}' });
    expect(call.status).toBe(401);
  });

  it('the token is exchanged once for an HttpOnly SameSite=Strict cookie', async () => {
    const token = new URL(srv.url).search;
    const first = await http(srv.port, '/' + token);
    expect(first.status).toBe(302);
    const set = String(first.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0]!;
    const again = await http(srv.port, '/' + token);
    expect(again.status).toBe(403);
    expect(again.body).toContain('此链接只能使用一次');
  });

  it('serves the page with a strict CSP and answers contract calls with the envelope', async () => {
    const page = await http(srv.port, '/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    const call = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'app.status', input: {} }) });
    expect(JSON.parse(call.body)).toEqual({ ok: true, value: { initialised: false, unlocked: false, unitName: null, session: null, sessionEnded: null } });
    const bad = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'member.list', input: {} }) });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('accepts import-sized bodies (files travel as base64 in the JSON)', async () => {
    expect(MAX_BODY).toBeGreaterThanOrEqual(80 * 1024 * 1024);
    // 12 MB: above the old 8 MB limit, like a 9 MB roster in base64.
    const body = JSON.stringify({ method: 'app.status', input: {}, padding: 'A'.repeat(12 * 1024 * 1024) });
    const call = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json' }, body });
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ ok: true });
  });

  it('a page cannot make the core read a file of the machine by its path (only the CLI, in process, may)', async () => {
    const file = join(tmp.dir, '花名册.csv');
    writeFileSync(file, '姓名,公民身份号码\n张三,652302198001010011\n');
    const body = JSON.stringify({ method: 'import.preview', input: { files: [{ path: file }], kind: 'members' } });
    const call = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json' }, body });
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('本机路径') } });
    // In process the same input passes this check (and stops at the login, as nobody is logged in).
    await expect(host.call('cli', 'import.preview', { files: [{ path: file }], kind: 'members' } as never)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (cross-site)', async () => {
    const rebinding = await http(srv.port, '/', { headers: { Cookie: cookie, Host: `evil.example:${srv.port}` } });
    expect(rebinding.status).toBe(403);
    const cross = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{"method":"app.status"}' });
    expect(cross.status).toBe(403);
  });

  it('answers every malformed call with a 4xx and a Chinese message, never a 500', async () => {
    const post = (body: string, headers: Record<string, string> = {}) => http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json', ...headers }, body });
    const cases: [string, string][] = [
      ['null', '请求须为 JSON 对象'],
      ['[]', '请求须为 JSON 对象'],
      ['"app.status"', '请求须为 JSON 对象'],
      ['{"method": 5}', '请求缺少调用名'],
      ['{ not json', '请求不是有效的 JSON'],
    ];
    for (const [body, message] of cases) {
      const r = await post(body);
      expect([body, r.status]).toEqual([body, 400]);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining(message) } });
    }
    const get = await http(srv.port, '/api/call', { headers: { Cookie: cookie } });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.body)).toMatchObject({ ok: false, error: { message: '只接受 POST 请求' } });
    const text = await post('{}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    // A made-up method name is not echoed back whole.
    const long = await post(JSON.stringify({ method: 'x'.repeat(1024 * 1024), input: {} }));
    expect(long.status).toBe(200);
    expect(long.body.length).toBeLessThan(300);
  });

  it('a malformed cookie is ignored, not a crash', async () => {
    const bad = 'other=%E0%A4%A';
    expect((await http(srv.port, '/', { headers: { Cookie: `${SESSION_COOKIE}=%E0%A4%A` } })).status).toBe(401);
    const call = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: `${bad}; ${cookie}`, 'content-type': 'application/json' }, body: '{"method":"app.status"}' });
    expect(call.status).toBe(200);
  });

  it('a body over the limit gets 413 with a Chinese message, which the client sees (not a reset)', async () => {
    const body = '{"method":"app.status","input":{},"padding":"' + 'A'.repeat(MAX_BODY + 1024 * 1024) + '"}';
    const r = await http(srv.port, '/api/call', { method: 'POST', headers: { Cookie: cookie, 'content-type': 'application/json' }, body });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('请求过大') } });
  });

  it('never serves files outside the renderer folder', async () => {
    const r = await http(srv.port, '/..%2Fsecret.txt', { headers: { Cookie: cookie } });
    expect(r.body).not.toContain('outside the web root');
  });
});
