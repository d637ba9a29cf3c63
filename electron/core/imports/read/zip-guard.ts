import { createInflateRaw, crc32 } from 'node:zlib';
import type { ReadLimits } from '../types.js';
import type { Source } from './source.js';
import { READ_ISSUE, ReadStop, formatBytes, issue } from './issues.js';

/** One entry as the zip's central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's data starts, after its local header (set once the local header is checked). */
  dataStart: number;
  /** Where the entry's record (header, data, descriptor) ends. */
  recordEnd: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Entries smaller than this cannot hurt, whatever their ratio (XML of blank styled rows packs well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

function unreadable(file: string, why: string): ReadStop {
  return new ReadStop(issue(file, READ_ISSUE.FILE_UNREADABLE, 'error', `文件“${file}”无法读取：${why}。请在 Excel 或 WPS 中打开确认后另存为 .xlsx 再导入。`));
}

/**
 * Reads the central directory (never inflating anything) and checks it against the limits:
 * entry count, total declared size, per-entry ratio, paths, encryption, methods. Then checks that
 * the local headers sit exactly where the directory says, back to back, so that a streaming
 * unzipper (which walks local headers, not the directory) sees the same entries.
 */
export async function inspectZip(src: Source, limits: ReadLimits): Promise<ZipEntryInfo[]> {
  const file = src.name;
  const tailLen = Math.min(src.size, 22 + 0xffff);
  const tail = await src.readAt(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable(file, '文件不完整或已损坏（找不到压缩包目录，可能下载或拷贝时被截断）');
  const eocdPos = src.size - tailLen + eocd;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  let cdEnd = eocdPos;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the classic record.
    if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== SIG_EOCD64_LOCATOR) throw unreadable(file, '压缩包目录损坏');
    const z64Pos = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const z64 = await src.readAt(z64Pos, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== SIG_EOCD64) throw unreadable(file, '压缩包目录损坏');
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
    cdEnd = z64Pos;
  }
  if (count > limits.maxZipEntries) {
    throw new ReadStop(issue(file, READ_ISSUE.ZIP_BOMB, 'error', `文件“${file}”包含 ${count} 个压缩条目，超过上限 ${limits.maxZipEntries}，疑似恶意构造的压缩包，未读取。`));
  }
  if (cdOffset + cdSize > cdEnd || cdSize < count * 46) throw unreadable(file, '文件不完整或已损坏（压缩包目录位置不对）');
  const cd = await src.readAt(cdOffset, cdSize);
  if (cd.length < cdSize) throw unreadable(file, '文件不完整');

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw unreadable(file, '压缩包目录损坏');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw unreadable(file, '压缩包目录损坏');
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: only the fields whose 32-bit slot is saturated are present.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const size = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + size) throw unreadable(file, '压缩包目录损坏');
          const v = Number(cd.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + size;
    }
    p += 46 + nameLen + extraLen + commentLen;

    if (isUnsafePath(name)) {
      throw new ReadStop(issue(file, READ_ISSUE.ZIP_UNSAFE_PATH, 'error', `文件“${file}”中的条目路径“${name}”不安全（绝对路径或含“..”），疑似恶意构造的文件，未读取。`));
    }
    if ((flags & 0x1) !== 0 || method === 99) {
      throw new ReadStop(issue(file, READ_ISSUE.FILE_ENCRYPTED, 'error', `文件“${file}”中的内容已加密，无法读取。请去除密码后重新保存再导入。`));
    }
    if (method !== 0 && method !== 8) throw unreadable(file, `使用了不支持的压缩方式（${method}）`);
    if (uncompressedSize > RATIO_FLOOR_BYTES && uncompressedSize / Math.max(1, compressedSize) > limits.maxCompressionRatio) {
      throw new ReadStop(issue(file, READ_ISSUE.ZIP_BOMB, 'error', `文件“${file}”中的条目“${name}”压缩比为 ${Math.round(uncompressedSize / Math.max(1, compressedSize))} 倍（上限 ${limits.maxCompressionRatio} 倍），疑似“压缩炸弹”，未解压。`));
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw new ReadStop(issue(file, READ_ISSUE.ZIP_BOMB, 'error', `文件“${file}”解压后将超过 ${formatBytes(limits.maxUncompressedBytes)}（上限），疑似“压缩炸弹”，未解压。`));
    }
    if (method === 0 && compressedSize !== uncompressedSize) throw unreadable(file, '压缩包目录损坏');
    entries.push({ name, flags, method, crc, compressedSize, uncompressedSize, localHeaderOffset, dataStart: -1, recordEnd: -1 });
  }
  await checkLocalHeaders(src, entries, cdOffset);
  return entries;
}

