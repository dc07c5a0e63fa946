import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ScheduleConfig } from '../config';

/** What an SFTP delivery logs in with; kept only encrypted. */
export interface SftpSecret {
  privateKey?: string;
  passphrase?: string;
  password?: string;
}

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

/**
 * SCHEDULE_SECRETS_KEY when set; otherwise a key made once in DATA_DIR (like the download-link
 * key), so a single-machine install works out of the box. Processes on several machines must
 * share SCHEDULE_SECRETS_KEY, or one could not read what another stored.
 */
function secretsKey(config: ScheduleConfig): Buffer {
  if (config.secretsKey) return Buffer.from(config.secretsKey, 'base64');
  const cached = keys.get(config.secretsKeyFile);
  if (cached) return cached;
  const file = config.secretsKeyFile;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: link() fails if another process got there first.
    const draft = `${file}.${process.pid}.${crypto.randomUUID()}`;
    fs.writeFileSync(draft, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} holds no usable key; it must be 32 bytes in base64`);
  keys.set(file, key);
  return key;
}

/**
 * AES-256-GCM, bound to the schedule by the additional data: a ciphertext copied onto another
 * schedule or account does not decrypt.
 */
export function encryptSecret(config: ScheduleConfig, owner: { accountId: string; scheduleId: string }, secret: SftpSecret): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', secretsKey(config), iv);
  cipher.setAAD(Buffer.from(`${owner.accountId}:${owner.scheduleId}`));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

export function decryptSecret(config: ScheduleConfig, owner: { accountId: string; scheduleId: string }, stored: string): SftpSecret {
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== VERSION) throw new Error(`unknown secret format ${version}`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', secretsKey(config), Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(`${owner.accountId}:${owner.scheduleId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8')) as SftpSecret;
}
