import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { BackupPreview, RestoreResult } from '../../../shared/contract/backup.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { useJobProgress } from '../imports/use-job-progress.js';
import { BackupProgress } from './BackupProgress.js';
import { sizeText, timeText } from './format.js';

/** Why a previewed backup cannot be restored here, or null. */
function refusal(p: BackupPreview): string | null {
  if (!p.sameLedger || !p.contents) return '这份备份属于另一本台账，不能恢复到本台账。请确认选的是本单位的备份。';
  if (p.contents.schemaVersion > p.appSchemaVersion) return `这份备份由更新版本的程序创建（数据结构版本 ${p.contents.schemaVersion}，本程序支持 ${p.appSchemaVersion}），请先升级程序。`;
  return null;
}

/** Preview of a backup, then a confirmation, then the restore with its progress. */
export function RestoreDialog({ file, onClose, onRestored }: { file: string; onClose: () => void; onRestored: (r: RestoreResult) => void }) {
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const submit = useSubmit();
  const progress = useJobProgress(submit.busy);

  useEffect(() => {
    call('backup.preview', { file })
      .then(setPreview)
      .catch((err) => setLoadError(errorText(err)));
  }, [file]);

  const blocked = preview ? refusal(preview) : null;
  const c = preview?.contents;

  return (
    <Dialog title="从备份恢复" onClose={submit.busy ? () => {} : onClose} testId="restore-dialog" wide>
      <ErrorMessage message={loadError} />
      {!preview && !loadError ? <p className="muted">正在打开备份并校验…</p> : null}
      {preview ? (
        <>
          <dl className="facts" data-testid="restore-preview">
            <dt>备份文件</dt>
            <dd className="mono">{preview.file}</dd>
            <dt>备份时间</dt>
            <dd data-testid="preview-created">{timeText(preview.createdAt)}</dd>
            <dt>大小</dt>
            <dd>{sizeText(preview.size)}</dd>
            {c ? (
              <>
                <dt>单位</dt>
                <dd>{c.unitName ?? '—'}</dd>
                <dt>党组织（未撤销）</dt>
                <dd data-testid="preview-orgs">{c.organisations} 个</dd>
                <dt>党员（在册）</dt>
                <dd data-testid="preview-members">{c.members} 名</dd>
                <dt>最后一次操作</dt>
                <dd data-testid="preview-last-audit">{timeText(c.lastAuditAt)}</dd>
                <dt>数据结构版本</dt>
                <dd>
                  {c.schemaVersion}（本程序 {preview.appSchemaVersion}
                  {c.schemaVersion < preview.appSchemaVersion ? '，恢复后自动升级' : ''}）
                </dd>
                <dt>完整性</dt>
                <dd className={c.integrity === 'ok' ? 'verified-ok' : 'verified-bad'} data-testid="preview-integrity">
                  {c.integrity === 'ok' ? '已用本台账的密钥打开，检查通过' : c.integrity}
                </dd>
              </>
            ) : null}
          </dl>
          {preview.selfContained ? null : <Notice info message="这份备份旁没有密钥文件（早期版本的备份），只能恢复到本台账，不能在其他电脑上打开。" />}
          <ErrorMessage message={blocked} />
          {blocked ? null : (
            <label className="check-row">
              <input type="checkbox" checked={confirmed} disabled={submit.busy} onChange={(e) => setConfirmed(e.target.checked)} data-testid="restore-confirm" />
              <span>
                我已了解：当前台账将整体替换为这份备份的内容，备份之后的修改都会消失（当前台账另存为“…before-restore”，可再恢复回来）；恢复后所有用户需要重新登录。
              </span>
            </label>
          )}
        </>
      ) : null}
      {submit.busy ? <BackupProgress event={progress} idle="正在恢复" /> : null}
      <ErrorMessage message={submit.error} />
      <div className="form-actions">
        <button type="button" onClick={onClose} disabled={submit.busy}>
          取消
        </button>
        <button
          type="button"
          className="primary"
          disabled={!preview || blocked !== null || !confirmed || submit.busy}
          onClick={() => void submit.run(async () => onRestored(await call('backup.restore', { file })))}
          data-testid="restore-submit"
        >
          {submit.busy ? '正在恢复…' : '恢复'}
        </button>
      </div>
    </Dialog>
  );
}
