import path from 'node:path';
import { DataSource } from 'typeorm';
import { ExportConfig } from '../config';
import { withTenant } from '../db/tenant-transaction';
import { ExportStatus } from './export.enums';
import { exportStates, expireExportJobs } from './export-job.store';
import { accountDirectories, removeFile, storedFiles } from './storage';

const DEAD = new Set<ExportStatus>([ExportStatus.FAILED, ExportStatus.CANCELLED, ExportStatus.EXPIRED]);

export interface SweepResult {
  expired: number;
  deletedFiles: number;
}

/**
 * Per account directory, in a transaction bound to that account: marks exports past retention
 * EXPIRED, then deletes their files, partial files no running attempt owns (killed workers,
 * cancelled or superseded attempts) and finished files of exports that failed or were cancelled.
 * Files are deleted after the commit, so a file is never gone while its export still says SUCCEEDED.
 */
export async function sweepExportFiles(runtime: DataSource, config: ExportConfig): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, deletedFiles: 0 };
  for (const accountId of await accountDirectories(config.dir)) {
    const doomed = await withTenant(runtime, accountId, async (runner) => {
      const expired = await expireExportJobs(runner.manager);
      result.expired += expired.length;
      const files = await storedFiles(config.dir, accountId);
      const states = await exportStates(runner.manager, [...new Set([...files.partial, ...files.finished].map((f) => f.exportId))]);
      return [
        ...expired.flatMap((e) => (e.storagePath ? [path.join(config.dir, e.storagePath)] : [])),
        ...files.partial
          .filter((p) => {
            const state = states.get(p.exportId);
            return !state || state.status !== ExportStatus.RUNNING || state.attempt !== p.attempt;
          })
          .map((p) => p.file),
        ...files.finished
          .filter((f) => {
            const state = states.get(f.exportId);
            return !state || DEAD.has(state.status);
          })
          .map((f) => f.file),
      ];
    });
    const unique = [...new Set(doomed)];
    await Promise.all(unique.map(removeFile));
    result.deletedFiles += unique.length;
  }
  return result;
}
