import { ScheduleConfig } from '../config';
import { openText, sealText } from '../db/secret-box';

/** What an SFTP delivery logs in with; kept only encrypted. */
export interface SftpSecret {
  privateKey?: string;
  passphrase?: string;
  password?: string;
}

/** Bound to the schedule: a ciphertext copied onto another schedule or account does not decrypt. */
const binding = (owner: { accountId: string; scheduleId: string }): string => `${owner.accountId}:${owner.scheduleId}`;

export function encryptSecret(config: ScheduleConfig, owner: { accountId: string; scheduleId: string }, secret: SftpSecret): string {
  return sealText(config, binding(owner), JSON.stringify(secret));
}

export function decryptSecret(config: ScheduleConfig, owner: { accountId: string; scheduleId: string }, stored: string): SftpSecret {
  return JSON.parse(openText(config, binding(owner), stored)) as SftpSecret;
}
