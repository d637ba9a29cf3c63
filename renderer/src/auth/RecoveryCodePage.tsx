import { useState } from 'react';
import { AuthCard } from './AuthCard.js';

/**
 * Shown once after set-up. The code is the only way back in if every password is forgotten,
 * so the user must confirm they kept it before entering the ledger.
 */
export function RecoveryCodePage({ code, unitName, onContinue }: { code: string; unitName: string; onContinue: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <AuthCard title="请保存恢复码" subtitle="忘记密码时，凭恢复码可以重设密码。恢复码只显示这一次，丢失后无法找回。" testId="recovery-page">
        <div className="recovery-code" data-testid="recovery-code">
          {code}
        </div>
        <div className="form-actions spread">
          <button type="button" data-testid="print-recovery" onClick={() => window.print()}>
            打印恢复码
          </button>
        </div>
        <label className="check-row">
          <input type="checkbox" data-testid="recovery-saved" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
          我已妥善保存恢复码
        </label>
        <div className="form-actions">
          <button className="primary" type="button" data-testid="enter-ledger" disabled={!saved} onClick={onContinue}>
            进入台账
          </button>
        </div>
      </AuthCard>
      {/* Only this sheet is printed (see print rules in styles.css). */}
      <section className="print-only recovery-print">
        <h1>基层党建台账 恢复码</h1>
        <p>单位：{unitName}</p>
        <p className="recovery-print-code">{code}</p>
        <p>打印时间：{new Date().toLocaleString('zh-CN')}</p>
        <p>请将本页密封后存放在保密柜中。忘记密码时，在登录页点击“忘记密码？用恢复码重设”，输入用户名和此恢复码即可重设密码。</p>
      </section>
    </>
  );
}
