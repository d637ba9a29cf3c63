/** Stable error codes; messages are Chinese and shown to users as they are. */
export type ErrorCode =
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'AUTH_FAILED'
  | 'LOCKED_OUT'
  | 'NOT_INITIALISED'
  | 'ALREADY_INITIALISED'
  | 'DB_TOO_NEW'
  | 'DB_UNREADABLE'
  | 'BAD_REQUEST'
  /** A check warned (details.findings); the call goes ahead when repeated with a reason. */
  | 'RULE_WARNING'
  /** The user cancelled the call (import.cancel). */
  | 'CANCELLED'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Thrown inside the core and hosts; turned into the envelope at the boundary. */
export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof LedgerError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  return { code: 'INTERNAL', message: '内部错误：' + (err instanceof Error ? err.message : String(err)) };
}

/** Progress of a long job, streamed to the UI. */
export interface ProgressEvent {
  jobId: string;
  phase: string;
  done: number;
  total: number | null;
}
