import { useCallback, useEffect, useState } from 'react';
import { call, errorText, onSessionLost, ApiError } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { SetupWizard } from '../auth/SetupWizard.js';
import { RecoveryCodePage } from '../auth/RecoveryCodePage.js';
import { LoginPage } from '../auth/LoginPage.js';
import { RecoverPage } from '../auth/RecoverPage.js';
import { Frame } from '../shell/Frame.js';
import { AuthCard } from '../auth/AuthCard.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

type Screen =
  | { kind: 'loading' }
  | { kind: 'fatal'; message: string }
  | { kind: 'setup' }
  | { kind: 'recovery-code'; code: string; session: Session }
  | { kind: 'login'; notice: string | null }
  | { kind: 'recover' }
  | { kind: 'ledger'; session: Session };

const sessionEndedNotice = (details: unknown): boolean => (details as { sessionEnded?: unknown } | undefined)?.sessionEnded === true;

/** Start-up state machine: wizard → recovery code → ledger, or login / recovery → ledger. */
export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [unitName, setUnitName] = useState<string | null>(null);

  const start = useCallback(async () => {
    try {
      const s = await call('app.status', {});
      setUnitName(s.unitName);
      if (!s.initialised) setScreen({ kind: 'setup' });
      else if (s.session) setScreen({ kind: 'ledger', session: s.session });
      else setScreen({ kind: 'login', notice: null });
    } catch (err) {
      setScreen({ kind: 'fatal', message: errorText(err) });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  /** The host ended the session (idle expiry, locked elsewhere, restarted): back to the login. */
  const ended = useCallback((notice: string) => {
    setScreen((cur) => (cur.kind === 'ledger' ? { kind: 'login', notice } : cur));
  }, []);

  // Any call that finds the session gone returns to login, saying why when the host said.
  useEffect(() => onSessionLost((err) => ended(sessionEndedNotice(err.details) ? err.message : '会话已失效，请重新登录')), [ended]);

  /** 锁定 and 退出: both end the session in the host (which drops the key when nobody is left). */
  const leave = useCallback(async (method: 'app.lock' | 'app.logout', notice: string) => {
    // Leave the ledger first: the grid unmounts and cannot race the call with calls that would
    // come back UNAUTHENTICATED and replace this notice.
    setScreen({ kind: 'login', notice });
    try {
      await call(method, {});
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NO_SESSION_COOKIE') setScreen({ kind: 'fatal', message: err.message });
      // Otherwise the screen is already left; the host drops idle sessions on its own.
    }
  }, []);
  const lock = useCallback((notice?: string) => void leave('app.lock', notice ?? '台账已锁定，请重新登录'), [leave]);
  const logout = useCallback(() => void leave('app.logout', '已退出登录'), [leave]);

  const enter = (session: Session) => {
    setUnitName(session.unitName);
    setScreen({ kind: 'ledger', session });
  };

  switch (screen.kind) {
    case 'loading':
      return <div className="loading-page" data-testid="loading">正在打开台账…</div>;
    case 'fatal':
      return (
        <AuthCard title="无法打开台账" testId="fatal-page">
          <ErrorMessage message={screen.message} />
          <div className="form-actions">
            <button type="button" onClick={() => void start()}>
              重试
            </button>
          </div>
        </AuthCard>
      );
    case 'setup':
      return <SetupWizard onDone={(code, session) => setScreen({ kind: 'recovery-code', code, session })} />;
    case 'recovery-code':
      return <RecoveryCodePage code={screen.code} unitName={screen.session.unitName} onContinue={() => enter(screen.session)} />;
    case 'login':
      return <LoginPage unitName={unitName} notice={screen.notice} onLoggedIn={enter} onForgot={() => setScreen({ kind: 'recover' })} />;
    case 'recover':
      return <RecoverPage onRecovered={enter} onBack={() => setScreen({ kind: 'login', notice: null })} />;
    case 'ledger':
      return <Frame session={screen.session} onLock={lock} onLogout={logout} onEnded={ended} />;
  }
}
