import type { ErrorCode } from '../../../shared/contract/index.js';

/** Codes the core sends, plus two the transport itself can produce. */
export type ApiErrorCode = ErrorCode | 'NO_SESSION_COOKIE' | 'NETWORK';

/** A failed call; `message` is Chinese and shown to the user as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Message for anything caught around a call. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作失败：' + (err instanceof Error ? err.message : String(err));
}
