import { open, stat, readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';

/** One input file, readable at random offsets (zip central directory) and as a stream (zip entries, text files). */
export interface Source {
  name: string;
  size: number;
  readAt(position: number, length: number): Promise<Buffer>;
  /** A stream over [start, end] inclusive, or the whole file. */
  stream(start?: number, end?: number): Readable;
  /** The whole file in memory (xls and csv: already size-checked). */
  bytes(): Promise<Buffer>;
  close(): Promise<void>;
}

export type FileInput = { name: string; bytes: Buffer } | { name: string; path: string };

export async function openSource(input: FileInput): Promise<Source> {
  if ('bytes' in input) return bufferSource(input.name, input.bytes);
  const st = await stat(input.path);
  const handle = await open(input.path, 'r');
  const path = input.path;
  return {
    name: input.name,
    size: st.size,
    async readAt(position, length) {
      const len = Math.max(0, Math.min(length, st.size - position));
      const buf = Buffer.alloc(len);
      let done = 0;
      while (done < len) {
        const { bytesRead } = await handle.read(buf, done, len - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === len ? buf : buf.subarray(0, done);
    },
    stream(start, end) {
      return createReadStream(path, { start: start ?? 0, end: end ?? Math.max(0, st.size - 1), highWaterMark: 256 * 1024 });
    },
    bytes: () => readFile(path),
    close: () => handle.close(),
  };
}

function bufferSource(name: string, bytes: Buffer): Source {
  return {
    name,
    size: bytes.length,
    readAt: (position, length) => Promise.resolve(bytes.subarray(position, Math.min(bytes.length, position + length))),
    stream(start, end) {
      const s = new PassThrough({ highWaterMark: 256 * 1024 });
      const slice = bytes.subarray(start ?? 0, end === undefined ? bytes.length : end + 1);
      // Feed in chunks: one huge write would defeat the inflater's back-pressure.
      const CH = 256 * 1024;
      let pos = 0;
      const pump = (): void => {
        while (pos < slice.length) {
          const ok = s.write(slice.subarray(pos, pos + CH));
          pos += CH;
          if (!ok) {
            s.once('drain', pump);
            return;
          }
        }
        s.end();
      };
      pump();
      return s;
    },
    bytes: () => Promise.resolve(bytes),
    close: () => Promise.resolve(),
  };
}
