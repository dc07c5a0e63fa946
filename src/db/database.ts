import { DataSource } from 'typeorm';
import { Config } from '../config';
import { startEmbeddedPostgres, EmbeddedServer } from './embedded';
import { ownerDataSource, runtimeDataSource } from './data-sources';
import { surfaceLostConnectionsOf } from './outage';
import { assertRuntimeRoleIsSafe, ensureRuntimeLogin, runtimeUrlFrom } from './runtime-role';

export interface Database {
  owner: DataSource;
  runtime: DataSource;
  close(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL unless DATABASE_URL names one, applies pending migrations as the
 * owner, then opens the runtime pool and refuses to go on if that role could bypass tenant
 * isolation. The processes that use the job queue install it themselves (`installJobQueue`).
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void,
  options: { createEmbedded?: boolean } = {},
): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  const ownerUrl =
    config.databaseUrl ??
    (embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, log, { create: options.createEmbedded ?? true })).url;
  const owner = ownerDataSource(ownerUrl);
  let runtime: DataSource | undefined;
  try {
    await owner.initialize();
    surfaceLostConnectionsOf(owner);
    await owner.runMigrations();
    let runtimeUrl = config.appDatabaseUrl;
    if (!runtimeUrl) {
      const password = config.appDbPassword as string;
      await ensureRuntimeLogin(owner, config.appDbUser, password);
      runtimeUrl = runtimeUrlFrom(ownerUrl, config.appDbUser, password);
    }
    runtime = runtimeDataSource(runtimeUrl, undefined, { poolWaitMs: config.security.poolWaitMs });
    await runtime.initialize();
    surfaceLostConnectionsOf(runtime);
    await assertRuntimeRoleIsSafe(runtime);
  } catch (error) {
    if (runtime?.isInitialized) await runtime.destroy();
    if (owner.isInitialized) await owner.destroy();
    await embedded?.stop();
    throw error;
  }
  const runtimeSource = runtime;
  return {
    owner,
    runtime: runtimeSource,
    async close() {
      await runtimeSource.destroy();
      await owner.destroy();
      await embedded?.stop();
    },
  };
}
