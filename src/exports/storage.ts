import fs from 'node:fs';
import path from 'node:path';
import { exportStoragePath, exportTempFileName, parseExportTempFileName } from '../catalog/naming';

/**
 * Export files under the export directory: `<account id>/<export id>.csv[.gz]` when finished and
 * `<account id>/<export id>.<attempt>.part` while an attempt writes. Keeping accounts in their own
 * directories lets a sweep bind each directory to its account before it asks the database anything.
 */

export function accountDirectory(root: string, accountId: string): string {
  return path.join(root, accountId);
}

export function finalPath(root: string, accountId: string, exportId: string, gzip: boolean): string {
  return path.join(root, exportStoragePath(accountId, exportId, gzip));
}

export function tempPath(root: string, accountId: string, exportId: string, attempt: number): string {
  return path.join(accountDirectory(root, accountId), exportTempFileName(exportId, attempt));
}

export async function removeFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

/** Account directories present under the export directory. */
export async function accountDirectories(root: string): Promise<string[]> {
  const entries = await fs.promises.readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isDirectory() && /^[0-9]+$/.test(entry.name)).map((entry) => entry.name);
}

export interface StoredFiles {
  /** Partial files by export id, with the attempt that wrote each. */
  partial: Array<{ file: string; exportId: string; attempt: number }>;
  /** Finished files by export id. */
  finished: Array<{ file: string; exportId: string }>;
}

const FINISHED_FILE = /^([0-9a-f-]{36})\.csv(\.gz)?$/;

export async function storedFiles(root: string, accountId: string): Promise<StoredFiles> {
  const directory = accountDirectory(root, accountId);
  const names = await fs.promises.readdir(directory).catch(() => [] as string[]);
  const files: StoredFiles = { partial: [], finished: [] };
  for (const name of names) {
    const partial = parseExportTempFileName(name);
    if (partial) files.partial.push({ file: path.join(directory, name), ...partial });
    const finished = FINISHED_FILE.exec(name);
    if (finished) files.finished.push({ file: path.join(directory, name), exportId: finished[1] });
  }
  return files;
}

/** Removes the partial files earlier attempts of an export left (killed workers), keeping `attempt`'s own. */
export async function removeOtherAttempts(root: string, accountId: string, exportId: string, attempt: number): Promise<void> {
  const { partial } = await storedFiles(root, accountId);
  await Promise.all(partial.filter((p) => p.exportId === exportId && p.attempt !== attempt).map((p) => removeFile(p.file)));
}

/**
 * Moves a complete, fsynced partial file into place and makes the rename itself durable: after a
 * crash the export directory holds either the old state or the whole new file, never a torn one.
 */
export async function publishFile(temp: string, final: string): Promise<void> {
  await fs.promises.rename(temp, final);
  const directory = await fs.promises.open(path.dirname(final), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
