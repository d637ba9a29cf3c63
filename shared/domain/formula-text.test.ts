import { describe, expect, it } from 'vitest';
import { guardFormulaText, unguardFormulaText } from './formula-text.js';

describe('guardFormulaText / unguardFormulaText', () => {
  it.each(['=HYPERLINK("http://x","点我")', '+86 13912345678', '-1', '@SUM(A1)', '\tA', '\rA', '＝1+1', '＋86', '－1', '＠某'])('quotes %j and takes the quote off again', (value) => {
    const cell = guardFormulaText(value);
    expect(cell).toBe(`'${value}`);
    expect(unguardFormulaText(cell)).toBe(value);
  });

  it.each(['艾则孜·吾术尔', '652302198001010011', '13912345678', "'abc", "O'Brien", "'", '', '1-2', 'a=b'])('leaves %j as it is, both ways', (value) => {
    expect(guardFormulaText(value)).toBe(value);
    expect(unguardFormulaText(value)).toBe(value);
  });

  it.each(["'=1", "''-1", "'@x"])('quotes text that already starts with quotes before a formula character (%j): exact round trip', (value) => {
    expect(guardFormulaText(value)).toBe(`'${value}`);
    expect(unguardFormulaText(guardFormulaText(value))).toBe(value);
  });

  it('unquotes only text a guard could have written', () => {
    expect(unguardFormulaText('=1')).toBe('=1');
    expect(unguardFormulaText("'a")).toBe("'a");
  });
});
