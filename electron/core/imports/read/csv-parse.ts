/**
 * RFC 4180 as Excel writes and reads it: quoted fields may hold delimiters, line breaks and doubled
 * quotes; CRLF, LF or CR end a record; a stray quote inside an unquoted field is kept as text.
 */

export type Delimiter = ',' | '\t' | ';';

/** Picks the delimiter that splits the first lines most consistently. */
export function sniffDelimiter(text: string, preferTab = false): Delimiter {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < 20 && pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    if (line.trim() !== '') lines.push(line);
    pos = end + 1;
  }
  const candidates: Delimiter[] = preferTab ? ['\t', ',', ';'] : [',', '\t', ';'];
  let best: Delimiter = candidates[0]!;
  let bestScore = 0;
  for (const d of candidates) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, times] of freq) score = Math.max(score, times * 1000 + count);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Yields each record's fields; record numbers are 1-based and count empty lines, as Excel does. */
export function* parseDelimited(text: string, delimiter: Delimiter): Generator<string[]> {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted: up to the closing quote, "" standing for one quote.
        let out = '';
        let start = i + 1;
        for (;;) {
          const q = text.indexOf('"', start);
          if (q < 0) {
            out += text.slice(start);
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += text.slice(start, q + 1);
            start = q + 2;
            continue;
          }
          out += text.slice(start, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, as Excel does.
        const restStart = i;
        while (i < n) {
          const ch = text.charCodeAt(i);
          if (ch === d || ch === LF || ch === CR) break;
          i++;
        }
        field = restStart < i ? out + text.slice(restStart, i) : out;
      } else {
        const start = i;
        while (i < n) {
          const ch = text.charCodeAt(i);
          if (ch === d || ch === LF || ch === CR) break;
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i >= n) break;
      const ch = text.charCodeAt(i);
      if (ch === d) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // End of record.
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    yield fields;
  }
}
