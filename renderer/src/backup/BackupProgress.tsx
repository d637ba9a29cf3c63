import type { ProgressEvent } from '../../../shared/contract/index.js';
import { PHASE_NAMES } from './format.js';

/** The step a backup or restore is at, with a bar of its steps. */
export function BackupProgress({ event, idle }: { event: ProgressEvent | null; idle: string }) {
  const pct = event?.total ? Math.round((event.done / event.total) * 100) : 0;
  return (
    <div className="backup-progress" role="status" aria-live="polite" data-testid="backup-progress">
      <div className="backup-progress-head">
        <span data-testid="backup-progress-phase">{event ? (PHASE_NAMES[event.phase] ?? '正在处理') : idle}…</span>
        {event?.total ? <span className="muted">{`第 ${Math.min(event.done + 1, event.total)} / ${event.total} 步`}</span> : null}
      </div>
      <div className="track">
        <div className="fill" style={{ width: `${Math.max(pct, 5)}%` }} />
      </div>
    </div>
  );
}
