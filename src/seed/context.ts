import type { QueryRunner } from 'typeorm';
import type { AccountProfile } from './accounts';
import type { SqlRandom } from './random';

/** What every generator of one account's rows needs: its transaction (tenant already bound) and its draws. */
export interface SeedContext {
  runner: QueryRunner;
  accountId: string;
  profile: AccountProfile;
  now: Date;
  random: SqlRandom;
}
