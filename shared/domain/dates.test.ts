import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareDates,
  daysInMonth,
  excelSerialToIso,
  firstDay,
  isFuture,
  isIsoDate,
  lastDay,
  parseDateCell,
  todayIso,
} from './dates.js';

const day = (value: string) => ({ ok: true, value, precision: 'day' });
const month = (value: string) => ({ ok: true, value, precision: 'month' });

describe('parseDateCell: text forms', () => {
  it.each([
    ['1990-01-05', day('1990-01-05')],
    ['1990/1/5', day('1990-01-05')],
    ['1990.1.5', day('1990-01-05')],
    ['1990年1月5日', day('1990-01-05')],
    ['19900105', day('1990-01-05')],
    ['１９９０．１．５', day('1990-01-05')],
    [' 1990 年 1 月 5 日 ', day('1990-01-05')],
    ['1990-01-05 00:00:00', day('1990-01-05')],
    ['1990-01-05T00:00:00.000Z', day('1990-01-05')],
    ['1990.01', month('1990-01')],
    ['1990.1', month('1990-01')],
    ['1990.10', month('1990-10')],
    ['1990年1月', month('1990-01')],
    ['199001', month('1990-01')],
    ['1990-1', month('1990-01')],
    ['2000-02-29', day('2000-02-29')],
  ])('%s', (raw, expected) => {
    expect(parseDateCell(raw)).toEqual(expected);
  });

  it.each(['1990-02-30', '1900-02-29', '1990-13-01', '19901301', '1990年0月', 'abc', '', '90.1.5', '1990', '0990-01-01'])(
    'rejects %j with a Chinese message',
    (raw) => {
      const r = parseDateCell(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/[日月年期]/);
    },
  );

  it('names the impossible day', () => {
    const r = parseDateCell('1990-02-30');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('1990年2月没有30日') });
  });
});

describe('parseDateCell: Excel values', () => {
  it('reads Excel date cells by their UTC fields', () => {
    expect(parseDateCell(new Date(Date.UTC(1990, 0, 5)))).toEqual(day('1990-01-05'));
    expect(parseDateCell(new Date(Number.NaN)).ok).toBe(false);
  });
  it('reads 1900-system serials, including the 1900-02-29 bug', () => {
    expect(parseDateCell(32878)).toEqual(day('1990-01-05'));
    expect(parseDateCell('32878')).toEqual(day('1990-01-05'));
    expect(parseDateCell(32878.75)).toEqual(day('1990-01-05'));
    expect(excelSerialToIso(1)).toEqual(day('1900-01-01'));
    expect(excelSerialToIso(59)).toEqual(day('1900-02-28'));
    expect(excelSerialToIso(60).ok).toBe(false);
    expect(excelSerialToIso(61)).toEqual(day('1900-03-01'));
    expect(excelSerialToIso(45658)).toEqual(day('2025-01-01'));
  });
  it('refuses implausible serials and serials when disabled', () => {
    expect(parseDateCell(0).ok).toBe(false);
    expect(parseDateCell(80001).ok).toBe(false);
    expect(parseDateCell(32878, { excelSerial: false }).ok).toBe(false);
    expect(parseDateCell('32878', { excelSerial: false }).ok).toBe(false);
  });
  it('reads numbers that are really YYYYMMDD, YYYYMM or YYYY.MM', () => {
    expect(parseDateCell(19900105)).toEqual(day('1990-01-05'));
    expect(parseDateCell(199001)).toEqual(month('1990-01'));
    expect(parseDateCell(1990.05)).toEqual(month('1990-05'));
    expect(parseDateCell(1990.12)).toEqual(month('1990-12'));
    expect(parseDateCell(1990.2)).toEqual(month('1990-02'));
  });
  it('refuses 1990.1 from a number cell (January or October?) and lone years', () => {
    expect(parseDateCell(1990.1).ok).toBe(false);
    expect(parseDateCell(1990).ok).toBe(false);
  });
});

describe('comparison and arithmetic', () => {
  it('compares months by their first day', () => {
    expect(compareDates('1990-01', '1990-01-05')).toBe(-1);
    expect(compareDates('1990-01', '1990-01-01')).toBe(0);
    expect(compareDates('1990-02-01', '1990-01')).toBe(1);
    expect(firstDay('2024-02')).toBe('2024-02-01');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2023-02')).toBe('2023-02-28');
  });
  it('adds with clamping and keeps precision', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
    expect(addMonths('2021-03-15', -3)).toBe('2020-12-15');
    expect(addYears('1990-01', 18)).toBe('2008-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2020-03', 0)).toBe('2020-03-01');
  });
  it('computes whole-year ages', () => {
    expect(ageOn('2000-05-10', '2018-05-09')).toBe(17);
    expect(ageOn('2000-05-10', '2018-05-10')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-05', '2018-05-01')).toBe(18);
  });
  it('today and future', () => {
    expect(todayIso(new Date(2024, 0, 2, 0, 30))).toBe('2024-01-02');
    expect(isFuture('2024-01-03', '2024-01-02')).toBe(true);
    expect(isFuture('2024-01-02', '2024-01-02')).toBe(false);
    expect(isFuture('2024-01', '2024-01-02')).toBe(false);
    expect(isFuture('2024-02', '2024-01-31')).toBe(true);
  });
  it('validates stored values', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13')).toBe(false);
    expect(isIsoDate('2023-1-1')).toBe(false);
  });
});

describe('daysInMonth, firstDay, lastDay without Date objects', () => {
  it('agree with the Date-based definitions for every month of 1800–2199 and odd inputs', () => {
    for (let y = 1800; y <= 2199; y++) {
      for (let m = 1; m <= 12; m++) {
        const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(daysInMonth(y, m)).toBe(days);
        const mm = `${y}-${String(m).padStart(2, '0')}`;
        expect(firstDay(mm)).toBe(`${mm}-01`);
        expect(lastDay(mm)).toBe(`${mm}-${days}`);
        expect(firstDay(`${mm}-07`)).toBe(`${mm}-07`);
        expect(lastDay(`${mm}-07`)).toBe(`${mm}-07`);
      }
    }
    for (const [y, m] of [[1990, 0], [1990, 13], [50, 2], [2000.5, 2]] as const) expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    expect(() => firstDay('1990')).toThrow(RangeError);
    expect(() => lastDay('x')).toThrow(RangeError);
  });
});
