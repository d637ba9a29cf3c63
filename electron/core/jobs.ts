/**
 * Calls running in the core, by the job id their progress events carry, so the user who started a
 * long one (an import check) can cancel it: the call's next progress report throws CANCELLED, and a
 * read call (what import.preview is) leaves nothing behind. A write call cancelled this way rolls
 * back like any failed write.
 */
import { LedgerError } from '../../shared/contract/envelope.js';

export class Jobs {
  private readonly running = new Map<string, { userId: string; cancelled: boolean }>();

  start(jobId: string, userId: string): void {
    this.running.set(jobId, { userId, cancelled: false });
  }

  end(jobId: string): void {
    this.running.delete(jobId);
  }

  /** Only the user who started a job may cancel it; false when it is not running (any more). */
  cancel(jobId: string, userId: string): boolean {
    const job = this.running.get(jobId);
    if (!job || job.userId !== userId) return false;
    job.cancelled = true;
    return true;
  }

  /** Called at each progress report of the job. */
  check(jobId: string): void {
    if (this.running.get(jobId)?.cancelled) throw new LedgerError('CANCELLED', '已取消');
  }
}
