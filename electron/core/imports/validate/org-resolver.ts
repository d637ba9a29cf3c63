/**
 * Resolves organisation names inside the importing unit's subtree (never outside it, never by
 * creating one). A name matches an organisation when its canonical key equals the key of the
 * organisation's full name or short name. No match: the three closest names are suggested.
 */
import { dice } from '../../../../shared/import/index.js';
import { orgKey } from './org-names.js';

export interface OrgCandidate {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  /** Materialised path, or a placeholder for organisations the file itself creates. */
  path: string;
}

export type OrgResolution =
  | { ok: true; org: OrgCandidate }
  | { ok: false; code: 'ORG_UNKNOWN'; suggestions: string[] }
  | { ok: false; code: 'ORG_AMBIGUOUS'; candidates: OrgCandidate[] };

export class OrgResolver {
  private readonly byKey = new Map<string, OrgCandidate[]>();
  private readonly all: OrgCandidate[] = [];

  constructor(orgs: Iterable<OrgCandidate>) {
    for (const o of orgs) this.add(o);
  }

  add(o: OrgCandidate): void {
    this.all.push(o);
    const keys = new Set([orgKey(o.name), ...(o.shortName ? [orgKey(o.shortName)] : [])]);
    for (const k of keys) {
      const list = this.byKey.get(k) ?? [];
      if (!list.some((x) => x.id === o.id)) list.push(o);
      this.byKey.set(k, list);
    }
  }

  get size(): number {
    return this.all.length;
  }

  resolve(text: string): OrgResolution {
    const key = orgKey(text);
    const hits = this.byKey.get(key) ?? [];
    if (hits.length === 1) return { ok: true, org: hits[0]! };
    if (hits.length > 1) return { ok: false, code: 'ORG_AMBIGUOUS', candidates: hits };
    return { ok: false, code: 'ORG_UNKNOWN', suggestions: this.closest(key, 3) };
  }

  /** Display names of the closest organisations by canonical key. */
  closest(key: string, n: number): string[] {
    const scored = this.all
      .map((o) => {
        const score = Math.max(dice(key, orgKey(o.name)), o.shortName ? dice(key, orgKey(o.shortName)) : 0);
        return { o, score };
      })
      .filter((x) => x.score > 0.2)
      .sort((a, b) => b.score - a.score);
    const out: string[] = [];
    for (const { o } of scored) {
      const label = o.shortName ?? o.name;
      if (!out.includes(label)) out.push(label);
      if (out.length >= n) break;
    }
    return out;
  }
}

/** The Chinese message for a failed resolution. */
export function orgIssueMessage(label: string, value: string, underName: string, r: Exclude<OrgResolution, { ok: true }>): string {
  if (r.code === 'ORG_AMBIGUOUS') {
    const names = r.candidates.slice(0, 5).map((c) => c.name).join('、');
    return `${label}“${value}”对应${r.candidates.length}个党组织（${names}），请填写全称以区分`;
  }
  const hint = r.suggestions.length > 0 ? `；最接近的有：${r.suggestions.join('、')}` : '';
  return `${label}“${value}”在${underName}下未找到${hint}。导入不会自动新建党组织，请先建立或更正名称`;
}
