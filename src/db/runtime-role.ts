import { DataSource } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from '../../migrations/tenancy';

export class UnsafeRuntimeRoleError extends Error {}

/**
 * Creates (or refreshes) the API's login role as a plain member of the runtime group, so that
 * it can never bypass Row Level Security: not superuser, not BYPASSRLS, owner of nothing.
 * A refresh names only the attributes that are wrong: PostgreSQL refuses SUPERUSER and BYPASSRLS
 * in any ALTER ROLE by an owner that is not a superuser (managed services' CREATEROLE owners),
 * even to say NOSUPERUSER of a role that already is not one.
 */
export async function ensureRuntimeLogin(owner: DataSource, user: string, password: string): Promise<void> {
  // Processes that start together (an API and its workers) would otherwise alter the role at once:
  // PostgreSQL refuses the second with "tuple concurrently updated".
  await owner.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('runtime-login-role'))`);
    const [existing] = await manager.query('SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1', [
      user,
    ]);
    const attributes = existing
      ? [
          existing.rolsuper && 'NOSUPERUSER',
          existing.rolbypassrls && 'NOBYPASSRLS',
          existing.rolcreatedb && 'NOCREATEDB',
          existing.rolcreaterole && 'NOCREATEROLE',
        ]
          .filter(Boolean)
          .join(' ')
      : 'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE';
    const verb = existing ? 'ALTER' : 'CREATE';
    const [{ sql }] = await manager.query(
      `SELECT format('${verb} ROLE %I WITH LOGIN PASSWORD %L ${attributes}', $1::text, $2::text) AS sql`,
      [user, password],
    );
    await manager.query(sql);
    const [{ member }] = await manager.query(`SELECT pg_has_role($1, '${RUNTIME_GROUP_ROLE}', 'MEMBER') AS member`, [user]);
    if (member) return;
    const [{ grant }] = await manager.query(`SELECT format('GRANT ${RUNTIME_GROUP_ROLE} TO %I', $1::text) AS grant`, [user]);
    await manager.query(grant);
  });
}

/** Builds the runtime connection string from the owner's by swapping in the login role. */
export function runtimeUrlFrom(ownerUrl: string, user: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * Refuses a runtime role that Row Level Security would not bind: a superuser, a BYPASSRLS role,
 * or one that owns (or inherits the privileges of the owner of) a tenant table.
 */
export async function assertRuntimeRoleIsSafe(runtime: DataSource): Promise<void> {
  const [role] = await runtime.query(`
    WITH tenant_tables AS (
      SELECT c.relname, c.relowner, c.relrowsecurity, c.relforcerowsecurity
        FROM pg_class c
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
         AND (c.relname = 'accounts' OR EXISTS (
           SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'account_id' AND NOT a.attisdropped)))
    SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
           (SELECT string_agg(relname, ', ' ORDER BY relname) FROM tenant_tables
             WHERE pg_has_role(current_user, relowner, 'USAGE')) AS owned,
           (SELECT string_agg(relname, ', ' ORDER BY relname) FROM tenant_tables
             WHERE NOT (relrowsecurity AND relforcerowsecurity)) AS unprotected
      FROM pg_roles r WHERE r.rolname = current_user`);
  const problems: string[] = [];
  if (role.superuser) problems.push('it is a superuser');
  if (role.bypassrls) problems.push('it has BYPASSRLS');
  if (role.owned) problems.push(`it owns (or inherits the owner of) tenant tables: ${role.owned}`);
  if (role.unprotected) problems.push(`tenant tables without forced Row Level Security: ${role.unprotected}`);
  if (problems.length > 0) {
    throw new UnsafeRuntimeRoleError(
      `Refusing to serve: the runtime database role "${role.name}" would not be bound by tenant isolation (${problems.join('; ')}). ` +
        `Connect the API as a login role that is only a member of ${RUNTIME_GROUP_ROLE}.`,
    );
  }
}
