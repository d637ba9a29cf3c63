import type { Member } from '../../../shared/types/records.js';
import type { Input } from '../../../shared/contract/index.js';
import { PASTE_FIELDS } from '../../../shared/contract/member.js';
import { EDUCATION, ETHNICITY, GENDER, JOB_CATEGORY, type CodeTable } from '../../../shared/codes/tables.js';
import { lookupCode } from '../../../shared/codes/lookup.js';
import { normalisePersonName, normalisePhone, personNameProblem, phoneProblem } from '../../../shared/domain/rules/index.js';
import { checkCells, layBlock, parseClipboard, type Parsed } from '../grid/paste.js';
import { fieldLabel } from '../codes/field-labels.js';

/** Column names for messages (所在党支部 is shown, not stored, in the roster). */
const columnLabel = (c: string): string => (c === 'orgName' ? '所在党支部' : fieldLabel(c));

export type PasteField = (typeof PASTE_FIELDS)[number];
export const isPasteField = (f: string): f is PasteField => (PASTE_FIELDS as readonly string[]).includes(f);

const CODED: Partial<Record<PasteField, CodeTable>> = { gender: GENDER, ethnicity: ETHNICITY, education: EDUCATION, jobCategory: JOB_CATEGORY };

/**
 * One pasted cell as the contract's value, by the shared field rules (shared/domain/rules: names, phones; code tables
 * by code, name or alias): what the core would refuse is refused here first, with the reason.
 */
export function parseMemberCell(field: PasteField, text: string): Parsed<string | null> {
  const label = fieldLabel(field);
  const table = CODED[field];
  if (table) {
    if (text === '') return { ok: true, value: null };
    const hit = lookupCode(table, text);
    return hit ? { ok: true, value: hit.code } : { ok: false, message: `${label}“${text}”不在代码表中` };
  }
  if (field === 'name') {
    const name = normalisePersonName(text);
    const problem = personNameProblem(name);
    return problem ? { ok: false, message: problem } : { ok: true, value: name };
  }
  // phone
  const phone = normalisePhone(text);
  if (phone === '') return { ok: true, value: null };
  const problem = phoneProblem(phone);
  return problem ? { ok: false, message: problem } : { ok: true, value: phone };
}

export interface PastePlan {
  rows: Input<'member.paste'>['rows'];
  cells: number;
  /** Refused cells and cells falling outside the grid, as lines a clerk can act on. */
  refused: string[];
}

/**
 * A clipboard block laid from the focused cell over the rows shown and the visible columns (in
 * display order); cells of columns a paste may not fill (人员类别 … change through events) are
 * refused with the reason, so nothing lands silently in the wrong column.
 */
export function planPaste(text: string, rows: readonly Member[], columns: readonly string[], anchorRow: number, anchorColumn: number): PastePlan {
  const laid = layBlock(parseClipboard(text), rows, columns, anchorRow, anchorColumn);
  const checked = checkCells(laid.cells, (c): Parsed<string | null> =>
    isPasteField(c.column) ? parseMemberCell(c.column, c.text) : { ok: false, message: `“${columnLabel(c.column)}”列不能粘贴${['category', 'joinedOn', 'confirmedOn', 'orgName'].includes(c.column) ? '（通过状态变化记录修改）' : ''}` },
  );
  const byRow = new Map<string, PastePlan['rows'][number]>();
  for (const c of checked.accepted) {
    const r = byRow.get(c.row.id) ?? { id: c.row.id, expectedUpdatedAt: c.row.updatedAt, patch: {} };
    // The parser gave each column a value of its own contract type (a name is never null).
    (r.patch as Record<string, string | null>)[c.column] = c.value;
    byRow.set(c.row.id, r);
  }
  const refused = checked.refused.map((c) => `复制内容第 ${c.at.row + 1} 行第 ${c.at.column + 1} 列（${c.row.name}，${columnLabel(c.column)}）：${c.message}`);
  if (laid.outside > 0) refused.push(`有 ${laid.outside} 格超出表格范围（行或列不够）`);
  return { rows: [...byRow.values()], cells: checked.accepted.length, refused };
}
