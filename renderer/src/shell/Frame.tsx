import { Suspense, useEffect, useMemo, useState } from 'react';
import { call } from '../api/index.js';
import type { Session } from '../../../shared/types/records.js';
import { roleAtLeast, ROLE_NAMES } from '../../../shared/types/roles.js';
import { SessionContext, type SessionCtx } from '../app/session-context.js';
import { useIdleLock } from '../app/use-idle-lock.js';
import { NAV } from './nav.js';
import { ChangePasswordDialog } from '../account/ChangePasswordDialog.js';

const DEFAULT_IDLE_MINUTES = 15;
/** How often the page asks whether the host still holds its session (the host ends idle ones). */
const STATUS_POLL_MS = 30_000;

function pageFromHash(ids: string[]): string {
  const h = window.location.hash.replace(/^#\/?/, '');
  return ids.includes(h) ? h : (ids[0] ?? 'members');
}

interface Props {
  session: Session;
  onLock: (notice?: string) => void;
  onLogout: () => void;
  /** The host ended the session on its own (idle expiry): show the login with its notice. */
  onEnded: (notice: string) => void;
}

/** Header, left navigation and the current area. */
export function Frame({ session, onLock, onLogout, onEnded }: Props) {
  const items = useMemo(() => NAV.filter((n) => roleAtLeast(session.user.role, n.role)), [session.user.role]);
  const [current, setCurrent] = useState(() => pageFromHash(items.map((i) => i.id)));
  const [idleMinutes, setIdleMinutes] = useState(DEFAULT_IDLE_MINUTES);
  const [changingPassword, setChangingPassword] = useState(false);

  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        const m = s['idleLockMinutes'];
        if (typeof m === 'number' && m > 0) setIdleMinutes(m);
      })
      .catch(() => {
        // Keep the default: locking must work even if settings cannot be read.
      });
  }, []);

  useEffect(() => {
    const onHash = () => setCurrent(pageFromHash(items.map((i) => i.id)));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [items]);

  // The host expires an idle session by itself; a page left open learns it here, not at its next click.
  useEffect(() => {
    const timer = window.setInterval(() => {
      call('app.status', {})
        .then((s) => {
          if (!s.session) onEnded(s.sessionEnded ?? '会话已失效，请重新登录');
        })
        .catch(() => {
          // A failed poll says nothing about the session; the next call will.
        });
    }, STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [onEnded]);

  useIdleLock(idleMinutes, () => onLock('已因长时间未操作自动锁定'));

  const ctx: SessionCtx = useMemo(
    () => ({ session, isAdmin: session.user.role === 'admin', lock: onLock, setIdleMinutes }),
    [session, onLock],
  );
  const item = items.find((i) => i.id === current) ?? items[0];
  const Page = item?.page;

  return (
    <SessionContext.Provider value={ctx}>
      <div className="frame">
        <header className="header">
          <div className="header-title">
            <span className="brand-mark" aria-hidden="true" />
            <span className="header-app">基层党建台账</span>
            <span className="header-unit" data-testid="header-unit">
              {session.unitName}
            </span>
          </div>
          <div className="header-user">
            <span data-testid="header-user">
              {session.user.displayName}
              <span className="role-tag">{ROLE_NAMES[session.user.role]}</span>
            </span>
            <button type="button" className="header-btn" data-testid="change-password-button" onClick={() => setChangingPassword(true)}>
              修改密码
            </button>
            <button type="button" className="header-btn" data-testid="lock-button" onClick={() => onLock()}>
              锁定
            </button>
            <button type="button" className="header-btn" data-testid="logout-button" onClick={onLogout}>
              退出
            </button>
          </div>
        </header>
        <nav className="nav" aria-label="功能">
          {items.map((n) => (
            <a
              key={n.id}
              href={`#/${n.id}`}
              data-testid={`nav-${n.id}`}
              className={n.id === item?.id ? 'nav-item active' : 'nav-item'}
              aria-current={n.id === item?.id ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <main className="main">
          <Suspense fallback={<div className="page-loading">正在加载…</div>}>{Page ? <Page /> : null}</Suspense>
        </main>
      </div>
      {changingPassword ? <ChangePasswordDialog onClose={() => setChangingPassword(false)} /> : null}
    </SessionContext.Provider>
  );
}
