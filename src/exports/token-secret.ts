import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '../config';

const TOKEN_SECRET_FILE = 'export-token.secret';

/**
 * EXPORT_TOKEN_SECRET when set; otherwise a random key made once and kept in DATA_DIR, so links
 * survive restarts of a single-machine install. Processes on several machines must share
 * EXPORT_TOKEN_SECRET, or a link made by one would not open on another.
 */
export function loadTokenSecret(config: Config): string {
  if (config.exports.tokenSecret) return config.exports.tokenSecret;
  const file = path.join(config.dataDir, TOKEN_SECRET_FILE);
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: link() fails if another process got there first, and
    // nobody ever reads a half-written key.
    const draft = `${file}.${process.pid}.${crypto.randomUUID()}`;
    fs.writeFileSync(draft, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable key; delete it to have a new one generated`);
  return secret;
}
