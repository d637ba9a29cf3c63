import { describe, expect, it } from 'vitest';
import {
  CODE_TABLES,
  EDUCATION,
  ETHNICITY,
} from './tables.js';
import { codeKey } from './lookup.js';
import educationJson from './data/education.json' with { type: 'json' };

describe('code tables', () => {
  it('carry every JSON entry with aliases as an array', () => {
    expect(EDUCATION).toHaveLength(educationJson.codes.length);
    expect(ETHNICITY).toHaveLength(58);
    for (const { table } of Object.values(CODE_TABLES)) {
      for (const e of table) {
        expect(e.name).not.toBe('');
        expect(Array.isArray(e.aliases)).toBe(true);
      }
    }
  });

  it('give every education code a bucket 1..6 that matches the JSON', () => {
    for (const e of EDUCATION) {
      const raw = educationJson.codes.find((c) => c.code === e.code);
      expect(e.bucket).toBe(Number(raw?.bucket));
      expect([1, 2, 3, 4, 5, 6]).toContain(e.bucket);
    }
  });

  it('never let one normalised key name two codes in a table', () => {
    for (const [id, { table }] of Object.entries(CODE_TABLES)) {
      const seen = new Map<string, string>();
      for (const e of table) {
        for (const k of new Set([e.code, e.name, ...e.aliases].map(codeKey))) {
          const other = seen.get(k);
          expect(other === undefined || other === e.code, `${id}: "${k}" → ${other} and ${e.code}`).toBe(true);
          seen.set(k, e.code);
        }
      }
    }
  });

  it('are frozen', () => {
    expect(Object.isFrozen(EDUCATION)).toBe(true);
    expect(Object.isFrozen(EDUCATION[0])).toBe(true);
  });
});
