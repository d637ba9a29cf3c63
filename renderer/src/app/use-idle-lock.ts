import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Calls `onIdle` once after `minutes` without mouse or keyboard activity. */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const last = useRef(Date.now());
  const fired = useRef(false);
  const cb = useRef(onIdle);
  cb.current = onIdle;

  useEffect(() => {
    last.current = Date.now();
    fired.current = false;
    const touch = () => {
      last.current = Date.now();
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, touch, { capture: true, passive: true });
    // Polling rather than one long timeout: a sleeping laptop's timers drift, wall-clock does not.
    const timer = window.setInterval(() => {
      if (!fired.current && Date.now() - last.current >= minutes * 60_000) {
        fired.current = true;
        cb.current();
      }
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, touch, { capture: true });
    };
  }, [minutes]);
}
