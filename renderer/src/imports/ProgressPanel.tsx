import type { ProgressEvent } from '../../../shared/contract/index.js';
import { PHASE_NAMES } from './import-model.js';

export interface LocalStep {
  phase: string;
  done: number;
  total: number | null;
}

/** What is happening now: reading the files here, then the core's read / check / write phases. */
export function ProgressPanel({ local, remote, onCancel, cancelLabel = '取消' }: { local: LocalStep | null; remote: ProgressEvent | null; onCancel?: () => void; cancelLabel?: string }) {
  const step = remote ?? local;
  const phase = step ? (PHASE_NAMES[step.phase] ?? '正在处理') : '正在发送文件';
  const pct = step && step.total ? Math.min(100, Math.round((step.done / step.total) * 100)) : null;
  const detail =
    step === null
      ? ''
      : step.phase === 'upload'
        ? pct !== null ? `${pct}%` : ''
        : step.total ? `${step.done} / ${step.total} 行` : step.done > 0 ? `已处理 ${step.done} 行` : '';
  return (
    <div className="import-progress" data-testid="import-progress" role="status" aria-live="polite">
      <div className="import-progress-head">
        <span data-testid="import-progress-phase">{phase}…</span>
        <span className="muted">{detail}</span>
        <span className="toolbar-spacer" />
        {onCancel ? (
          <button type="button" className="small" onClick={onCancel} data-testid="import-cancel">
            {cancelLabel}
          </button>
        ) : null}
      </div>
      <div className={pct === null ? 'progress-track indeterminate' : 'progress-track'}>
        <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
