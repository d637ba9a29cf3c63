import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorText } from '../api/index.js';
import type { BackupInfo, RestoreResult } from '../../../shared/contract/backup.js';
import { useSession } from '../app/session-context.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import { useJobProgress } from '../imports/use-job-progress.js';
import { BackupProgress } from './BackupProgress.js';
import { PathInput } from './PathInput.js';
import { RestoreDialog } from './RestoreDialog.js';
import { fileName, sizeText, timeText } from './format.js';
import './backup.css';

function Verified({ v }: { v: BackupInfo['verified'] }) {
  if (!v) return <span className="muted">无校验记录</span>;
  return v.ok ? <span className="verified-ok">已校验（{timeText(v.at)}）</span> : <span className="verified-bad">校验未通过：{v.integrity}</span>;
}

const VERIFIED = '写入后已用密钥打开副本，完整性检查通过';

/** A failed check is shown as an error (and listed as failed); a good one as a notice. */
async function verify(file: string): Promise<string> {
  const v = await call('backup.verify', { file });
  if (!v.ok) throw new ApiError('DB_UNREADABLE', `${fileName(file)} 校验未通过：${v.integrity}。请不要用它恢复，另做一份新备份。`);
  return `${fileName(file)}：已用密钥打开，完整性检查通过。`;
}

/**
 * 备份与恢复 (county-wide administrators; the core refuses anyone else): back up now into the rotating
 * set or into a chosen folder, the set with each copy's verification, and restore from a listed or a
 * chosen backup after a preview.
 */
export function BackupPage() {
  const { lock } = useSession();
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [keep, setKeep] = useState<number | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [otherFile, setOtherFile] = useState('');
  const [restoring, setRestoring] = useState<string | null>(null);
  const backup = useSubmit();
  const progress = useJobProgress(backup.busy);

  const load = useCallback(() => {
    call('backup.list', {})
      .then((l) => {
        setList(l);
        setListError(null);
      })
      .catch((err) => setListError(errorText(err)));
    call('settings.get', {})
      .then((s) => setKeep(typeof s['backupKeep'] === 'number' ? s['backupKeep'] : null))
      .catch(() => setKeep(null));
  }, []);
  useEffect(load, [load]);

  const run = (work: () => Promise<string>) => {
    setNotice(null);
    void backup.run(async () => {
      try {
        setNotice(await work());
      } finally {
        load();
      }
    });
  };

  const restored = (r: RestoreResult) => {
    setRestoring(null);
    lock(`已从备份恢复台账（${fileName(r.restored)}）。所有用户均已退出，请重新登录。${r.previous ? `恢复前的台账另存为 ${r.previous}。` : ''}`);
  };

  return (
    <div className="page backup-page" data-testid="backup-page">
      <div className="toolbar">
        <h1 className="page-title">备份与恢复</h1>
      </div>
      <div className="backup-scroll">
        <section className="backup-panel">
          <h2>备份</h2>
          <p className="muted">
            每份备份是两个文件：加密的台账副本（.ledger）和它的密钥文件（.ledger.keyring），请放在一起保存。写入后会用密钥打开副本检查完整性；在其他电脑上可用本台账用户的密码或恢复码打开。
          </p>
          <div className="backup-row">
            <span className="label">备份到本机</span>
            <button type="button" className="primary" disabled={backup.busy} onClick={() => run(async () => {
                  const b = await call('backup.create', {});
                  return `已备份：${fileName(b.file)}（${sizeText(b.size)}），${VERIFIED}。`;
                })} data-testid="backup-now">
              立即备份
            </button>
            <span className="muted">{keep ? `保存在台账旁的备份文件夹，保留最近 ${keep} 份` : '保存在台账旁的备份文件夹'}</span>
          </div>
          <div className="backup-row">
            <span className="label">备份到文件夹</span>
            <PathInput kind="folder" value={folder} onChange={setFolder} testId="backup-folder" />
            <button
              type="button"
              disabled={backup.busy || folder.trim() === ''}
              onClick={() =>
                run(async () => {
                  const b = await call('backup.toFolder', { folder: folder.trim() });
                  return `已备份到 ${b.file}（${sizeText(b.size)}），${VERIFIED}。同一文件夹中的 ${fileName(b.file)}.keyring 是它的密钥文件，请一起保存。`;
                })
              }
              data-testid="backup-to-folder"
            >
              备份到此文件夹
            </button>
          </div>
          {backup.busy ? <BackupProgress event={progress} idle="正在备份" /> : null}
          <ErrorMessage message={backup.error} />
          <Notice message={notice} testId="backup-notice" />
        </section>

        <section className="backup-panel">
          <h2>本机备份{list ? `（${list.length} 份）` : ''}</h2>
          <ErrorMessage message={listError} />
          <div className="table-scroll">
            <table className="table" data-testid="backup-table">
              <thead>
                <tr>
                  <th>备份时间</th>
                  <th>文件</th>
                  <th>大小</th>
                  <th>校验</th>
                  <th style={{ width: 170 }}>操作</th>
                </tr>
              </thead>
              <tbody>
                {list?.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="empty-cell">
                      还没有备份。点“立即备份”做第一份。
                    </td>
                  </tr>
                ) : null}
                {list?.map((b) => (
                  <tr key={b.file} data-testid="backup-row">
                    <td className="nowrap">{timeText(b.createdAt)}</td>
                    <td className="mono" title={b.file}>
                      {fileName(b.file)}
                    </td>
                    <td className="nowrap">{sizeText(b.size)}</td>
                    <td data-testid="backup-verified">
                      <Verified v={b.verified} />
                    </td>
                    <td>
                      <div className="actions">
                        <button type="button" className="small" disabled={backup.busy} onClick={() => run(() => verify(b.file))} data-testid="backup-verify">
                          校验
                        </button>
                        <button type="button" className="small" onClick={() => setRestoring(b.file)} data-testid="backup-restore">
                          预览并恢复
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="backup-panel">
          <h2>从其他备份恢复</h2>
          <p className="muted">例如 U 盘上的备份：选中 .ledger 文件（它的 .keyring 须在同一文件夹），先预览内容，确认后再恢复。</p>
          <div className="backup-row">
            <PathInput kind="file" value={otherFile} onChange={setOtherFile} testId="restore-file" />
            <button type="button" disabled={otherFile.trim() === ''} onClick={() => setRestoring(otherFile.trim())} data-testid="restore-file-preview">
              预览
            </button>
          </div>
        </section>
      </div>
      {restoring ? <RestoreDialog file={restoring} onClose={() => setRestoring(null)} onRestored={restored} /> : null}
    </div>
  );
}
