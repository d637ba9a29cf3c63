import { useEffect, useState } from 'react';
import { call, errorText } from '../api/index.js';
import { PIPELINE_RULES, enabledRulesFrom } from '../../../shared/domain/pipeline-rules.js';
import { workCalendarFrom, workCalendarProblem } from '../../../shared/domain/work-calendar.js';
import { isIsoDate } from '../../../shared/domain/dates.js';
import { ErrorMessage, Notice } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';
import './pipeline.css';

const daysIn = (text: string) => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/**
 * 发展党员规则与工作日历 (settings, county administrators): which of R1–R16 and the local rules
 * are run, and the holidays and 调休 working weekends the local rules count working days with.
 */
export function PipelineSettings({ countyWide }: { countyWide: boolean }) {
  const [enabled, setEnabled] = useState<string[]>([]);
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();
  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        setEnabled(enabledRulesFrom(s['pipelineRules']));
        const c = workCalendarFrom(s['workCalendar']);
        setHolidays(c.holidays.join('\n'));
        setWorkdays(c.workdays.join('\n'));
      })
      .catch((err) => setError(errorText(err)));
  }, [setError]);

  const save = async () => {
    setNotice(null);
    const h = daysIn(holidays);
    const w = daysIn(workdays);
    const bad = [...h, ...w].filter((d) => !isIsoDate(d) || d.length !== 10);
    if (bad.length > 0) return setError(`日期格式应为 YYYY-MM-DD：${bad.slice(0, 5).join('、')}`);
    const calendar = workCalendarFrom({ holidays: h, workdays: w });
    const problem = workCalendarProblem(calendar);
    if (problem) return setError(problem);
    await run(async () => {
      await call('settings.update', { pipelineRules: enabled, workCalendar: { holidays: [...calendar.holidays], workdays: [...calendar.workdays] } });
      setNotice(`已保存：启用 ${enabled.length} 条发展党员规则；节假日 ${calendar.holidays.length} 天，调休上班日 ${calendar.workdays.length} 天。`);
    });
  };

  return (
    <div className="form settings-form" data-testid="pipeline-settings">
      <fieldset>
        <legend>发展党员规则</legend>
        <p className="hint-line">记录发展步骤时按启用的规则核对；不符合的给出提示，须写明理由才能继续。地方规定默认不启用。</p>
        <div className="rule-switches">
          {PIPELINE_RULES.map((r) => (
            <label key={r.id}>
              <input type="checkbox" disabled={!countyWide} checked={enabled.includes(r.id)} onChange={(e) => setEnabled((cur) => (e.target.checked ? [...cur, r.id] : cur.filter((x) => x !== r.id)))} data-testid={`rule-switch-${r.id}`} />{' '}
              <b>{r.id}</b> {r.title}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>工作日历</legend>
        <p className="hint-line">计算“工作日”时，周一至周五为工作日，减去下列节假日，加上调休上班的周六、周日。每行一个日期（YYYY-MM-DD），也可用逗号分隔。</p>
        <div className="calendar-lists">
          <label>
            节假日（落在工作日的放假日）
            <textarea rows={8} value={holidays} onChange={(e) => setHolidays(e.target.value)} disabled={!countyWide} data-testid="calendar-holidays" />
          </label>
          <label>
            调休上班日（周六、周日）
            <textarea rows={8} value={workdays} onChange={(e) => setWorkdays(e.target.value)} disabled={!countyWide} data-testid="calendar-workdays" />
          </label>
        </div>
      </fieldset>
      <ErrorMessage message={error} />
      <Notice message={notice} testId="pipeline-settings-saved" />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy || !countyWide} data-testid="pipeline-settings-save">
          保存规则与日历
        </button>
      </div>
    </div>
  );
}
