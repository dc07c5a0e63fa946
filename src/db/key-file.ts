import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The trimmed content of a key file, which `generate` makes once when it is missing, so a
 * single-machine install works out of the box. Processes on several machines must share the key
 * through the environment instead, or one could not read what another made.
 */
export function readOrCreateKeyFile(file: string, generate: () => string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: link() fails if another process got there first, and
    // nobody ever reads a half-written key.
    const draft = `${file}.${process.pid}.${crypto.randomUUID()}`;
    fs.writeFileSync(draft, generate(), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
