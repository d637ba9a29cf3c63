#!/usr/bin/env node
// The `ledger` command. Builds the Node bundles on demand (a fresh clone has none), then runs them.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-node', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const srcDirs = ['electron/core', 'electron/cli', 'electron/serve', 'shared'].map((d) => join(root, d)).filter(existsSync);
const stale = !existsSync(bundle) || srcDirs.some((d) => newestSource(d) > statSync(bundle).mtimeMs);
if (stale && existsSync(join(root, 'scripts', 'build-node.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('构建失败，无法运行 ledger\n');
    process.exit(1);
  }
}
await import(pathToFileURL(bundle).href);
