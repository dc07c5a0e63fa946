import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { prepareDemo } from '../../src/demo';
import { ScratchServer, asSuperuser, startScratchPostgres } from '../support/scratch-postgres';

/**
 * Issue 9: managed services hand out an owner with CREATEROLE that is not a superuser. Every boot
 * must work with it, not only the first (the second used to fail refreshing the runtime role).
 */
describe('booting with a CREATEROLE owner that is not a superuser', () => {
  let server: ScratchServer;
  let ownerUrl: string;

  beforeAll(async () => {
    server = await startScratchPostgres();
    await asSuperuser(server, [
      `CREATE ROLE managed_owner LOGIN PASSWORD 'owner-secret' CREATEROLE CREATEDB NOSUPERUSER NOBYPASSRLS`,
      `CREATE DATABASE reporting OWNER managed_owner`,
    ]);
    ownerUrl = `postgres://managed_owner:owner-secret@127.0.0.1:${server.port}/reporting`;
  }, 60_000);

  afterAll(async () => {
    await server.destroy();
  });

  it('migrates, creates the runtime role and boots again, three times', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl, APP_DB_PASSWORD: 'runtime-secret', APP_DATABASE_URL: '' });
    for (let boot = 1; boot <= 3; boot++) {
      const db = await openDatabase(config, () => undefined);
      try {
        const [role] = await db.runtime.query(
          `SELECT current_user AS name, rolsuper AS superuser, rolbypassrls AS bypassrls, pg_has_role(current_user, 'reporting_runtime', 'MEMBER') AS member
             FROM pg_roles WHERE rolname = current_user`,
        );
        expect(role).toEqual({ name: 'reporting_app', superuser: false, bypassrls: false, member: true });
        const [owner] = await db.owner.query(
          `SELECT current_user AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
        );
        expect(owner).toEqual({ name: 'managed_owner', superuser: false });
      } finally {
        await db.close();
      }
    }
  }, 120_000);

  it('seeds the demo with DEMO_API_KEY, and says so when DEMO_API_KEY is set after that', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl, APP_DB_PASSWORD: 'runtime-secret', APP_DATABASE_URL: '' });
    const db = await openDatabase(config, () => undefined);
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      expect(await prepareDemo(db, { ...config, demoApiKey: 'demo-first' }, logger)).toBe('demo-first');
      expect(await prepareDemo(db, { ...config, demoApiKey: 'demo-first' }, logger)).toBe('demo-first');
      expect(lines.filter((line) => line.includes('DEMO_API_KEY'))).toEqual([]);
      expect(await prepareDemo(db, { ...config, demoApiKey: 'demo-later' }, logger)).toBeUndefined();
      expect(lines.filter((line) => line.includes('DEMO_API_KEY')).map((line) => JSON.parse(line).level)).toEqual([40]);
    } finally {
      process.stdout.write = write;
      await db.close();
    }
  }, 120_000);
});
