import type { FieldDef } from '../../../../shared/import/index.js';

/** Changed fields between the ledger row and the file's values (only fields the file fills). */
export function diffFields(fields: readonly FieldDef[], values: Record<string, unknown>, ledger: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown>; notes: string[] } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (v === null || v === undefined) continue;
    const raw = ledger[f.key];
    const old = f.kind === 'boolean' ? raw === 1 || raw === true : (raw ?? null);
    if (old === v) continue;
    before[f.key] = old;
    after[f.key] = v;
    notes.push(`${f.label}：${show(f, old)} → ${show(f, v)}`);
  }
  return { before, after, notes };
}

function show(f: FieldDef, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (f.kind === 'choice') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
  return String(v);
}
