import { useState } from 'react';
import { call, errorText } from '../api/index.js';
import type { OrgHit } from '../../../shared/types/records.js';
import { MEMBER_ORG_KINDS } from '../../../shared/domain/member-orgs.js';
import { todayIso } from '../../../shared/domain/dates.js';
import { OrgPicker } from '../org/OrgPicker.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';

/** 转接: the selected members to one branch of the ledger, each a dated 转出 + 转入 (member.transferMany). */
export function BulkTransferDialog({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: (message: string) => void }) {
  const [to, setTo] = useState<OrgHit | null>(null);
  const [onDate, setOnDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!to) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('member.transferMany', { ids, toOrgId: to.id, onDate, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone(`已将 ${r.updated} 名党员的组织关系于 ${onDate} 转接到“${to.name}”`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`组织关系转接（已选 ${ids.length} 人）`} onClose={onClose} testId="bulk-transfer-dialog">
      <div className="dialog-body">
        <p className="muted">每人记一条转出和一条转入记录；所在党支部由变动记录决定，这一操作不能用“撤销”撤回，错录时请管理员更正。</p>
        <Field label="转入党组织" required>
          <OrgPicker value={to?.id ?? ''} onChange={(_, hit) => setTo(hit)} kinds={MEMBER_ORG_KINDS} placeholder="输入党支部名称或拼音首字母" testId="bulk-transfer-org" />
        </Field>
        <Field label="转接日期" required>
          <input type="date" value={onDate} max={todayIso()} onChange={(e) => setOnDate(e.target.value)} data-testid="bulk-transfer-date" />
        </Field>
        <Field label="备注">
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="如：村党组织合并" data-testid="bulk-transfer-note" />
        </Field>
        <ErrorMessage message={error} testId="bulk-transfer-error" />
        <div className="form-actions">
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={busy || !to || !onDate} onClick={() => void save()} data-testid="bulk-transfer-submit">
            {busy ? '正在转接…' : '转接'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
