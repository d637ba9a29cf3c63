import { useRef } from 'react';
import type { TreeModel } from '../org/org-tree-model.js';
import { OrgSelect } from '../org/OrgSelect.js';
import { Field } from '../ui/Field.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { ACCEPTED_EXTENSIONS } from './read-local-files.js';
import { IMPORT_KIND_INPUT } from '../../../shared/contract/imports.js';
import { IMPORT_KIND_NAMES } from '../../../shared/import/index.js';

export type KindChoice = (typeof IMPORT_KIND_INPUT)[number];
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export const KIND_CHOICES: { value: KindChoice; label: string }[] = IMPORT_KIND_INPUT.map((value) => ({ value, label: value === 'auto' ? '自动识别' : IMPORT_KIND_NAMES[value] }));

export interface ImportFormValues {
  files: File[];
  kind: KindChoice;
  underOrgId: string;
  encoding: EncodingChoice;
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Step one: which files, what they hold, which unit sent them. */
export function ImportForm({ model, values, onChange, onStart, error, busy }: { model: TreeModel; values: ImportFormValues; onChange: (v: ImportFormValues) => void; onStart: () => void; error: string | null; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const hasCsv = values.files.some((f) => f.name.toLowerCase().endsWith('.csv'));
  return (
    <form
      className="form import-form"
      data-testid="import-form"
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
      }}
    >
      <Field label="文件" required hint="可一次选择多个文件：xlsx、xls、csv，或 WPS 保存的 et。导入前会先检查，确认后才写入台账。">
        <span className="file-pick">
          {/* The native control speaks the browser's language; ours says 选择文件 in any locale. */}
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPTED_EXTENSIONS.join(',')}
            className="visually-hidden"
            data-testid="import-files"
            onChange={(e) => onChange({ ...values, files: Array.from(e.target.files ?? []) })}
          />
          <button type="button" onClick={() => input.current?.click()} data-testid="import-choose">
            选择文件…
          </button>
          <span className="muted">{values.files.length === 0 ? '未选择文件' : `已选择 ${values.files.length} 个文件`}</span>
        </span>
      </Field>
      {values.files.length > 0 ? (
        <ul className="import-file-list" data-testid="import-file-list">
          {values.files.map((f) => (
            <li key={f.name + f.size}>
              {f.name} <span className="muted">（{sizeText(f.size)}）</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Field label="导入类型">
        <select value={values.kind} onChange={(e) => onChange({ ...values, kind: e.target.value as KindChoice })} data-testid="import-kind">
          {KIND_CHOICES.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="报送单位" hint="表中的党组织名称在该单位及其下级中查找；列的对应关系按单位记住。">
        <OrgSelect model={model} value={values.underOrgId} onChange={(id) => onChange({ ...values, underOrgId: id })} testId="import-under" placeholder="请选择报送单位" />
      </Field>
      <Field label="CSV 编码" hint={hasCsv ? '中文 Excel 保存的 CSV 一般是 GB18030；自动识别不准时可指定。' : '仅对 CSV 文件有效。'}>
        <select value={values.encoding} onChange={(e) => onChange({ ...values, encoding: e.target.value as EncodingChoice })} data-testid="import-encoding">
          <option value="auto">自动识别</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GB18030（GBK）</option>
        </select>
      </Field>
      <ErrorMessage message={error} testId="import-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || values.files.length === 0 || !values.underOrgId} data-testid="import-start">
          开始检查
        </button>
      </div>
    </form>
  );
}
