import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { ROSTER_KINDS, ROSTER_KIND_NAMES, type RosterKind } from '../../../shared/import/columns.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { saveFile } from '../files/download.js';
import '../imports/imports.css';

type Status = 'active' | 'left' | 'all';

/** 模板与导出: the workbooks units fill in, and rosters of a subtree that re-import cleanly. */
export function ExportsPage() {
  const { session } = useSession();
  const tree = useOrgTree();
  const [under, setUnder] = useState(session.user.scopeOrgId);
  const [kind, setKind] = useState<RosterKind>('members');
  const [status, setStatus] = useState<Status>('active');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (tree.nodes.length && !tree.model.byId.has(under)) setUnder(tree.model.roots[0]?.id ?? '');
  }, [tree.nodes, tree.model, under]);

  const unitName = tree.model.byId.get(under)?.name ?? '';

  const run = async (what: string, f: () => Promise<{ fileName: string; dataBase64: string; rows: number }>, text: (rows: number, fileName: string) => string) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      const r = await f();
      saveFile(r.fileName, r.dataBase64);
      setNotice(text(r.rows, r.fileName));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page import-page" data-testid="exports-page">
      <div className="toolbar">
        <h1 className="page-title">模板与导出</h1>
      </div>
      <div className="page-scroll">
        <ErrorMessage message={error} testId="export-error" />
        <Notice message={notice} testId="export-notice" />
        <section className="panel narrow form">
          <Field label="范围" hint="模板中的党组织下拉列表和导出的名册都限于该组织及其下级。">
            <OrgSelect model={tree.model} value={under} onChange={setUnder} testId="export-under" />
          </Field>
        </section>
        <section className="panel narrow">
          <div className="panel-head">
            <h2>下载填报模板</h2>
            <span className="muted">发给下级单位填写，带代码表下拉选项；填好后在“导入”中导入</span>
          </div>
          <div className="button-grid">
            {ROSTER_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                disabled={busy !== null || !under}
                data-testid={`template-${k}`}
                onClick={() => void run(`template-${k}`, () => call('export.template', { kind: k, under }), (_n, f) => `已生成模板：${f}`)}
              >
                {ROSTER_KIND_NAMES[k]}模板
              </button>
            ))}
          </div>
        </section>
        <section className="panel narrow form">
          <div className="panel-head">
            <h2>导出名册</h2>
            <span className="muted">{unitName ? `导出“${unitName}”及其下级` : ''}</span>
          </div>
          <Field label="名册">
            <select value={kind} onChange={(e) => setKind(e.target.value as RosterKind)} data-testid="export-kind">
              {ROSTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ROSTER_KIND_NAMES[k]}
                </option>
              ))}
            </select>
          </Field>
          {kind === 'members' ? (
          <Field label="状态">
            <select value={status} onChange={(e) => setStatus(e.target.value as Status)} data-testid="export-status">
              <option value="active">在册</option>
              <option value="left">已离开</option>
              <option value="all">全部</option>
            </select>
          </Field>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={busy !== null || !under}
              data-testid="export-roster"
              onClick={() => void run('roster', () => call('export.roster', { kind, under, status }), (n, f) => `已导出 ${n} 行：${f}`)}
            >
              {busy === 'roster' ? '正在导出…' : '导出 Excel'}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
