/** SQLite 0/1 to boolean for the named fields; everything else passes through. */
export function withBooleans<T extends Record<string, unknown>, K extends keyof T>(
  row: T,
  fields: readonly K[],
): Omit<T, K> & { [P in K]: boolean } {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) out[f as string] = row[f] === 1 || row[f] === true;
  return out as Omit<T, K> & { [P in K]: boolean };
}

/** boolean to 0/1 for the named fields of a patch; absent fields stay absent. */
export function toSqlBooleans<T extends Record<string, unknown>>(patch: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...patch };
  for (const f of fields) if (typeof out[f] === 'boolean') out[f] = out[f] ? 1 : 0;
  return out;
}

/** Only the fields whose value actually changes, for audit rows that say what happened. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}
