import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { LedgerError, type CoreMethod, type ErrorBody, type ProgressEvent } from '../../../shared/contract/index.js';
import type { AdminOp, InitMessage, Request, Response } from '../worker/protocol.js';

/**
 * Where the built worker lives. Bundles put it beside the host code (dist-node/, dist-electron/);
 * LEDGER_CORE_WORKER overrides for tests that load hosts from source.
 */
export function defaultWorkerFile(): string {
  if (process.env.LEDGER_CORE_WORKER) return process.env.LEDGER_CORE_WORKER;
  // Bundled as ESM (CLI) import.meta.url is set; the Electron main bundle passes workerFile itself.
  const here = import.meta.url ? dirname(fileURLToPath(import.meta.url)) : process.cwd();
  for (const candidate of [join(here, 'core-worker.mjs'), join(here, '../../../dist-node/core-worker.mjs')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new LedgerError('INTERNAL', '找不到核心工作线程文件 core-worker.mjs，请先运行 npm run build');
}

/** Heap of the core worker: the 250k-member statistics and a million-row import fit well below it. */
const WORKER_HEAP_MB = 3072;

/** The host side of the worker: one method per request kind, promises for answers. */
export class CoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly progressListeners = new Set<(e: ProgressEvent) => void>();
  private readonly deathListeners = new Set<() => void>();
  /** Set once the worker has failed or exited: every call after that is refused at once. */
  private dead: ErrorBody | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Response) => this.onMessage(m));
    worker.on('error', (err) => this.die({ code: 'INTERNAL', message: '核心线程出错：' + err.message }));
    worker.on('exit', () => this.die({ code: 'INTERNAL', message: '核心线程已退出' }));
  }

  /** Called once when the worker fails or exits (out of memory, a crash, terminate). */
  onDeath(fn: () => void): void {
    this.deathListeners.add(fn);
  }

  /** Starts the worker and sends the data key in the init message, the only place it travels. */
  static start(init: Omit<InitMessage, 'type'>, workerFile = defaultWorkerFile()): Promise<CoreClient> {
    // A 16 MB young generation (V8's default is 3 × 16 MB semi-spaces): reading a big xlsx makes
    // garbage at a high rate and a larger nursery only raises the worker's peak RSS (50,000-row
    // import bench: peak −20…30 MB, same times).
    // The old generation is capped so that a runaway call ends the worker (the host survives and
    // asks to log in again, which starts a new one) instead of taking the machine's memory.
    const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    return new Promise((resolve, reject) => {
      const onFirst = (m: Response) => {
        if (m.type === 'ready') {
          worker.off('message', onFirst);
          resolve(new CoreClient(worker));
        } else if (m.type === 'init-failed') {
          worker.off('message', onFirst);
          void worker.terminate();
          reject(new LedgerError(m.error.code, m.error.message, m.error.details));
        }
      };
      worker.on('message', onFirst);
      worker.once('error', reject);
      worker.postMessage({ type: 'init', ...init } satisfies InitMessage);
    });
  }

  onProgress(fn: (e: ProgressEvent) => void): () => void {
    this.progressListeners.add(fn);
    return () => this.progressListeners.delete(fn);
  }

  call(userId: string, method: CoreMethod, input: unknown): Promise<unknown> {
    return this.send({ type: 'call', id: this.nextId++, userId, method, input });
  }

  admin<T = unknown>(job: AdminOp): Promise<T> {
    return this.send({ type: 'admin', id: this.nextId++, job }) as Promise<T>;
  }

  async close(): Promise<void> {
    try {
      await this.send({ type: 'close', id: this.nextId++ });
    } finally {
      await this.worker.terminate();
    }
  }

  private send(req: Request): Promise<unknown> {
    const dead = this.dead;
    if (dead) return Promise.reject(new LedgerError(dead.code, dead.message));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.postMessage(req);
    });
  }

  private onMessage(m: Response): void {
    if (m.type === 'progress') {
      for (const fn of this.progressListeners) fn(m.event);
      return;
    }
    if (m.type !== 'result') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new LedgerError(m.error.code, m.error.message, m.error.details));
  }

  private die(error: ErrorBody): void {
    if (this.dead) return;
    this.dead = error;
    for (const p of this.pending.values()) p.reject(new LedgerError(error.code, error.message));
    this.pending.clear();
    for (const fn of this.deathListeners) fn();
  }
}