function isUnsafePath(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((part) => part === '..');
}

async function checkLocalHeaders(src: Source, entries: ZipEntryInfo[], cdOffset: number): Promise<void> {
  const file = src.name;
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (const en of sorted) {
    if (en.localHeaderOffset !== expected) {
      // A descriptor (12/16 bytes, 20/24 in ZIP64) may follow data when flag bit 3 is set.
      throw unreadable(file, '压缩包结构异常（条目之间有未登记的数据）');
    }
    const h = await src.readAt(en.localHeaderOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw unreadable(file, '文件不完整或已损坏（条目头缺失）');
    const nameLen = h.readUInt16LE(26);
    const extraLen = h.readUInt16LE(28);
    const name = (await src.readAt(en.localHeaderOffset + 30, nameLen)).toString('utf8');
    if (name !== en.name) throw unreadable(file, '压缩包结构异常（条目名与目录不一致）');
    const localFlags = h.readUInt16LE(6);
    const localCompressed = h.readUInt32LE(18);
    if ((localFlags & 0x8) === 0 && localCompressed !== 0xffffffff && localCompressed !== en.compressedSize) {
      throw unreadable(file, '压缩包结构异常（条目大小与目录不一致）');
    }
    let end = en.localHeaderOffset + 30 + nameLen + extraLen + en.compressedSize;
    if ((localFlags & 0x8) !== 0) {
      const d = await src.readAt(end, 4);
      const withSig = d.length === 4 && d.readUInt32LE(0) === SIG_DESCRIPTOR;
      const zip64 = en.compressedSize >= 0xffffffff || en.uncompressedSize >= 0xffffffff;
      end += (withSig ? 4 : 0) + (zip64 ? 20 : 12);
    }
    en.dataStart = en.localHeaderOffset + 30 + nameLen + extraLen;
    en.recordEnd = end;
    expected = end;
  }
  if (expected !== cdOffset) throw unreadable(file, '压缩包结构异常（目录前有未登记的数据）');
}

/**
 * The inflated data of one entry, chunk by chunk, checked as it comes: an entry that inflates past
 * its declared size is a bomb with a lying directory (stopped at once, so memory and time stay
 * bounded by the declared sizes already checked); a deflate stream that ends early or fails its
 * CRC is a damaged file (found at the end, before the caller's result is used). Readers consume
 * entries only through this, so nothing is inflated twice.
 */
export async function* entryChunks(src: Source, en: ZipEntryInfo, signal?: AbortSignal): AsyncGenerator<Buffer, void, undefined> {
  const file = src.name;
  const start = en.dataStart;
  if (start < 0) throw unreadable(file, '压缩包结构异常');
  if (en.compressedSize === 0) {
    if (en.uncompressedSize !== 0) throw unreadable(file, '文件不完整或已损坏');
    return;
  }
  const raw = src.stream(start, start + en.compressedSize - 1);
  const inflate = en.method === 0 ? null : createInflateRaw({ chunkSize: 128 * 1024 });
  if (inflate) {
    raw.on('error', (err) => inflate.destroy(err));
    raw.pipe(inflate);
  }
  let produced = 0;
  let crc = 0;
  try {
    const it = (inflate ?? raw)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    for (;;) {
      signal?.throwIfAborted();
      let r: IteratorResult<Buffer>;
      try {
        r = await it.next();
      } catch {
        throw unreadable(file, `条目“${en.name}”数据损坏或不完整`);
      }
      if (r.done) break;
      const chunk = r.value;
      produced += chunk.length;
      if (produced > en.uncompressedSize) {
        throw new ReadStop(issue(file, READ_ISSUE.ZIP_BOMB, 'error', `文件“${file}”中的条目“${en.name}”实际解压大小超过其声明的 ${formatBytes(en.uncompressedSize)}，疑似恶意构造的“压缩炸弹”，已停止读取。`));
      }
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    raw.destroy();
    inflate?.destroy();
  }
  if (produced !== en.uncompressedSize || crc >>> 0 !== en.crc >>> 0) {
    throw unreadable(file, `条目“${en.name}”数据损坏或不完整（校验失败）`);
  }
}
