/**
 * 所在网格 on member rows: a grid unit of the importing unit's area, named as exports name it
 * (exports/labels.ts): its name, or when names repeat the names above it joined by '/'
 * ("新华社区/第1网格/11号楼"; the top part may be left off). Never a unit outside the area, never a
 * new one.
 */
import { dice, normaliseHeader } from '../../../../shared/import/index.js';
import { ORG_PATH_SEPARATOR } from '../../../../shared/import/columns.js';

export interface GridCandidate {
  id: string;
  parentId: string | null;
  name: string;
  foundedOn: string | null;
}

export type GridResolution =
  | { ok: true; id: string }
  | { ok: false; code: 'ORG_UNKNOWN'; suggestions: string[] }
  | { ok: false; code: 'ORG_AMBIGUOUS'; count: number };

const key = (s: string) => normaliseHeader(s);

export class GridResolver {
  private readonly byId: Map<string, GridCandidate>;
  private readonly byName = new Map<string, GridCandidate[]>();
  private readonly memo = new Map<string, GridResolution>();

  constructor(units: readonly GridCandidate[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const k = key(u.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), u]);
    }
  }

  /** A unit of the area. */
  unit(id: string | null | undefined): GridCandidate | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  resolve(text: string): GridResolution {
    const parts = text.split(/[/／]/).map((p) => key(p)).filter(Boolean);
    const memoKey = parts.join('/');
    const known = this.memo.get(memoKey);
    if (known) return known;
    const last = parts.at(-1) ?? '';
    // The units of that name whose ancestors, nearest first, carry the names written before it.
    const hits = (this.byName.get(last) ?? []).filter((u) => {
      let at = u.parentId ? this.byId.get(u.parentId) : undefined;
      for (let i = parts.length - 2; i >= 0; i--) {
        if (!at || key(at.name) !== parts[i]) return false;
        at = at.parentId ? this.byId.get(at.parentId) : undefined;
      }
      return true;
    });
    const res: GridResolution =
      hits.length === 1 ? { ok: true, id: hits[0]!.id } : hits.length > 1 ? { ok: false, code: 'ORG_AMBIGUOUS', count: hits.length } : { ok: false, code: 'ORG_UNKNOWN', suggestions: this.closest(last) };
    this.memo.set(memoKey, res);
    return res;
  }

  private closest(k: string): string[] {
    return [...this.byName.entries()]
      .map(([name, us]) => ({ name: us[0]!.name, score: dice(k, name) }))
      .filter((x) => x.score > 0.3)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((x) => x.name);
  }
}

/** The issue text for a 所在网格 that names no unit, or several. */
export function gridIssueMessage(text: string, underName: string, res: Exclude<GridResolution, { ok: true }>): string {
  if (res.code === 'ORG_AMBIGUOUS') return `所在网格“${text}”对应${res.count}个网格单元，请连同上级写，如“社区名称${ORG_PATH_SEPARATOR}网格名称${ORG_PATH_SEPARATOR}${text}”`;
  return `所在网格“${text}”在${underName}登记的网格单元中未找到${res.suggestions.length > 0 ? `；相近的有：${res.suggestions.join('、')}` : ''}`;
}
