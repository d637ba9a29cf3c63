// Bundles the Node side with esbuild: the core worker, the CLI (which also serves browser mode),
// the bench runner, and the thin Electron main/preload. Dependencies stay external (node_modules).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
};

const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } };

const jobs = [
  build({ ...esm, entryPoints: { 'core-worker': 'electron/core/worker/core-worker.ts', cli: 'electron/cli/main.ts' }, outdir: 'dist-node', outExtension: { '.js': '.mjs' } }),
];
if (existsSync('test/bench/run.ts')) {
  jobs.push(build({ ...esm, entryPoints: { bench: 'test/bench/run.ts' }, outdir: 'dist-node', outExtension: { '.js': '.mjs' } }));
}
if (existsSync('electron/main/main.ts')) {
  jobs.push(
    // main passes workerFile itself, so core-client's import.meta fallback is dead code there.
    build({ ...common, format: 'cjs', entryPoints: { main: 'electron/main/main.ts' }, outdir: 'dist-electron', outExtension: { '.js': '.cjs' }, external: ['electron'], logOverride: { 'empty-import-meta': 'silent' } }),
    build({ ...common, format: 'cjs', entryPoints: { preload: 'electron/preload/preload.ts' }, outdir: 'dist-electron', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
    build({ ...esm, entryPoints: { 'core-worker': 'electron/core/worker/core-worker.ts' }, outdir: 'dist-electron', outExtension: { '.js': '.mjs' } }),
  );
}
await Promise.all(jobs);
