import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { ImportCommitted, ImportGridRow, ImportPreview, ImportTableInfo } from '../../../shared/contract/imports.js';
import type { Input } from '../../../shared/contract/index.js';
import { IMPORT_KIND_NAMES } from '../../../shared/import/index.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { ImportForm, type ImportFormValues, type KindChoice } from './ImportForm.js';
import { ProgressPanel, type LocalStep } from './ProgressPanel.js';
import { PreviewPanel } from './PreviewPanel.js';
import { BatchesPanel } from './BatchesPanel.js';
import { readLocalFiles, selectionProblem, type LocalFile } from './read-local-files.js';
import { useJobProgress } from './use-job-progress.js';
import './imports.css';

const GRID_CAP = 5000;
const PAGE = 1000;

type Overrides = Map<string, Record<string, string | null>>;

interface Loaded {
  preview: ImportPreview;
  rows: ImportGridRow[];
  truncated: boolean;
}

type Stage = { kind: 'form' } | { kind: 'preview'; loaded: Loaded } | { kind: 'done'; result: ImportCommitted; kindName: string };

const tableKey = (file: string, sheet: string) => `${file}\u0000${sheet}`;

/** 导入: choose files → check (preview) → correct → confirm; and the list of past batches. */
export function ImportPage() {
  const { session } = useSession();
  const tree = useOrgTree();
  const [tab, setTab] = useState<'new' | 'batches'>('new');
  const [values, setValues] = useState<ImportFormValues>({ files: [], kind: 'auto', underOrgId: session.user.scopeOrgId, encoding: 'auto' });
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [busy, setBusy] = useState<null | 'check' | 'commit'>(null);
  const [local, setLocal] = useState<LocalStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remote = useJobProgress(busy !== null && local === null);
  const filesRef = useRef<LocalFile[] | null>(null);
  const overrides = useRef<Overrides>(new Map());
  const kindAsked = useRef<KindChoice>('auto');
  // Each check gets a number; a cancelled or superseded one finds its number stale and is dropped.
  const run = useRef(0);
  const abort = useRef<AbortController | null>(null);

  // The scope root is the default unit; once the tree is there, keep a choice that still exists.
  useEffect(() => {
    if (tree.nodes.length && !tree.model.byId.has(values.underOrgId)) setValues((v) => ({ ...v, underOrgId: tree.model.roots[0]?.id ?? '' }));
  }, [tree.nodes, tree.model, values.underOrgId]);

  const check = useCallback(
    async (files: LocalFile[] | null) => {
      const my = ++run.current;
      setError(null);
      setNotice(null);
      setBusy('check');
      const ctl = new AbortController();
      abort.current = ctl;
      try {
        let payload = files;
        if (!payload) {
          setLocal({ phase: 'upload', done: 0, total: null });
          payload = await readLocalFiles(values.files, (done, total) => setLocal({ phase: 'upload', done, total }), ctl.signal);
          if (my !== run.current) return;
          filesRef.current = payload;
        }
        setLocal(null);
        const mapping = [...overrides.current].map(([k, columns]) => {
          const [file, sheet] = k.split('\u0000') as [string, string];
          return { file, sheet, columns };
        });
        const input: Input<'import.preview'> = {
          files: payload.map((f) => ({ name: f.name, dataBase64: f.dataBase64 })),
          kind: kindAsked.current,
          encoding: values.encoding,
          pageSize: PAGE,
          ...(values.underOrgId ? { underOrgId: values.underOrgId } : {}),
          ...(mapping.length ? { mapping } : {}),
        };
        const preview = await call('import.preview', input);
        if (my !== run.current) return;
        const rows = [...preview.problemRows.rows];
        while (rows.length < Math.min(preview.problemRows.total, GRID_CAP)) {
          const page = await call('import.rows', { previewId: preview.previewId, only: 'problems', offset: rows.length, limit: PAGE });
          if (my !== run.current) return;
          if (page.rows.length === 0) break;
          rows.push(...page.rows);
        }
        setStage({ kind: 'preview', loaded: { preview, rows: rows.slice(0, GRID_CAP), truncated: preview.problemRows.total > GRID_CAP } });
      } catch (err) {
        if (my !== run.current) return;
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setError(errorText(err));
      } finally {
        if (my === run.current) {
          setBusy(null);
          setLocal(null);
        }
      }
    },
    [values.files, values.encoding, values.underOrgId],
  );

  const start = () => {
    const problem = selectionProblem(values.files);
    if (problem) return setError(problem);
    overrides.current = new Map();
    kindAsked.current = values.kind;
    filesRef.current = null;
    void check(null);
  };

  const cancel = () => {
    run.current++;
    abort.current?.abort();
    // The check running in the core stops at its next progress report (import.cancel); its answer
    // is dropped here either way, and a check writes nothing.
    if (remote) void call('import.cancel', { jobId: remote.jobId }).catch(() => undefined);
    setBusy(null);
    setLocal(null);
    setNotice('已取消检查，台账未作任何改动。');
  };

  const remap = (t: ImportTableInfo, header: string, field: string | null) => {
    const k = tableKey(t.file, t.sheet);
    const o = { ...(overrides.current.get(k) ?? {}) };
    o[header] = field;
    // One field, one column: the column that held the field gives it up.
    if (field) for (const c of t.columns) if (c.header !== header && c.field === field) o[c.header] = null;
    overrides.current.set(k, o);
    void check(filesRef.current);
  };

  const changeKind = (k: KindChoice) => {
    kindAsked.current = k;
    overrides.current = new Map();
    void check(filesRef.current);
  };

  const commit = async () => {
    if (stage.kind !== 'preview') return;
    const my = ++run.current;
    setBusy('commit');
    setError(null);
    try {
      const result = await call('import.commit', { previewId: stage.loaded.preview.previewId, rememberMapping: true });
      if (my !== run.current) return;
      setStage({ kind: 'done', result, kindName: IMPORT_KIND_NAMES[stage.loaded.preview.kind] });
      tree.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      if (my === run.current) setBusy(null);
    }
  };

  const reset = () => {
    run.current++;
    filesRef.current = null;
    overrides.current = new Map();
    setValues((v) => ({ ...v, files: [], kind: 'auto' }));
    setStage({ kind: 'form' });
    setError(null);
    setNotice(null);
    setBusy(null);
  };

  return (
    <div className="page import-page" data-testid="import-page">
      <div className="toolbar">
        <h1 className="page-title">导入</h1>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'new'} className={tab === 'new' ? 'tab active' : 'tab'} onClick={() => setTab('new')} data-testid="tab-import">
            导入文件
          </button>
          <button type="button" role="tab" aria-selected={tab === 'batches'} className={tab === 'batches' ? 'tab active' : 'tab'} onClick={() => setTab('batches')} data-testid="tab-batches">
            导入记录
          </button>
        </div>
      </div>
      <div className="page-scroll">
        {tab === 'batches' ? (
          <BatchesPanel />
        ) : (
          <>
            <Notice message={notice} testId="import-notice" info />
            {stage.kind === 'form' ? (
              <section className="panel narrow">
                <ErrorMessage message={tree.error} testId="org-tree-error" />
                <ImportForm model={tree.model} values={values} onChange={setValues} onStart={start} error={error} busy={busy !== null} />
              </section>
            ) : null}
            {busy ? (
              <ProgressPanel local={local} remote={remote} onCancel={busy === 'check' ? cancel : undefined} />
            ) : null}
            {stage.kind === 'preview' ? (
              <>
                <ErrorMessage message={error} testId="import-error" />
                <PreviewPanel
                  key={stage.loaded.preview.previewId}
                  preview={stage.loaded.preview}
                  problemRows={stage.loaded.rows}
                  truncated={stage.loaded.truncated}
                  kindAsked={kindAsked.current}
                  busy={busy !== null}
                  onRemap={remap}
                  onKind={changeKind}
                  onCommit={() => void commit()}
                  onReset={reset}
                />
              </>
            ) : null}
            {stage.kind === 'done' ? (
              <section className="panel narrow" data-testid="import-done">
                <div className="notice-message" role="status" data-testid="import-result">
                  {stage.kindName}导入完成：新增 {stage.result.created} 条，更新 {stage.result.updated} 条，无变化 {stage.result.unchanged} 条，跳过 {stage.result.skipped} 行。
                </div>
                <p className="muted">本次导入已记为一个批次，可在“导入记录”中整批撤销。</p>
                <div className="form-actions">
                  <button type="button" onClick={() => setTab('batches')} data-testid="import-show-batches">
                    查看导入记录
                  </button>
                  <button type="button" className="primary" onClick={reset} data-testid="import-again">
                    继续导入
                  </button>
                </div>
              </section>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
