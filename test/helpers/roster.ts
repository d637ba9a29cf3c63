/** One row of a small 党员 roster for import tests. */
export interface RosterRow {
  name: string;
  idNumber: string;
  category?: '正式党员' | '预备党员';
  joinedOn?: string;
  confirmedOn?: string;
}

/**
 * A 党员 roster as the page uploads it: CSV in UTF-8 with a BOM and CRLF lines, base64, every row
 * in the root organisation of createCore's ledger (中共测试县委员会).
 */
export function memberRosterCsv(rows: readonly RosterRow[]): string {
  const lines = ['姓名,性别,公民身份号码,所在党组织,人员类别,入党日期,转正日期'];
  for (const r of rows) lines.push([r.name, '男', r.idNumber, '中共测试县委员会', r.category ?? '正式党员', r.joinedOn ?? '2005-07-01', r.confirmedOn ?? '2006-07-01'].join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n').toString('base64');
}
