import { HTTP_PATHS } from '../../../shared/contract/bridge.js';
import type { ProgressEvent } from '../../../shared/contract/index.js';

/** Progress of long jobs (import, export, backup); returns the unsubscribe function. */
export function onProgress(listener: (e: ProgressEvent) => void): () => void {
  if (window.ledger) return window.ledger.onProgress(listener);
  const source = new EventSource(HTTP_PATHS.events, { withCredentials: true });
  const handle = (msg: MessageEvent<string>) => {
    try {
      listener(JSON.parse(msg.data) as ProgressEvent);
    } catch {
      // A malformed event is dropped: progress is advisory.
    }
  };
  source.addEventListener('message', handle);
  source.addEventListener('progress', handle as EventListener);
  return () => source.close();
}
