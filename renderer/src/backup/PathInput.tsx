/**
 * A folder or a backup file of this machine. The desktop app asks the system dialog; browser mode has
 * none, so the administrator types the path (the core checks it and audits what is done with it).
 */
export function PathInput({ kind, value, onChange, testId }: { kind: 'folder' | 'file'; value: string; onChange: (path: string) => void; testId: string }) {
  const bridge = window.ledger;
  async function choose() {
    const r = kind === 'folder' ? await bridge!.chooseBackupFolder() : await bridge!.chooseBackupFile();
    if (r.ok && r.value) onChange(r.value);
  }
  return (
    <>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={kind === 'folder' ? '文件夹的完整路径，如 E:\\台账备份 或 /media/u盘/台账备份' : '备份文件的完整路径，如 E:\\台账备份\\台账备份-20250101-083000.ledger'}
        aria-label={kind === 'folder' ? '备份文件夹' : '备份文件'}
        data-testid={testId}
        spellCheck={false}
      />
      {bridge ? (
        <button type="button" onClick={() => void choose()} data-testid={`${testId}-choose`}>
          {kind === 'folder' ? '选择文件夹…' : '选择文件…'}
        </button>
      ) : null}
    </>
  );
}
