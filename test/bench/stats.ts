/** Median and p95 of a sample, in milliseconds with two decimals. */
export function summarise(samples: number[]): { n: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, medianMs: r(at(0.5)), p95Ms: r(at(0.95)), minMs: r(s[0] ?? NaN), maxMs: r(s[s.length - 1] ?? NaN) };
}

export async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}
