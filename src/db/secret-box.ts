import crypto from 'node:crypto';
import { readOrCreateKeyFile } from './key-file';

/** Where the AES-256 key of secrets at rest comes from: SCHEDULE_SECRETS_KEY, or else its key file in DATA_DIR. */
export interface SecretKeySource {
  secretsKey: string | undefined;
  secretsKeyFile: string;
}

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function secretsKey(source: SecretKeySource): Buffer {
  if (source.secretsKey) return Buffer.from(source.secretsKey, 'base64');
  const cached = keys.get(source.secretsKeyFile);
  if (cached) return cached;
  const file = source.secretsKeyFile;
  const key = Buffer.from(
    readOrCreateKeyFile(file, () => crypto.randomBytes(32).toString('base64')),
    'base64',
  );
  if (key.length !== 32) throw new Error(`${file} holds no usable key; it must be 32 bytes in base64`);
  keys.set(file, key);
  return key;
}

/**
 * AES-256-GCM, bound to its owner by the additional data (`binding`): a ciphertext copied onto
 * another row or account does not decrypt.
 */
export function sealText(source: SecretKeySource, binding: string, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', secretsKey(source), iv);
  cipher.setAAD(Buffer.from(binding));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

export function openText(source: SecretKeySource, binding: string, stored: string): string {
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== VERSION) throw new Error(`unknown secret format ${version}`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', secretsKey(source), Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}
