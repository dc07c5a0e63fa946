import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { runtimeDataSource } from '../../src/db/data-sources';
import { assertRuntimeRoleIsSafe, UnsafeRuntimeRoleError } from '../../src/db/runtime-role';

describe('runtime role check at boot', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
  });

  afterAll(async () => {
    await db.close();
  });

  it('accepts the login role that is only a member of reporting_runtime', async () => {
    await expect(assertRuntimeRoleIsSafe(db.runtime)).resolves.toBeUndefined();
    const [{ user }] = await db.runtime.query('SELECT current_user AS user');
    expect(user).toBe('reporting_app');
  });

  it('refuses the role that owns the tables, naming why', async () => {
    const owner = runtimeDataSource(process.env.DATABASE_URL as string, 1);
    await owner.initialize();
    try {
      const attempt = assertRuntimeRoleIsSafe(owner);
      await expect(attempt).rejects.toThrow(UnsafeRuntimeRoleError);
      // The embedded server's owner is its superuser; the CI matrix's is a CREATEROLE role without either attribute.
      const [role] = await owner.query('SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
      const reasons = [role.rolsuper && 'it is a superuser', role.rolbypassrls && 'it has BYPASSRLS', 'owns .*conversations'].filter(
        Boolean,
      );
      await expect(attempt).rejects.toThrow(new RegExp(`"${role.name}".*${reasons.join('.*')}`));
    } finally {
      await owner.destroy();
    }
  });

  it('refuses to open the database when APP_DATABASE_URL names the owner', async () => {
    const config = loadConfig({ ...process.env, APP_DATABASE_URL: process.env.DATABASE_URL });
    await expect(openDatabase(config, () => undefined)).rejects.toThrow(/Refusing to serve/);
  });
});
