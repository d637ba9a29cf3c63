/**
 * Seeded pseudo-random numbers for the demo county (sfc32 seeded through splitmix32).
 * Everything the generator decides comes from here, so one seed gives the same county every time.
 * `fork(label)` gives an independent stream per part of the county, so a change in how reserves
 * are drawn does not reshuffle every member's name.
 */

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a label, mixed with the seed. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    const sm = splitmix32(seed >>> 0);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An independent stream named by `label`. */
  fork(label: string): Rng {
    return new Rng(hashLabel(this.seed, label));
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Approximately normal (sum of three uniforms), clamped to [lo, hi]. */
  around(mean: number, spread: number, lo: number, hi: number): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2; // ~N(0,1) on [-3, 3]
    return Math.min(hi, Math.max(lo, Math.round(mean + z * spread)));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** A weighted choice from [value, weight] pairs (use `Weighted` for a table drawn from often). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let x = this.next() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  }
}

/** A weighted table with a cumulative index, for draws made hundreds of thousands of times. */
export class Weighted<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(pairs: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [v, w] of pairs) {
      if (w <= 0) continue;
      sum += w;
      this.values.push(v);
      this.cumulative.push(sum);
    }
    if (this.values.length === 0) throw new RangeError('weighted table without positive weights');
    this.total = sum;
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}

// ---- day numbers: whole days since 1970-01-01 (UTC calendar), fast to add and compare ----------

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY);
}

const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** The same calendar day `n` years later (02-29 becomes 02-28 in a common year). */
export function plusYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  let md = iso.slice(5);
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The same calendar day `n` months later, clamped to the month's end. */
export function plusMonths(iso: string, n: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), dim);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
