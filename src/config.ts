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
  security: SecurityConfig;
  exports: ExportConfig;
  ingest: IngestConfig;
  pull: PullConfig;
  schedules: ScheduleConfig;
}

/** Scheduled exports: their runs on pg-boss's cron and their SFTP deliveries (README, Scheduled exports). */
export interface ScheduleConfig {
  /** AES-256 key (base64, 32 bytes) that encrypts SFTP passwords and private keys at rest; unset = one generated into `secretsKeyFile`. */
  secretsKey: string | undefined;
  secretsKeyFile: string;
  /** How often pg-boss looks for due cron slots (one process does, whichever gets there first). */
  cronMonitorIntervalSeconds: number;
  /** How often a worker picks up schedules that other processes created or removed. */
  refreshIntervalSeconds: number;
  /** How often a worker polls each schedule's queue for a due run. */
  pollIntervalSeconds: number;
  /** Lets SFTP deliveries reach loopback and private addresses (refused by default, like webhooks). */
  sftpAllowPrivate: boolean;
  /** Upload attempts per SFTP delivery, with exponential backoff between them. */
  sftpAttempts: number;
  /** Delay before the first retry of an SFTP delivery; each next one waits twice as long. */
  sftpRetryDelaySeconds: number;
  /** Timeout of connecting and of each SFTP operation. */
  sftpTimeoutSeconds: number;
}

/** The events API and its applier (README, Ingestion section). */
export interface IngestConfig {
  /** Most events one request may carry (413 BATCH_TOO_LARGE beyond). */
  maxEvents: number;
  /** Largest request body in bytes (413 BATCH_TOO_LARGE beyond). */
  maxBytes: number;
  /** Events that cost one rate-limit token: a batch spends ceil(events / this), at least 1. */
  eventsPerToken: number;
  /** How long an event whose references are unknown waits before it is rejected (UNRESOLVED_REFERENCE). */
  waitTimeoutSeconds: number;
  /** How often an account with waiting events is looked at again while nothing new arrives. */
  waitRecheckSeconds: number;
  /** Events one applier transaction takes from the log (the smallest round; a long backlog grows it). */
  applyBatchSize: number;
  /** The most events one round grows to while a backlog lasts. */
  applyMaxBatchSize: number;
  /** A round that took less than half this grows the next one (while a backlog lasts); one that took more shrinks it. */
  applyRoundBudgetMs: number;
  /** Transactions one job runs before it hands the rest of the account's log to a fresh job. */
  applyRoundsPerJob: number;
  /** Whether `npm start` (and `npm run worker`) run the applier. */
  runApplier: boolean;
  /** Accounts one worker process applies at the same time (one account is always applied in order). */
  applierConcurrency: number;
  /** After this long a silent applier job is retried (a killed worker's job). */
  jobExpireSeconds: number;
  pollIntervalMs: number;
  /** How often the applier's queue looks for expired jobs (a killed worker's). */
  maintenanceIntervalSeconds: number;
}

/** The pull endpoint for BI tools (README, Pull endpoint for BI). */
export interface PullConfig {
  /** Longest range one pull may read; longer ones are exports. */
  maxRangeDays: number;
  /** `statement_timeout` of the pull's COPY, which runs while the rows stream to the client. */
  statementTimeoutMs: number;
}

/** The limits every API request is held to (README, Security section). */
export interface SecurityConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Largest accepted request body: the document and its variables. */
  maxBodyBytes: number;
  /** Most nodes (objects and rows) one request may ask for, counted before it runs. */
  maxCost: number;
  /** Tokens a key's bucket regains per second: its sustained requests per second. */
  rateLimitPerSecond: number;
  /** Size of a key's bucket: how many requests it may send at once after idling. */
  rateLimitBurst: number;
  statementTimeoutMs: number;
  /** Requests one API key may have running at once in a process; the next is refused, not queued. */
  maxInFlightPerKey: number;
  /** Requests all keys of one account may have running at once in a process. */
  maxInFlightPerAccount: number;
  /** Longest a whole request may take, pool wait included; past it its running statement is cancelled. */
  requestTimeoutMs: number;
  /** Longest a request waits for a connection of the API's pool before it is refused with SERVICE_BUSY. */
  poolWaitMs: number;
  introspection: boolean;
  /** Browser origins allowed to call the API cross-origin; empty = none. */
  corsOrigins: string[];
}

