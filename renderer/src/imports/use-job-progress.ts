import { useEffect, useState } from 'react';
import { onProgress } from '../api/index.js';
import type { ProgressEvent } from '../../../shared/contract/index.js';

/**
 * The latest progress event while `active`. The core numbers its jobs itself and the call returns
 * the id only at the end, so while one of our calls is pending the latest event is taken as ours
 * (one clerk, one window: the only long job running is the one they started).
 */
export function useJobProgress(active: boolean): ProgressEvent | null {
  const [last, setLast] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    if (!active) return;
    setLast(null);
    return onProgress((e) => setLast(e));
  }, [active]);
  return active ? last : null;
}
