import crypto from 'node:crypto';
import path from 'node:path';
import { Config } from '../config';
import { readOrCreateKeyFile } from '../db/key-file';

const TOKEN_SECRET_FILE = 'export-token.secret';

/**
 * EXPORT_TOKEN_SECRET when set; otherwise a random key made once and kept in DATA_DIR, so links
 * survive restarts of a single-machine install. Processes on several machines must share
 * EXPORT_TOKEN_SECRET, or a link made by one would not open on another.
 */
export function loadTokenSecret(config: Config): string {
  if (config.exports.tokenSecret) return config.exports.tokenSecret;
  const file = path.join(config.dataDir, TOKEN_SECRET_FILE);
  const secret = readOrCreateKeyFile(file, () => crypto.randomBytes(32).toString('base64url'));
  if (secret.length < 32) throw new Error(`${file} holds no usable key; delete it to have a new one generated`);
  return secret;
}
