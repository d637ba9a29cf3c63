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
  /** Canonical keys of `all` (same index), computed once: suggestions compare against every one. */
  private readonly allKeys: { name: string; short: string | null }[] = [];
  /** Answers by canonical key: a roster names the same few organisations thousands of times. */
  private readonly memo = new Map<string, OrgResolution>();

  constructor(orgs: Iterable<OrgCandidate>) {
    for (const o of orgs) this.add(o);
  }

  add(o: OrgCandidate): void {
    this.memo.clear();
    this.all.push(o);
    this.allKeys.push({ name: orgKey(o.name), short: o.shortName ? orgKey(o.shortName) : null });
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
    const known = this.memo.get(key);
    if (known) return known;
    const hits = this.byKey.get(key) ?? [];
    let res: OrgResolution;
    if (hits.length === 1) res = { ok: true, org: hits[0]! };
    else if (hits.length > 1) res = { ok: false, code: 'ORG_AMBIGUOUS', candidates: hits };
    else res = { ok: false, code: 'ORG_UNKNOWN', suggestions: this.closest(key, 3) };
    this.memo.set(key, res);
    return res;
  }

  /** Display names of the closest organisations by canonical key. */
  closest(key: string, n: number): string[] {
    const scored = this.all
      .map((o, i) => {
        const k = this.allKeys[i]!;
        const score = Math.max(dice(key, k.name), k.short !== null ? dice(key, k.short) : 0);
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
