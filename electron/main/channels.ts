/**
 * IPC channel names shared by main and preload. No 'electron' import and no logic here: the
 * sandboxed preload takes only the type (`import type`) and spells the literals itself, so it stays
 * one self-contained file while a typo still fails the type check.
 */
export const CHANNELS = {
  /** invoke(method, input) → Envelope: one contract call, relayed to the LedgerHost. */
  call: 'ledger:call',
  /** main → renderer: ProgressEvent of a long job. */
  progress: 'ledger:progress',
  /** invoke({ landscape, suggestedName }) → Envelope<{ file } | null>: A4 PDF of the current view. */
  printPdf: 'ledger:print-pdf',
  /** invoke({ landscape }) → Envelope<{ printed }>: the system print dialog. */
  print: 'ledger:print',
  /** invoke() → Envelope<string | null>: a folder for a backup, from the system dialog. */
  chooseBackupFolder: 'ledger:choose-backup-folder',
  /** invoke() → Envelope<string | null>: a backup file to restore from, from the system dialog. */
  chooseBackupFile: 'ledger:choose-backup-file',
} as const;

export type Channels = typeof CHANNELS;
