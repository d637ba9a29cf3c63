/** Files the clerk picked, read in the page and sent as base64 inside the JSON call. */
export interface LocalFile {
  name: string;
  size: number;
  dataBase64: string;
}

export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xls', '.csv', '.et'] as const;

/** The contract takes up to 64 MiB of base64 per file (≈48 MiB of file). */
export const MAX_FILE_BYTES = 48 * 1024 * 1024;
/** ledger serve takes 80 MB per request: the files of one preview together, in base64. */
export const MAX_TOTAL_BYTES = 58 * 1024 * 1024;

/** Why a selection cannot be sent, in Chinese, or null. */
export function selectionProblem(files: readonly File[]): string | null {
  if (files.length === 0) return '请选择要导入的文件';
  if (files.length > 50) return '一次最多导入 50 个文件';
  for (const f of files) {
    const lower = f.name.toLowerCase();
    if (!ACCEPTED_EXTENSIONS.some((e) => lower.endsWith(e))) return `“${f.name}”不是可导入的文件：只能导入 xlsx、xls、csv、et 文件`;
    if (f.size === 0) return `“${f.name}”是空文件`;
    if (f.size > MAX_FILE_BYTES) return `“${f.name}”超过 48 MB，请拆分后再导入`;
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_TOTAL_BYTES) return '所选文件合计超过 58 MB，请分批导入';
  return null;
}

function readOne(file: File, onBytes: (loaded: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    const abort = () => r.abort();
    signal.addEventListener('abort', abort, { once: true });
    r.onprogress = (e) => onBytes(e.loaded);
    r.onerror = () => reject(new Error(`无法读取文件“${file.name}”`));
    r.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    r.onload = () => {
      signal.removeEventListener('abort', abort);
      const url = String(r.result);
      // data:[mime];base64,XXXX — the browser's own encoder, fast for large files.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

/** Reads every file as base64, reporting bytes read across all of them. */
export async function readLocalFiles(files: readonly File[], onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<LocalFile[]> {
  const total = files.reduce((n, f) => n + f.size, 0);
  let before = 0;
  const out: LocalFile[] = [];
  for (const f of files) {
    const dataBase64 = await readOne(f, (loaded) => onProgress(before + loaded, total), signal);
    before += f.size;
    onProgress(before, total);
    out.push({ name: f.name, size: f.size, dataBase64 });
  }
  return out;
}
