import type { Envelope, ProgressEvent } from './envelope.js';

/**
 * The one object the Electron preload exposes as `window.ledger`. Browser mode has no bridge and
 * speaks the same envelope over HTTP (POST /api/call, GET /api/events).
 */
export interface LedgerBridge {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  /** Desktop only: print the current window's print view to PDF (A4) and ask where to save it. */
  printToPdf(options: { landscape: boolean; suggestedName: string }): Promise<Envelope<{ file: string } | null>>;
  /** Desktop only: the system print dialog for the current view (browser mode uses window.print). */
  print(options: { landscape: boolean }): Promise<Envelope<{ printed: boolean }>>;
  /** Desktop only: the system dialog for a folder to back up into (a USB stick); null when cancelled. */
  chooseBackupFolder(): Promise<Envelope<string | null>>;
  /** Desktop only: the system dialog for a backup to restore from; null when cancelled. */
  chooseBackupFile(): Promise<Envelope<string | null>>;
}

/** HTTP paths of browser mode (`ledger serve`). */
export const HTTP_PATHS = { call: '/api/call', events: '/api/events' } as const;
export const SESSION_COOKIE = 'ledger_sid';
