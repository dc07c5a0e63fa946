import { DataSource, Logger } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from '../entities';

/** The tables' owner: runs migrations, seeds demo data and manages API keys. */
export function ownerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 4 },
  });
}

export interface RuntimeOptions {
  /** Called with every SQL statement sent, so tests can count the statements a request costs. */
  onStatement?: (sql: string) => void;
  /** Longest wait for a free connection before pg-pool gives up (DB_POOL_WAIT_MS); unset = no bound. */
  poolWaitMs?: number;
}

/** The API's login role: subject to Row Level Security on every tenant table. */
export function runtimeDataSource(url: string, poolSize = 10, options: RuntimeOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    synchronize: false,
    logging: false,
    ...(options.onStatement ? { logger: statementListener(options.onStatement) } : {}),
    extra: {
      max: poolSize,
      application_name: 'chat-reporting-api',
      ...(options.poolWaitMs ? { connectionTimeoutMillis: options.poolWaitMs } : {}),
    },
  });
}

// TypeORM hands every statement to its logger whatever `logging` says; only logQuery matters here.
function statementListener(onStatement: (sql: string) => void): Logger {
  const ignore = () => undefined;
  return {
    logQuery: (sql) => onStatement(sql),
    logQueryError: ignore,
    logQuerySlow: ignore,
    logSchemaBuild: ignore,
    logMigration: ignore,
    log: ignore,
  };
}
