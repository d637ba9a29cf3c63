import type { Writable } from 'node:stream';
import { loadExcelJS } from './exceljs.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { COLUMNS, ROSTER_KIND_NAMES, rosterName } from '../../../shared/import/columns.js';
import { breathe, columnLetter, HEADER_ALIGNMENT, HEADER_BORDER, HEADER_FILL, HEADER_FONT, setProperties, sheetName, TEXT_FORMAT } from './book.js';
import { cellFor, isTextColumn } from './cells.js';
import { loadGrids, loadOrgs } from './labels.js';
import { rosterBatches, type RosterSelection } from './sources.js';
import { teamMonthColumns } from './team-months.js';

export interface RosterResult {
  rows: number;
  /** Name of the subtree root, for titles and file names. */
  rootName: string;
}

/** The sheet name and file stem of a roster (花名册 for people, 名册 otherwise). */
export function rosterTitle(kind: RosterSelection['kind'], rootName: string): string {
  return `${rootName}${rosterName(kind)}`;
}

/**
 * Writes a roster as xlsx to `out`, streamed: rows are read in batches and committed to the
 * worksheet as they come, so memory stays flat for 250 000 members. The header row is row 1 with
 * the canonical labels (shared/import/columns.ts), frozen and filtered; text columns (ID numbers,
 * dates, phones) are text cells so Excel cannot eat digits.
 */
export async function writeRoster(db: Kysely<DB>, sel: RosterSelection, out: Writable, onProgress?: (done: number) => void): Promise<RosterResult> {
  const Excel = await loadExcelJS();
  const cols = sel.kind === 'teams' ? [...COLUMNS.teams, ...(await teamMonthColumns(db, sel.rootPath))] : COLUMNS[sel.kind];
  const [orgs, grids] = await Promise.all([loadOrgs(db), loadGrids(db)]);
  const root = orgs.list.find((o) => o.path === sel.rootPath);
  const rootName = root?.name ?? '';
  const title = rosterTitle(sel.kind, rootName);

  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  setProperties(wb as never, title, rootName);
  const ws = wb.addWorksheet(sheetName(ROSTER_KIND_NAMES[sel.kind]), {
    views: [{ state: 'frozen', xSplit: sel.kind === 'orgs' || sel.kind === 'grids' ? 1 : 2, ySplit: 1 }],
    properties: { defaultRowHeight: 18 },
  });
  ws.autoFilter = { from: 'A1', to: `${columnLetter(cols.length)}1` };
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width ?? 12, ...(isTextColumn(c) ? { style: { numFmt: TEXT_FORMAT } } : {}) }));
  const header = ws.addRow(cols.map((c) => c.label));
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = HEADER_ALIGNMENT;
  });
  header.commit();

  const lookups = { org: orgs.label };
  // 所在网格 is written as the importer reads it back: the unit's label (labels.ts).
  const valueOf = (key: string, rec: Record<string, unknown>) => (key === 'gridName' ? (typeof rec.gridId === 'string' ? (grids.label.get(rec.gridId) ?? null) : null) : rec[key]);
  let rows = 0;
  for await (const batch of rosterBatches(db, sel, orgs.list, grids.list)) {
    for (const rec of batch) {
      const row = ws.addRow(cols.map((c) => cellFor(c, valueOf(c.key, rec), lookups)));
      row.commit();
      rows++;
    }
    onProgress?.(rows);
    await breathe();
  }
  ws.commit();
  await wb.commit();
  return { rows, rootName };
}
