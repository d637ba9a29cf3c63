/**
 * The month grid's rows and what a typed or pasted cell becomes: one measure at a time (驻村天数,
 * 工作日志, 走访农户), checked in the page before anything is sent (the core checks again).
 */
import type { MonthCell, MonthGridRow, monthEntry } from '../../../shared/contract/team.js';
import { monthLength } from '../../../shared/domain/village-days.js';
import type { z } from 'zod';
import { parseCount, type Parsed, type PlacedCell } from '../grid/paste.js';

export const MEASURES = {
  daysInVillage: { label: '驻村天数', cell: 'days', max: 31 },
  logCount: { label: '工作日志数', cell: 'logCount', max: 1000 },
  visitCount: { label: '走访农户数', cell: 'visitCount', max: 10_000 },
} as const satisfies Record<string, { label: string; cell: keyof MonthCell; max: number }>;
export type Measure = keyof typeof MEASURES;

export type Entry = z.input<typeof monthEntry>;

/** The value a cell shows for the measure (null: nothing recorded or not in post). */
export const shown = (row: MonthGridRow, month: string, m: Measure): number | null => (row.cells[month]?.[MEASURES[m].cell] as number | null | undefined) ?? null;

/** A typed or pasted text for one cell: the number to save, or why not. */
export function parseFor(row: MonthGridRow, month: string, m: Measure, text: string, currentMonth: string): Parsed<number | null> {
  if (!row.cells[month]) return { ok: false, message: `${month} 不在任职期内` };
  if (month > currentMonth) return { ok: false, message: `${month} 尚未到来` };
  const max = m === 'daysInVillage' ? monthLength(month) : MEASURES[m].max;
  const p = parseCount(text, max, MEASURES[m].label);
  if (p.ok && p.value === null && m !== 'daysInVillage' && row.cells[month]!.days === null) return { ok: true, value: null };
  if (p.ok && p.value !== null && m !== 'daysInVillage' && row.cells[month]!.days === null) return { ok: false, message: `${month} 还没有驻村天数，请先填写驻村天数` };
  return p;
}

/** What `team.recordMonths` gets for accepted cells; a count emptied where no days are recorded is left out. */
export function entriesOf(cells: readonly (PlacedCell<MonthGridRow, string> & { value: number | null })[], m: Measure): Entry[] {
  const out: Entry[] = [];
  for (const c of cells) {
    if (m === 'daysInVillage') out.push({ teamMemberId: c.row.teamMemberId, month: c.column, daysInVillage: c.value });
    else if (c.row.cells[c.column]?.days !== null) out.push({ teamMemberId: c.row.teamMemberId, month: c.column, [m]: c.value ?? 0 });
  }
  return out;
}

/** "2024-03" → "2024年3月". */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The months before and including `to`, `n` of them. */
export function lastMonths(to: string, n: number): { from: string; to: string } {
  const total = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - (n - 1);
  return { from: `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`, to };
}
