/** Workbooks written by hand, part by part, for reader tests: exact control over every attribute. */
import { makeZip, type ZipSpec } from './zip.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function workbookXml(sheetNames: readonly string[]): string {
  const sheets = sheetNames.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets></workbook>`;
}

export function workbookRelsXml(count: number): string {
  const rels = Array.from(
    { length: count },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

/** An inline-string cell at `ref` ("A1"). */
export const textCell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;

/** A <worksheet> around the given <row> elements. */
export const sheetXml = (rowsXml: string): string => `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${rowsXml}</sheetData></worksheet>`;

/** The zip entries of a workbook whose sheets are the given worksheet XML texts (or bytes). */
export function xlsxEntries(sheets: readonly { name: string; xml: string | Buffer }[]): ZipSpec[] {
  return [
    { name: 'xl/workbook.xml', data: Buffer.from(workbookXml(sheets.map((s) => s.name))) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(workbookRelsXml(sheets.length)) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: typeof s.xml === 'string' ? Buffer.from(s.xml) : s.xml })),
  ];
}

export const handXlsx = (sheets: readonly { name: string; xml: string | Buffer }[]): Buffer => makeZip(xlsxEntries(sheets));
