import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_TOKEN_SECRET } from './support';

const ROOT = path.resolve(__dirname, '../..');

export interface ChildWorker {
  process: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * `npm run worker` as a child process on the run's database. Started as `node --import tsx` rather
 * than through the tsx launcher, which would put a second process between the test and the worker
 * and keep the worker alive after a SIGKILL of the launcher.
 */
export async function startChildWorker(exportDir: string, dataDir: string, env: Record<string, string> = {}): Promise<ChildWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      EXPORT_DIR: exportDir,
      EXPORT_TOKEN_SECRET: TEST_TOKEN_SECRET,
      EXPORT_POLL_INTERVAL_MS: '500',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('export worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the worker exited with ${code}:\n${output}`)));
  });
  return { process: child, exited };
}

/** Kills the worker unless it has already ended, and waits for its exit. */
export async function stopChildWorker(worker: ChildWorker): Promise<void> {
  if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGKILL');
  await worker.exited;
}
