import { DataSource, EntityManager } from 'typeorm';

/**
 * The zone names PostgreSQL accepts, read from `pg_timezone_names` once per data source: that
 * view scans the server's zone files (~9 ms per read), more than many report statements, and
 * its contents change only when the server's tzdata does, i.e. with a server restart.
 */
const knownZones = new WeakMap<DataSource, Promise<ReadonlySet<string>>>();

async function loadZones(manager: EntityManager): Promise<ReadonlySet<string>> {
  const rows: Array<{ name: string }> = await manager.query('SELECT name FROM pg_timezone_names');
  return new Set(rows.map((row) => row.name));
}

/** Whether PostgreSQL knows `timeZone` by that exact name (case-sensitive, as `pg_timezone_names` compares). */
export async function isKnownTimeZone(manager: EntityManager, timeZone: string): Promise<boolean> {
  const source = manager.connection;
  const cached = knownZones.get(source);
  if (cached) {
    try {
      return (await cached).has(timeZone);
    } catch {
      // Another request's read failed (its deadline, its connection): read again on this one's.
    }
  }
  const zones = loadZones(manager);
  knownZones.set(source, zones);
  // A failed read must not stay cached for the process's lifetime.
  zones.catch(() => {
    if (knownZones.get(source) === zones) knownZones.delete(source);
  });
  return (await zones).has(timeZone);
}
