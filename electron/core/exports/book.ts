import type ExcelJS from 'exceljs';

/** Workbook properties every file we write carries. */
export const CREATOR = '基层党建台账';

export function setProperties(wb: { creator: string; lastModifiedBy: string; created: Date; modified: Date; title?: string; company?: string }, title: string, company: string): void {
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = new Date();
  wb.modified = wb.created;
  wb.title = title;
  wb.company = company;
}

export const TEXT_FORMAT = '@';

export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
export const REQUIRED_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true, color: { argb: 'FFC00000' } };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
export const HEADER_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  bottom: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  left: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  right: { style: 'thin', color: { argb: 'FF9BB7D4' } },
};
export const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'center', wrapText: true };

/** Excel's sheet-name rules: ≤ 31 characters, none of : \ / ? * [ ], not blank. */
export function sheetName(raw: string): string {
  const s = raw.replace(/[:\\/?*[\]]/g, '').replace(/^'+|'+$/g, '').trim().slice(0, 31);
  return s === '' ? 'Sheet1' : s;
}

/** A file name that Windows, UOS and Kylin all accept. */
export function fileName(stem: string, today: string): string {
  const s = [...stem].filter((ch) => ch >= ' ' && !'<>:"/\\|?*'.includes(ch)).join('').trim().slice(0, 80) || '导出';
  return `${s}_${today}.xlsx`;
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Lets zlib and the file stream drain: without it a synchronous loop buffers the whole sheet. */
export const breathe = (): Promise<void> => new Promise((r) => setImmediate(r));
