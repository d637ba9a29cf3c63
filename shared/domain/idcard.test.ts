import { describe, expect, it } from 'vitest';
import { idCheckChar, makeIdNumber, parseIdNumber } from './idcard.js';

// Examples printed in GB 11643-1999 itself, so the check-character arithmetic is not self-verified.
const STANDARD_FEMALE = '11010519491231002X';
const STANDARD_MALE = '440524188001010014';

describe('idCheckChar', () => {
  it('matches the examples of the standard', () => {
    expect(idCheckChar(STANDARD_FEMALE.slice(0, 17))).toBe('X');
    expect(idCheckChar(STANDARD_MALE.slice(0, 17))).toBe('4');
  });
  it('needs 17 digits', () => {
    expect(() => idCheckChar('123')).toThrow();
  });
});

describe('parseIdNumber: valid numbers', () => {
  it('reads region, birth date and gender', () => {
    expect(parseIdNumber(STANDARD_FEMALE)).toEqual({
      ok: true,
      value: STANDARD_FEMALE,
      birthDate: '1949-12-31',
      gender: '2',
      region: '110105',
    });
    const male = parseIdNumber(STANDARD_MALE);
    expect(male.ok && male.gender).toBe('1');
    expect(male.ok && male.birthDate).toBe('1880-01-01');
  });
  it('accepts lower-case x, full-width digits, inner spaces and a text-marker apostrophe', () => {
    const expected = { ok: true, value: STANDARD_FEMALE };
    expect(parseIdNumber('11010519491231002x')).toMatchObject(expected);
    expect(parseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toMatchObject(expected);
    expect(parseIdNumber(' 110105 19491231 002X ')).toMatchObject(expected);
    expect(parseIdNumber("'11010519491231002X")).toMatchObject(expected);
  });
  it('upgrades 15-digit legacy numbers', () => {
    // 15-digit form of the standard's example: drop "19" and the check character.
    const r = parseIdNumber('110105491231002');
    expect(r).toEqual({
      ok: true,
      value: STANDARD_FEMALE,
      birthDate: '1949-12-31',
      gender: '2',
      region: '110105',
      upgradedFrom15: true,
    });
    // A 15-digit number typed into a number cell survives intact.
    expect(parseIdNumber(110105491231002)).toMatchObject({ ok: true, value: STANDARD_FEMALE });
  });
  it('does not reject unknown region codes', () => {
    const id = makeIdNumber('999999', '1990-01-05', 123);
    expect(parseIdNumber(id, { today: '2024-01-01' })).toMatchObject({ ok: true, region: '999999', gender: '1' });
  });
});

describe('parseIdNumber: errors', () => {
  it('ID_CHECKSUM on a wrong check character', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECKSUM' });
    expect(!r.ok && r.message).toContain('X');
  });
  it.each(['1101051949123100', '11010519491231002Y', '1101051949X231002X', 'abc', '', '1101051949123100211'])(
    'ID_FORMAT on %j',
    (raw) => {
      expect(parseIdNumber(raw)).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    },
  );
  it('ID_FORMAT when the birth date does not exist or is in the future', () => {
    const feb30 = '11010519900230' + '123';
    expect(parseIdNumber(feb30 + idCheckChar(feb30))).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    const future = makeIdNumber('110105', '2030-01-01', 1);
    expect(parseIdNumber(future, { today: '2024-06-01' })).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(parseIdNumber(future, { today: '2031-06-01' }).ok).toBe(true);
  });
  it('ID_PRECISION_LOST for numbers beyond 2^53, scientific notation and long numeric-cell text', () => {
    expect(parseIdNumber(652923199001011000)).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
    expect(parseIdNumber('6.52923199001011E+17')).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
    expect(parseIdNumber('6.52923199001011e17')).toMatchObject({ ok: false, code: 'ID_PRECISION_LOST' });
    expect(parseIdNumber('652923199001011000', { fromNumericCell: true })).toMatchObject({
      ok: false,
      code: 'ID_PRECISION_LOST',
    });
    // The same text typed into a text cell is judged on its own merits (here: checksum).
    expect(parseIdNumber('652923199001011000')).toMatchObject({ ok: false, code: 'ID_CHECKSUM' });
  });
});

describe('makeIdNumber', () => {
  it('builds numbers that parse back', () => {
    const id = makeIdNumber('652923', '19900105', 42);
    expect(id).toHaveLength(18);
    expect(parseIdNumber(id)).toMatchObject({ ok: true, birthDate: '1990-01-05', gender: '2', region: '652923' });
  });
  it('rejects bad parts', () => {
    expect(() => makeIdNumber('65292', '1990-01-05', 1)).toThrow();
    expect(() => makeIdNumber('652923', '1990-1-5', 1)).toThrow();
    expect(() => makeIdNumber('652923', '1990-01-05', 1000)).toThrow();
  });
});
