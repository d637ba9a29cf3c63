import { useState } from 'react';
import { errorText } from '../api/index.js';

/**
 * A form's submit state: busy while the call runs, the error in Chinese when it fails. `run`
 * ignores a second submit while one is under way.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
