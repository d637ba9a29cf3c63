// Sandboxed preload: bundled to one CommonJS file (dist-electron/preload.cjs). Only 'electron' is
// required at run time; everything else here is a type import, erased by the bundler.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { LedgerBridge } from '../../shared/contract/bridge.js';
import type { Envelope, ProgressEvent } from '../../shared/contract/index.js';
import type { Channels } from '../main/channels.js';

const CH: Channels = {
  call: 'ledger:call',
  progress: 'ledger:progress',
  printPdf: 'ledger:print-pdf',
  print: 'ledger:print',
  chooseBackupFolder: 'ledger:choose-backup-folder',
  chooseBackupFile: 'ledger:choose-backup-file',
};

/** window.ledger: exactly the LedgerBridge, with the IPC objects themselves never handed over. */
const bridge = {
  call: (method: string, input: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke(CH.call, String(method), input),

  onProgress(listener: (e: ProgressEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const relay = (_event: IpcRendererEvent, e: ProgressEvent) => listener(e);
    ipcRenderer.on(CH.progress, relay);
    return () => {
      ipcRenderer.removeListener(CH.progress, relay);
    };
  },

  printToPdf: (options: { landscape: boolean; suggestedName: string }): Promise<Envelope<{ file: string } | null>> =>
    ipcRenderer.invoke(CH.printPdf, { landscape: options?.landscape === true, suggestedName: String(options?.suggestedName ?? '') }),

  print: (options: { landscape: boolean }): Promise<Envelope<{ printed: boolean }>> => ipcRenderer.invoke(CH.print, { landscape: options?.landscape === true }),

  chooseBackupFolder: (): Promise<Envelope<string | null>> => ipcRenderer.invoke(CH.chooseBackupFolder),

  chooseBackupFile: (): Promise<Envelope<string | null>> => ipcRenderer.invoke(CH.chooseBackupFile),
} satisfies LedgerBridge;

contextBridge.exposeInMainWorld('ledger', bridge);
