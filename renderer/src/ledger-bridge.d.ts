import type { LedgerBridge } from '../../shared/contract/bridge.js';

declare global {
  interface Window {
    /** Present only in the desktop app (Electron preload); browser mode talks HTTP. */
    ledger?: LedgerBridge;
  }
}
