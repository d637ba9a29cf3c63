import { describe, expect, it } from 'vitest';
import { isValidPhone } from './phone.js';

describe('isValidPhone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 13812345678',
    '8613812345678',
    '008613812345678',
    '１３８１２３４５６７８',
    13812345678,
    '0991-2345678',
    '09912345678',
    '010-62345678',
    '(0991)2345678',
    '0991 2345678',
    '0991-2345678-802',
    '0991-2345678转802',
    '021-62345678',
  ])('accepts %j', (raw) => {
    expect(isValidPhone(raw)).toBe(true);
  });

  it.each([
    '',
    '12812345678',
    '1381234567',
    '138123456789',
    '2345678',
    '0991-123456',
    // Local numbers do not start with 0 or 1.
    '0991-1234567',
    '0991-0234567',
    '1234-2345678',
    '0991-234567890',
    'abc',
  ])('rejects %j', (raw) => {
    expect(isValidPhone(raw)).toBe(false);
  });
});
