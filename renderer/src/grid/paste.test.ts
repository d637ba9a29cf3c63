import { describe, expect, it } from 'vitest';
import { checkCells, layBlock, parseClipboard, parseCount } from './paste.js';

describe('pasting a block copied from Excel / WPS', () => {
  it('reads rows and cells, with Excel’s final line break and CR LF', () => {
    expect(parseClipboard('22\t20\t19\r\n18\t\t21\r\n')).toEqual([['22', '20', '19'], ['18', '', '21']]);
    expect(parseClipboard('5\n6')).toEqual([['5'], ['6']]);
    expect(parseClipboard('')).toEqual([]);
  });

  it('keeps quoted cells whole (tabs, line breaks, doubled quotes inside)', () => {
    expect(parseClipboard('"a\tb"\t"第一行\r\n第二行"\t"说""好"""\r\n')).toEqual([['a\tb', '第一行\r\n第二行', '说"好"']]);
  });

  it('lays the block from the focused cell and counts what falls outside the grid', () => {
    const r = layBlock([['1', '2', '3'], ['4', '5', '6']], ['甲', '乙'], ['1月', '2月', '3月'], 1, 1);
    expect(r.cells.map((c) => [c.row, c.column, c.text])).toEqual([['乙', '2月', '1'], ['乙', '3月', '2']]);
    expect(r.outside).toBe(4);
  });

  it('checks each cell with the column’s parser and lists the refused ones with the reason', () => {
    const { cells } = layBlock([['22', '２０天', 'x'], ['32', '', '19.0']], ['甲', '乙'], ['1月', '2月', '3月'], 0, 0);
    const r = checkCells(cells, (c) => parseCount(c.text, c.column === '2月' ? 29 : 31, '驻村天数'));
    expect(r.accepted.map((c) => [c.row, c.column, c.value])).toEqual([['甲', '1月', 22], ['甲', '2月', 20], ['乙', '2月', null], ['乙', '3月', 19]]);
    expect(r.refused.map((c) => [c.row, c.column, c.message])).toEqual([
      ['甲', '3月', '驻村天数应为整数，粘贴的是“x”'],
      ['乙', '1月', '驻村天数不能超过 31，粘贴的是 32'],
    ]);
  });
});
