import { useState } from 'react';
import { errorText } from '../api/index.js';

/**
 * A form's submit state: busy while the call runs, the error in Chinese when it fails. `run`
 * ignores a second submit while one is under way, and tells whether the work succeeded.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<void>): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
