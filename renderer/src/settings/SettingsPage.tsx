import { useEffect, useState, type FormEvent } from 'react';
import { call, errorText } from '../api/index.js';
import { useSession } from '../app/session-context.js';
import { useOrgTree } from '../org/use-org-tree.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { PipelineSettings } from '../pipeline/PipelineSettings.js';

const MIN_MINUTES = 1;
const MAX_MINUTES = 240;

/**
 * 设置 (administrators): how long the ledger waits before logging out an idle user. The setting is
 * the whole county's, so only an administrator whose scope is the county may change it (the core
 * checks again).
 */
export function SettingsPage() {
  const { session, setIdleMinutes } = useSession();
  const tree = useOrgTree();
  const [minutes, setMinutes] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();

  useEffect(() => {
    call('settings.get', {})
      .then((s) => setMinutes(String(s['idleLockMinutes'] ?? 15)))
      .catch((err) => setError(errorText(err)));
  }, [setError]);

  const scope = tree.model.byId.get(session.user.scopeOrgId);
  const countyWide = scope?.parentId === null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < MIN_MINUTES || n > MAX_MINUTES) return setError(`请填写 ${MIN_MINUTES} 到 ${MAX_MINUTES} 之间的整数分钟数`);
    await run(async () => {
      await call('settings.update', { idleLockMinutes: n });
      setIdleMinutes(n);
      setNotice(`已保存：${n} 分钟没有操作，台账将自动退出登录。`);
    });
  }

  return (
    <div className="page" data-testid="settings-page">
      <div className="toolbar">
        <h1 className="page-title">设置</h1>
      </div>
      <form className="form settings-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>自动退出登录</legend>
          <p className="hint-line">超过设定的时间没有任何操作，台账会自动退出登录，并从内存中清除数据密钥；再次使用需重新输入密码。</p>
          <Field label="空闲时间" hint={countyWide ? `单位：分钟（${MIN_MINUTES}–${MAX_MINUTES}，默认 15）` : '此设置对全县生效，只有管理范围为全县的管理员可以修改。'}>
            <input
              data-testid="settings-idle-minutes"
              type="number"
              min={MIN_MINUTES}
              max={MAX_MINUTES}
              step={1}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              disabled={!countyWide}
            />
          </Field>
        </fieldset>
        <ErrorMessage message={error ?? tree.error} />
        <Notice message={notice} testId="settings-saved" />
        <div className="form-actions">
          <button className="primary" type="submit" data-testid="settings-save" disabled={busy || !countyWide}>
            保存
          </button>
        </div>
      </form>
      <PipelineSettings countyWide={countyWide} />
    </div>
  );
}
