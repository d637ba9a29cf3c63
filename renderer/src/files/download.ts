const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Base64 from the envelope → bytes, in slices so a large workbook does not build one huge string. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Saves a file the core produced (template, roster, rejection report). One way for both hosts: a
 * Blob behind a temporary <a download>. The browser saves it to its download folder; the desktop
 * shell's session receives it as a download and asks where to save it.
 */
export function saveFile(fileName: string, dataBase64: string, mime = XLSX_MIME): void {
  const blob = new Blob([base64ToBytes(dataBase64)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns to the event loop; a minute is generous.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
