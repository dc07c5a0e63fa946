import path from 'node:path';

/** Every environment variable the service reads, read once here with its default. */
export interface Config {
  port: number;
  host: string;
  /** Owner connection (migrations, seeding, key management); unset = embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Runtime connection of the API; unset = the login role below on the same server. */
  appDatabaseUrl: string | undefined;
  appDbUser: string;
  appDbPassword: string | undefined;
  dataDir: string;
  pgPort: number;
  seedDemo: boolean;
  demoApiKey: string | undefined;
  logLevel: string;
  production: boolean;
  /** Longest date range a report filter may span. */
  reportMaxRangeDays: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = optional(env, 'DATABASE_URL');
  const appDatabaseUrl = optional(env, 'APP_DATABASE_URL');
  const appDbPassword = optional(env, 'APP_DB_PASSWORD');
  if (databaseUrl && !appDatabaseUrl && !appDbPassword) {
    throw new ConfigError(
      'With DATABASE_URL set, also set APP_DATABASE_URL (a login role that is a member of reporting_runtime) ' +
        'or APP_DB_PASSWORD (the password for the login role APP_DB_USER that the service creates).',
    );
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: optional(env, 'HOST') ?? '127.0.0.1',
    databaseUrl,
    appDatabaseUrl,
    appDbUser: optional(env, 'APP_DB_USER') ?? 'reporting_app',
    appDbPassword: appDbPassword ?? (databaseUrl ? undefined : 'reporting_app_local'),
    dataDir: path.resolve(optional(env, 'DATA_DIR') ?? '.data'),
    pgPort: integer(env, 'PG_PORT', 54329, 1, 65535),
    seedDemo: boolean(env, 'SEED_DEMO', true),
    demoApiKey: optional(env, 'DEMO_API_KEY'),
    logLevel: optional(env, 'LOG_LEVEL') ?? 'info',
    production: env.NODE_ENV === 'production',
    reportMaxRangeDays: integer(env, 'REPORT_MAX_RANGE_DAYS', 366, 1, 3660),
  };
}
