import { describe, expect, it } from 'vitest';
import { termDueOn, termExtensionAdvice, termStatus, termYearsFor } from './terms.js';

describe('termYearsFor', () => {
  it('follows DOMAIN.md §1', () => {
    expect(termYearsFor('branch', 'village')).toBe(5);
    expect(termYearsFor('general-branch', 'community')).toBe(5);
    expect(termYearsFor('committee', 'community')).toBe(5);
    expect(termYearsFor('committee', 'township')).toBe(5);
    expect(termYearsFor('branch', 'organ')).toBe(3);
    expect(termYearsFor('general-branch', 'soe')).toBe(3);
    expect(termYearsFor('joint-branch', null)).toBe(3);
    expect(termYearsFor('group', 'village')).toBeNull();
    expect(termYearsFor('working-committee', 'street')).toBeNull();
    expect(termYearsFor('temporary-branch', 'other')).toBeNull();
  });
});

describe('termStatus', () => {
  const term = { electedOn: '2021-03-15', termYears: 3 };
  it('is ok before expiry and due from the expiry day', () => {
    expect(termDueOn(term)).toBe('2024-03-15');
    expect(termStatus(term, '2024-03-14')).toBe('ok');
    expect(termStatus(term, '2024-03-15')).toBe('due');
  });
  it('without an extension: overdue the day after expiry, unless a grace window is set', () => {
    expect(termStatus(term, '2024-03-15')).toBe('due');
    expect(termStatus(term, '2024-03-16')).toBe('overdue');
    expect(termStatus(term, '2024-06-15', { graceMonths: 3 })).toBe('due');
    expect(termStatus(term, '2024-06-16', { graceMonths: 3 })).toBe('overdue');
  });
  it('with an approved extension: due until extendedTo, then overdue', () => {
    const ext = { ...term, extendedTo: '2025-01-31' };
    expect(termStatus(ext, '2024-12-01')).toBe('due');
    expect(termStatus(ext, '2025-01-31')).toBe('due');
    expect(termStatus(ext, '2025-02-01')).toBe('overdue');
  });
  it('handles month-precision dates', () => {
    const m = { electedOn: '2019-06', termYears: 5 };
    expect(termStatus(m, '2024-05-31')).toBe('ok');
    expect(termStatus(m, '2024-06-01')).toBe('due');
    expect(termStatus({ ...m, extendedTo: '2024-12' }, '2024-12-31')).toBe('due');
    expect(termStatus({ ...m, extendedTo: '2024-12' }, '2025-01-01')).toBe('overdue');
  });
});

describe('termExtensionAdvice', () => {
  it('flags extensions beyond one year or before expiry', () => {
    const term = { electedOn: '2021-03-15', termYears: 3 };
    expect(termExtensionAdvice({ ...term, extendedTo: '2025-03-15' })).toEqual([]);
    expect(termExtensionAdvice({ ...term, extendedTo: '2025-03-16' })[0]).toContain('超过1年');
    expect(termExtensionAdvice({ ...term, extendedTo: '2024-01-01' })[0]).toContain('早于');
    expect(termExtensionAdvice(term)).toEqual([]);
  });
});
