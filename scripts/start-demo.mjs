// `npm start`: build, create the demo county once (.demo/county.ledger), then open browser mode.
// The desktop shell needs an Electron binary that is not installed on every machine; the browser
// mode serves the same UI and core on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const db = join(root, '.demo', 'county.ledger');
const env = { ...process.env, LEDGER_USER: process.env.LEDGER_USER ?? 'admin', LEDGER_PASSWORD: process.env.LEDGER_PASSWORD ?? 'demo-pass-2024' };
const members = process.env.DEMO_MEMBERS ?? '25000';

const run = (args) => {
  const r = spawnSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(['npm', 'run', '-s', 'build']);
if (!existsSync(db)) {
  mkdirSync(join(root, '.demo'), { recursive: true });
  console.error(`正在生成示例县（${members} 名党员）……`);
  run([process.execPath, 'dist-node/cli.mjs', 'demo', '--db', db, '--members', members]);
}
console.error(`\n示例县台账：${db}\n登录用户名：${env.LEDGER_USER}  密码：${env.LEDGER_PASSWORD}（仅示例数据使用）\n`);
const serve = spawn(process.execPath, ['dist-node/cli.mjs', 'serve', '--db', db, '--port', process.env.PORT ?? '5174'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
serve.stdout.on('data', (chunk) => {
  const url = String(chunk).trim();
  process.stdout.write(`请在浏览器中打开：${url}\n`);
  if (process.env.CI !== 'true' && !process.env.NO_OPEN) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).on('error', () => {});
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => serve.kill(sig));
serve.on('exit', (code) => process.exit(code ?? 0));