/** CSV export jobs: storage, workers, download links and notifications (README, Exports section). */
export interface ExportConfig {
  /** Where finished files live; several machines running workers must share it. */
  dir: string;
  /** How long a finished file stays downloadable. */
  retentionHours: number;
  /** Whether `npm start` also runs the export worker in the API process. */
  runWorker: boolean;
  /** Exports one worker process runs at the same time. */
  workerConcurrency: number;
  /** Exports one account may have running at the same time, across all workers; the rest wait QUEUED. */
  accountConcurrency: number;
  /** Exports one account may have QUEUED at once; asking for more is refused with EXPORT_QUEUE_FULL. */
  accountMaxQueued: number;
  /** Attempts an export gets (a crash or kill counts as one) before it is FAILED. */
  maxAttempts: number;
  /**
   * How long an attempt may stay active before the queue hands the export to another worker: the
   * delay before a killed worker's export restarts, and the longest an export may run.
   */
  jobExpireSeconds: number;
  /** statement_timeout of the export query; below jobExpireSeconds so a slow query fails before it is taken over. */
  statementTimeoutSeconds: number;
  /** How often an idle worker asks the queue for work. */
  pollIntervalMs: number;
  /** How often a running export records its progress (and learns whether it was cancelled). */
  progressIntervalMs: number;
  /** How often the queue looks for expired attempts (and archives old jobs). */
  maintenanceIntervalSeconds: number;
  /** How often workers delete expired files and orphaned partial files. */
  sweepIntervalSeconds: number;
  /** HMAC key of download tokens; unset = a random key generated once into DATA_DIR. */
  tokenSecret: string | undefined;
  /** Lifetime of a download link. */
  tokenTtlSeconds: number;
  /** Public origin put in front of download links (e.g. https://reports.example.com); unset = relative links. */
  publicUrl: string | undefined;
  /** Lets notifyUrl reach loopback and private networks (refused by default against SSRF). */
  webhookAllowPrivate: boolean;
  /** Deliveries tried per notification, with exponential backoff between them. */
  webhookAttempts: number;
  webhookTimeoutSeconds: number;
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

/** A comma-separated list of exact origins such as `https://bi.example.com`. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = optional(env, name);
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    let origin: string | undefined;
    try {
      origin = new URL(value).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== value)
      throw new ConfigError(`${name} must list origins such as https://app.example.com (scheme, host, optional port), got "${value}"`);
    return value;
  });
}

/** An http(s) origin, optionally with a path prefix, without a trailing slash. */
function publicUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = optional(env, name);
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new ConfigError(`${name} must be an http(s) URL such as https://reports.example.com, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function exportConfig(env: NodeJS.ProcessEnv, dataDir: string): ExportConfig {
  const tokenSecret = optional(env, 'EXPORT_TOKEN_SECRET');
  if (tokenSecret !== undefined && tokenSecret.length < 32)
    throw new ConfigError('EXPORT_TOKEN_SECRET must be at least 32 characters long');
  const config: ExportConfig = {
    dir: path.resolve(optional(env, 'EXPORT_DIR') ?? path.join(dataDir, 'exports')),
    retentionHours: integer(env, 'EXPORT_RETENTION_HOURS', 48, 1, 24 * 366),
    runWorker: boolean(env, 'EXPORT_WORKER', true),
    workerConcurrency: integer(env, 'EXPORT_WORKER_CONCURRENCY', 2, 1, 64),
    accountConcurrency: integer(env, 'EXPORT_ACCOUNT_CONCURRENCY', 2, 1, 64),
    accountMaxQueued: integer(env, 'EXPORT_ACCOUNT_MAX_QUEUED', 20, 1, 10_000),
    maxAttempts: integer(env, 'EXPORT_MAX_ATTEMPTS', 3, 1, 20),
    jobExpireSeconds: integer(env, 'EXPORT_JOB_EXPIRE_SECONDS', 900, 2, 86_399),
    statementTimeoutSeconds: integer(env, 'EXPORT_STATEMENT_TIMEOUT_SECONDS', 600, 1, 86_398),
    pollIntervalMs: integer(env, 'EXPORT_POLL_INTERVAL_MS', 1000, 500, 60_000),
    progressIntervalMs: integer(env, 'EXPORT_PROGRESS_INTERVAL_MS', 1000, 50, 60_000),
    maintenanceIntervalSeconds: integer(env, 'EXPORT_MAINTENANCE_INTERVAL_SECONDS', 30, 1, 3600),
    sweepIntervalSeconds: integer(env, 'EXPORT_SWEEP_INTERVAL_SECONDS', 300, 1, 86_400),
    tokenSecret,
    tokenTtlSeconds: integer(env, 'EXPORT_TOKEN_TTL_SECONDS', 900, 10, 7 * 86_400),
    publicUrl: publicUrl(env, 'PUBLIC_URL'),
    webhookAllowPrivate: boolean(env, 'EXPORT_WEBHOOK_ALLOW_PRIVATE', false),
    webhookAttempts: integer(env, 'EXPORT_WEBHOOK_ATTEMPTS', 5, 1, 20),
    webhookTimeoutSeconds: integer(env, 'EXPORT_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 300),
  };
  if (config.statementTimeoutSeconds >= config.jobExpireSeconds) {
    throw new ConfigError(
      'EXPORT_STATEMENT_TIMEOUT_SECONDS must be below EXPORT_JOB_EXPIRE_SECONDS, or a slow export would be taken over while it still runs',
    );
  }
  return config;
}

function scheduleConfig(env: NodeJS.ProcessEnv, dataDir: string): ScheduleConfig {
  const secretsKey = optional(env, 'SCHEDULE_SECRETS_KEY');
  if (secretsKey !== undefined && Buffer.from(secretsKey, 'base64').length !== 32)
    throw new ConfigError('SCHEDULE_SECRETS_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  return {
    secretsKey,
    secretsKeyFile: path.join(dataDir, 'schedule-secrets.key'),
    cronMonitorIntervalSeconds: integer(env, 'SCHEDULE_CRON_MONITOR_SECONDS', 30, 1, 45),
    refreshIntervalSeconds: integer(env, 'SCHEDULE_REFRESH_SECONDS', 30, 1, 3600),
    pollIntervalSeconds: integer(env, 'SCHEDULE_POLL_SECONDS', 5, 1, 300),
    sftpAllowPrivate: boolean(env, 'SCHEDULE_SFTP_ALLOW_PRIVATE', false),
    sftpAttempts: integer(env, 'SCHEDULE_SFTP_ATTEMPTS', 5, 1, 20),
    sftpRetryDelaySeconds: integer(env, 'SCHEDULE_SFTP_RETRY_DELAY_SECONDS', 30, 1, 3600),
    sftpTimeoutSeconds: integer(env, 'SCHEDULE_SFTP_TIMEOUT_SECONDS', 20, 1, 600),
  };
}

function ingestConfig(env: NodeJS.ProcessEnv): IngestConfig {
  return {
    maxEvents: integer(env, 'INGEST_MAX_EVENTS', 5000, 1, 100_000),
    maxBytes: integer(env, 'INGEST_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    eventsPerToken: integer(env, 'INGEST_EVENTS_PER_TOKEN', 100, 1, 100_000),
    waitTimeoutSeconds: integer(env, 'INGEST_WAIT_TIMEOUT_SECONDS', 3600, 1, 30 * 86_400),
    waitRecheckSeconds: integer(env, 'INGEST_WAIT_RECHECK_SECONDS', 60, 1, 86_400),
    applyBatchSize: integer(env, 'INGEST_APPLY_BATCH_SIZE', 5000, 1, 100_000),
    applyMaxBatchSize: integer(env, 'INGEST_APPLY_MAX_BATCH_SIZE', 40_000, 1, 1_000_000),
    applyRoundBudgetMs: integer(env, 'INGEST_APPLY_ROUND_BUDGET_MS', 8000, 1, 600_000),
    applyRoundsPerJob: integer(env, 'INGEST_APPLY_ROUNDS_PER_JOB', 20, 1, 10_000),
    runApplier: boolean(env, 'INGEST_WORKER', true),
    applierConcurrency: integer(env, 'INGEST_WORKER_CONCURRENCY', 2, 1, 64),
    jobExpireSeconds: integer(env, 'INGEST_JOB_EXPIRE_SECONDS', 300, 2, 86_399),
    pollIntervalMs: integer(env, 'INGEST_POLL_INTERVAL_MS', 500, 500, 60_000),
    maintenanceIntervalSeconds: integer(env, 'INGEST_MAINTENANCE_INTERVAL_SECONDS', 30, 1, 3600),
  };
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
  const dataDir = path.resolve(optional(env, 'DATA_DIR') ?? '.data');
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: optional(env, 'HOST') ?? '127.0.0.1',
    databaseUrl,
    appDatabaseUrl,
    appDbUser: optional(env, 'APP_DB_USER') ?? 'reporting_app',
    appDbPassword: appDbPassword ?? (databaseUrl ? undefined : 'reporting_app_local'),
    dataDir,
    pgPort: integer(env, 'PG_PORT', 54329, 1, 65535),
    seedDemo: boolean(env, 'SEED_DEMO', true),
    demoApiKey: optional(env, 'DEMO_API_KEY'),
    logLevel: optional(env, 'LOG_LEVEL') ?? 'info',
    production: env.NODE_ENV === 'production',
    reportMaxRangeDays: integer(env, 'REPORT_MAX_RANGE_DAYS', 366, 1, 3660),
    security: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 10, 1, 100),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', 50, 0, 1000),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 2000, 100, 100_000),
      maxBodyBytes: integer(env, 'GRAPHQL_MAX_BODY_BYTES', 32 * 1024, 1024, 10 * 1024 * 1024),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 50_000, 1, 10_000_000),
      rateLimitPerSecond: integer(env, 'RATE_LIMIT_PER_SECOND', 50, 1, 100_000),
      rateLimitBurst: integer(env, 'RATE_LIMIT_BURST', 500, 1, 1_000_000),
      statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 10_000, 1, 3_600_000),
      maxInFlightPerKey: integer(env, 'REQUESTS_IN_FLIGHT_PER_KEY', 4, 1, 10_000),
      maxInFlightPerAccount: integer(env, 'REQUESTS_IN_FLIGHT_PER_ACCOUNT', 6, 1, 10_000),
      requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15_000, 1, 3_600_000),
      poolWaitMs: integer(env, 'DB_POOL_WAIT_MS', 3000, 1, 600_000),
      introspection: boolean(env, 'GRAPHQL_INTROSPECTION', true),
      corsOrigins: origins(env, 'CORS_ORIGINS'),
    },
    exports: exportConfig(env, dataDir),
    ingest: ingestConfig(env),
    pull: {
      maxRangeDays: integer(env, 'PULL_MAX_RANGE_DAYS', 31, 1, 3660),
      statementTimeoutMs: integer(env, 'PULL_STATEMENT_TIMEOUT_MS', 60_000, 1, 3_600_000),
    },
    schedules: scheduleConfig(env, dataDir),
  };
}
