import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { PipelineRecord, StepCorrection } from '../../../shared/contract/pipeline.js';
import type { DevStep } from '../../../shared/types/records.js';
import { DEV_STAGE_NAMES, MEMBER_REGISTER_STEPS, STAGE_STEP, STEP_DEFS, STEP_FIELDS, personRefs, stepDef, type DevStage, type StepDataKey } from '../../../shared/domain/pipeline-steps.js';
import { PIPELINE_RULES } from '../../../shared/domain/pipeline-rules.js';
import type { TreeModel } from '../org/org-tree-model.js';
import { AskDialog } from '../ui/AskDialog.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { DUE_KIND_NAMES, DUE_STATUS_NAMES } from './pipeline-names.js';
import { StepForm, stepName } from './StepForm.js';

const TITLES = new Map(PIPELINE_RULES.map((r) => [r.id, r.title]));

/** A step's facts in words: people by name, the approving body by name, flags and counts. */
function factsText(data: Record<string, unknown> | null, names: Readonly<Record<string, string>>): string {
  if (!data) return '';
  return Object.entries(data)
    .map(([k, v]) => {
      const f = STEP_FIELDS[k as StepDataKey];
      if (!f) return null;
      if (f.kind === 'persons') return `${f.label}：${personRefs(v).map((p) => p.name).join('、')}`;
      if (f.kind === 'flag') return v ? '合格' : '不合格';
      if (f.kind === 'org') return `${f.label}：${names[String(v)] ?? ''}`;
      return `${f.label}：${String(v)}`;
    })
    .filter(Boolean)
    .join('；');
}

type Line = { kind: 'step'; step: DevStep } | { kind: 'corrected'; c: StepCorrection };

/** 全程纪实 of one person: every dated step (corrected ones struck through, with the reason), what the rules say today, what falls due, and the form for the next step. */
export function RecordDialog({ id, model, canEdit, isAdmin, onClose, onChanged }: { id: string; model: TreeModel; canEdit: boolean; isAdmin: boolean; onClose: () => void; onChanged: (note: string) => void }) {
  const [record, setRecord] = useState<PipelineRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<DevStep | null>(null);
  const load = useCallback(() => call('pipeline.get', { id }).then(setRecord), [id]);
  useEffect(() => {
    load().catch((err) => setError(errorText(err)));
  }, [load]);

  if (!record) {
    return (
      <Dialog title="发展党员全程纪实" onClose={onClose} testId="pipeline-record" wide>
        <ErrorMessage message={error} />
        {error ? null : <div className="muted pad">正在加载…</div>}
      </Dialog>
    );
  }
  const { person } = record;
  // A warning a step went ahead past, with its reason, is shown on that step, not again here.
  const answered = new Set(record.steps.flatMap((s) => (s.findings ?? []).map((f) => `${f.ruleId}|${f.message}`)));
  const open = record.findings.filter((f) => !answered.has(`${f.ruleId}|${f.message}`));
  const stage = person.stage as DevStage;
  const since = record.steps.findLast((s) => s.step === STAGE_STEP[stage])?.onDate;
  const lines: Line[] = [...record.steps.map((step): Line => ({ kind: 'step', step })), ...record.corrections.map((c): Line => ({ kind: 'corrected', c }))];
  const dateOf = (l: Line) => (l.kind === 'step' ? l.step.onDate : l.c.onDate);
  lines.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
  const changed = (note: string) => {
    setNotice(note);
    onChanged(note);
    load().catch((err) => setError(errorText(err)));
  };

  return (
    <Dialog title={`发展党员全程纪实：${person.name}`} onClose={onClose} testId="pipeline-record" wide>
      <div className="pipe-summary" data-testid="record-summary">
        <span><b>{person.name}</b> {person.idNumber}</span>
        <span>{person.orgName}</span>
        <span>
          当前阶段：<span className={`stage-pill stage-${stage}`} data-testid="record-stage">{DEV_STAGE_NAMES[stage]}</span>
          {since ? ` 自 ${since}` : ''}
        </span>
        {person.memberId ? <span className="tag ok" data-testid="record-member">已记入党员名册</span> : null}
        {record.due ? (
          <span className={record.due.status === 'overdue' ? 'tag bad' : 'tag warn'} data-testid="record-due">
            {DUE_KIND_NAMES[record.due.kind]}：{record.due.dueOn}（{DUE_STATUS_NAMES[record.due.status]}）
          </span>
        ) : null}
      </div>
      {open.length > 0 ? (
        <div className="warn-panel" data-testid="record-findings">
          按现行规定核对全程纪实：
          <ul>
            {open.map((f, i) => (
              <li key={i}>
                <b>{f.ruleId}</b> {TITLES.get(f.ruleId) ?? ''}：{f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="pipe-timeline" data-testid="record-steps">
        <tbody>
          {lines.map((l) =>
            l.kind === 'step' ? (
              <tr key={l.step.id} className={'leadsTo' in (stepDef(l.step.step) ?? {}) ? 'stage-step' : ''} data-step={l.step.step}>
                <td className="date">{l.step.onDate}</td>
                <td className="step">{stepName(l.step.step, stage)}</td>
                <td>
                  {factsText(l.step.data, record.names)}
                  {l.step.findings ? (
                    <ul className="pipe-findings">
                      {l.step.findings.map((f) => (
                        <li key={f.ruleId}>
                          {f.ruleId}：{f.message}。继续的理由：{f.reason}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="nowrap">
                  {isAdmin && l.step.step !== 'applied' && !(person.memberId && MEMBER_REGISTER_STEPS.has(l.step.step)) ? (
                    <button type="button" className="link small" onClick={() => setCorrecting(l.step)} data-testid="step-correct">
                      更正
                    </button>
                  ) : null}
                </td>
              </tr>
            ) : (
              <tr key={l.c.id} className="corrected" data-step={l.c.step} data-corrected="true">
                <td className="date">{l.c.onDate}</td>
                <td className="step">{STEP_DEFS[l.c.step]?.name ?? l.c.step}</td>
                <td>
                  {factsText(l.c.data, record.names)}
                  <div className="small">已由{l.c.correctedBy}于{l.c.correctedAt.slice(0, 10)}更正撤除，原因：{l.c.reason}</div>
                </td>
                <td />
              </tr>
            ),
          )}
        </tbody>
      </table>
      <Notice message={notice} testId="record-notice" />
      <ErrorMessage message={error} />
      {canEdit ? <StepForm record={record} model={model} onAdded={changed} /> : null}
      {correcting ? (
        <AskDialog
          title={`更正：${stepName(correcting.step, stage)} ${correcting.onDate}`}
          label="更正原因（该步骤将撤除，保留在全程纪实中并记入操作日志）"
          submitLabel="撤除该步骤"
          testId="correct-dialog"
          onClose={() => setCorrecting(null)}
          onSubmit={async (reason) => {
            await call('pipeline.correct', { stepId: correcting.id, reason });
            setCorrecting(null);
            changed(`已更正：撤除“${stepName(correcting.step, stage)}”${correcting.onDate}`);
          }}
        />
      ) : null}
    </Dialog>
  );
}
