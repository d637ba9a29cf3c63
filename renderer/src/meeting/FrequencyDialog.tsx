import { useState } from 'react';
import { call } from '../api/index.js';
import { FREQUENCY_NAMES, MEETING_FREQUENCIES, MEETING_KIND_NAMES, MEETING_KINDS, type Frequencies, type MeetingFrequency } from '../../../shared/domain/meeting-rules.js';
import { Dialog } from '../ui/Dialog.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { useSubmit } from '../ui/use-submit.js';

/** 要求频次: how often each kind is required (a county administrator's setting). */
export function FrequencyDialog({ current, onClose, onSaved }: { current: Frequencies; onClose: () => void; onSaved: (f: Frequencies) => void }) {
  const [f, setF] = useState<Frequencies>(current);
  const { busy, error, run } = useSubmit();
  return (
    <Dialog title="组织生活要求频次" onClose={onClose} testId="frequency-form">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call('settings.update', { meetingFrequencies: f });
            onSaved(f);
          });
        }}
      >
        {MEETING_KINDS.map((k) => (
          <Field key={k} label={MEETING_KIND_NAMES[k]}>
            <select value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value as MeetingFrequency })} data-testid={`frequency-${k}`}>
              {MEETING_FREQUENCIES.map((x) => <option key={x} value={x}>{FREQUENCY_NAMES[x]}</option>)}
            </select>
          </Field>
        ))}
        <div className="field-hint">支委会只要求正式党员 7 名以上（设支部委员会）的党支部；党小组会只要求设有党小组的党支部。</div>
        <ErrorMessage message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>取消</button>
          <button type="submit" className="primary" disabled={busy} data-testid="frequency-submit">保存</button>
        </div>
      </form>
    </Dialog>
  );
}
