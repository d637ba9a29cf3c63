// Packaging check for machines without an Electron binary (like our build machines).
//
// electron-builder is run for real (`--linux --dir`) against a stand-in Electron dist: a stub
// executable carrying Electron's fuse wire (sentinel + version + states). That exercises the whole
// electron-builder.yml — schema validation, the `files` patterns, asar packing and unpacking of the
// native binding, extraMetadata.main, the executable name and the fuse flipping — and then checks
// the result. What it cannot show is the app starting: see docs/RELEASE.md for the real smoke test.
//
// Usage: npm run build && npx node scripts/pack-check.mjs
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Both come with electron-builder (its own dependencies), so nothing extra is installed.
const asar = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const FuseState = { DISABLE: 48, ENABLE: 49 }; // '0' and '1' on the wire

for (const f of ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/core-worker.mjs', 'dist-renderer/index.html']) {
  if (!existsSync(f)) {
    console.error(`缺少 ${f}：请先运行 npm run build`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'ledger-pack-'));
const fake = join(work, 'electron-dist');
const out = join(work, 'release');
mkdirSync(join(fake, 'locales'), { recursive: true });
mkdirSync(join(fake, 'resources'));
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
const wire = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]);
writeFileSync(join(fake, 'electron'), wire);
chmodSync(join(fake, 'electron'), 0o755);
writeFileSync(join(fake, 'version'), '45.4.1');
for (const f of ['LICENSE', 'LICENSES.chromium.html', 'resources.pak', 'icudtl.dat', 'locales/zh-CN.pak', 'locales/en-US.pak', 'locales/de.pak']) writeFileSync(join(fake, f), '');

const failures = [];
const expect = (ok, what) => {
  console.log(`${ok ? '✔' : '✘'} ${what}`);
  if (!ok) failures.push(what);
};

try {
  execFileSync('npx', ['electron-builder', '--linux', '--dir', `-c.electronDist=${fake}`, `-c.directories.output=${out}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1' },
  });
  const appDir = join(out, 'linux-unpacked');
  const exe = join(appDir, 'party-ledger');
  expect(existsSync(exe), 'executable is named party-ledger');

  const archive = join(appDir, 'resources', 'app.asar');
  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
  for (const f of ['/package.json', '/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist-electron/core-worker.mjs', '/dist-renderer/index.html']) {
    expect(files.has(f), `app.asar holds ${f}`);
  }
  expect(![...files].some((f) => f.startsWith('/dist-electron/') && f.endsWith('.map')), 'no source maps of our bundles shipped');
  expect(![...files].some((f) => /^\/(electron|shared|renderer|test|scripts)\//.test(f)), 'no sources shipped');
  expect(![...files].some((f) => f.includes('better-sqlite3-multiple-ciphers/deps/')), 'no SQLite sources shipped');
  const main = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')).main;
  expect(main === 'dist-electron/main.cjs', `package.json main is ${main}`);
  const binding = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'prebuilds', 'linux-x64.node');
  expect(existsSync(binding), 'linux-x64.node is unpacked beside app.asar');
  expect(!existsSync(binding.replace('linux-x64', 'win32-x64')), 'other platforms’ bindings left out');

  const fuses = await getCurrentFuseWire(exe);
  const want = {
    RunAsNode: FuseState.DISABLE,
    EnableCookieEncryption: FuseState.ENABLE,
    EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
    EnableNodeCliInspectArguments: FuseState.DISABLE,
    EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
    OnlyLoadAppFromAsar: FuseState.ENABLE,
    GrantFileProtocolExtraPrivileges: FuseState.DISABLE,
  };
  for (const [name, state] of Object.entries(want)) {
    expect(fuses[FuseV1Options[name]] === state, `fuse ${name} ${state === FuseState.ENABLE ? 'enabled' : 'disabled'}`);
  }
} finally {
  if (!process.env.KEEP_PACK_CHECK) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

if (failures.length) {
  console.error(`打包检查失败：${failures.length} 项`);
  process.exit(1);
}
console.log('打包检查通过（替身 Electron；应用本身未启动）');
