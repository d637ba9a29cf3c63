import { HTTP_PATHS } from '../../../shared/contract/bridge.js';
import type { Envelope, Input, Method, Output } from '../../../shared/contract/index.js';
import { ApiError } from './api-error.js';

type Listener = (err: ApiError) => void;
const sessionLostListeners = new Set<Listener>();

/** The app shell returns to the login page when any call finds the session gone. */
export function onSessionLost(fn: Listener): () => void {
  sessionLostListeners.add(fn);
  return () => sessionLostListeners.delete(fn);
}

async function viaHttp(method: string, input: unknown): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch(HTTP_PATHS.call, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, input }),
    });
  } catch {
    throw new ApiError('NETWORK', '无法连接台账服务，请确认 ledger serve 仍在运行');
  }
  // Envelopes come with 200; 401/403 means the page was opened without the session cookie.
  if (res.status === 401 || res.status === 403) {
    throw new ApiError('NO_SESSION_COOKIE', '请使用 ledger serve 打印的链接重新打开');
  }
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch {
    throw new ApiError('NETWORK', `台账服务返回了无法识别的应答（HTTP ${res.status}）`);
  }
}

/** The one way the renderer talks to the ledger: desktop bridge or browser-mode HTTP. */
export async function call<K extends Method>(method: K, input: Input<K>): Promise<Output<K>> {
  const env = window.ledger ? await window.ledger.call(method, input) : await viaHttp(method, input);
  if (!env.ok) {
    const err = new ApiError(env.error.code, env.error.message, env.error.details);
    if (err.code === 'UNAUTHENTICATED') sessionLostListeners.forEach((fn) => fn(err));
    throw err;
  }
  return env.value as Output<K>;
}
