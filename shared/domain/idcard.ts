/**
 * 公民身份号码 (GB 11643-1999): 6-digit region + YYYYMMDD + 3-digit sequence (odd = male) + check
 * character. Region codes are not checked against a list: districts get renamed and old numbers stay valid.
 */
import { removeSpaces, toHalfWidth } from './text.js';
import { daysInMonth, todayIso } from './dates.js';

export type IdErrorCode = 'ID_FORMAT' | 'ID_CHECKSUM' | 'ID_PRECISION_LOST';

export type ParsedId =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      value: string;
      birthDate: string;
      /** GB/T 2261.1: '1' male, '2' female. */
      gender: '1' | '2';
      /** First 6 digits (行政区划代码 at issue time). */
      region: string;
      upgradedFrom15?: true;
    }
  | { ok: false; code: IdErrorCode; message: string };

export interface ParseIdOptions {
  /** The text came from a numeric spreadsheet cell (Excel keeps only 15 significant digits). */
  fromNumericCell?: boolean;
  /** 'YYYY-MM-DD' for the "birth date not in the future" check; default today. */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
// Nobody with a valid number was born before this; a lower year is a typo.
const MIN_BIRTH_YEAR = 1880;

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Builds a valid 18-character number (the demo generator uses it).
 * @param region 6 digits; @param birth 'YYYY-MM-DD' or 'YYYYMMDD'; @param seq 0–999 (odd = male).
 */
export function makeIdNumber(region: string, birth: string, seq: number): string {
  const ymd = birth.replaceAll('-', '');
  if (!/^\d{6}$/.test(region)) throw new RangeError('region must be 6 digits');
  if (!/^\d{8}$/.test(ymd)) throw new RangeError('birth must be YYYY-MM-DD or YYYYMMDD');
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) throw new RangeError('seq must be 0..999');
  const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function fail(code: IdErrorCode, message: string): ParsedId {
  return { ok: false, code, message };
}

const PRECISION_MESSAGE =
  '身份证号以数字格式保存，Excel只保留15位有效数字，后几位已丢失；请在原表中将该列设为文本并重新录入';

/** Parses and checks one ID number as typed or as read from a cell. */
export function parseIdNumber(raw: string | number, opts: ParseIdOptions = {}): ParsedId {
  if (typeof raw === 'number') {
    // Every 18-digit number exceeds 2^53; as a double it has already lost digits.
    if (!Number.isSafeInteger(raw)) {
      return Number.isFinite(raw) && raw > Number.MAX_SAFE_INTEGER
        ? fail('ID_PRECISION_LOST', PRECISION_MESSAGE)
        : fail('ID_FORMAT', `身份证号“${raw}”格式不正确`);
    }
    return parseIdNumber(String(raw), { ...opts, fromNumericCell: true });
  }

  const shown = raw.trim();
  // A leading apostrophe is Excel's "store as text" marker, seen in CSV exports.
  const s = removeSpaces(toHalfWidth(raw)).replace(/^'/, '').toUpperCase();
  if (s === '') return fail('ID_FORMAT', '身份证号为空');
  if (/^\d(?:\.\d+)?E\+?\d+$/.test(s)) return fail('ID_PRECISION_LOST', PRECISION_MESSAGE);
  if (opts.fromNumericCell && /^\d{16,}$/.test(s)) return fail('ID_PRECISION_LOST', PRECISION_MESSAGE);

  let value: string;
  let upgraded = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    value = first17 + idCheckChar(first17);
    upgraded = true;
  } else if (/^\d{17}[\dX]$/.test(s)) {
    value = s;
  } else {
    return fail('ID_FORMAT', `身份证号“${shown}”应为18位（或15位旧号码），前17位为数字，末位为数字或X`);
  }

  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < MIN_BIRTH_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return fail('ID_FORMAT', `身份证号“${shown}”中的出生日期${value.slice(6, 14)}不存在`);
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > (opts.today ?? todayIso())) {
    return fail('ID_FORMAT', `身份证号“${shown}”中的出生日期${birthDate}晚于今天`);
  }
  const expected = idCheckChar(value.slice(0, 17));
  if (!upgraded && value[17] !== expected) {
    return fail('ID_CHECKSUM', `身份证号“${shown}”校验位错误（末位应为${expected}），请核对号码`);
  }

  const result: ParsedId = {
    ok: true,
    value,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? '1' : '2',
    region: value.slice(0, 6),
  };
  if (upgraded) result.upgradedFrom15 = true;
  return result;
}
