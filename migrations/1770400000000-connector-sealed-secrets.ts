import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '../src/config';
import { SecretKeySource, openText, sealText } from '../src/db/secret-box';
import { RUNTIME_GROUP_ROLE } from './tenancy';

type Row = { account_id: string; id: string; secret: string };

/** The binding connector.store.ts seals and opens with; the two must stay equal. */
const binding = (row: Pick<Row, 'account_id' | 'id'>): string => `connector:${row.account_id}:${row.id}`;

/** The service's key, read only when a row is moved: a fresh install needs none yet (nor a complete configuration). */
const secretKeys = (): SecretKeySource => loadConfig(process.env).schedules;

/**
 * Connectors' signing secrets at rest: encrypted with the key of the schedules' SFTP secrets
 * (SCHEDULE_SECRETS_KEY or its key file in DATA_DIR, read from the environment as the service
 * reads it), and the plaintext column dropped. Every account's rows are rewritten, so Row Level
 * Security is lifted from the table for the statement (as the id-floor migration does).
 */
export class ConnectorSealedSecrets1770400000000 implements MigrationInterface {
  name = 'ConnectorSealedSecrets1770400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE connectors ADD COLUMN signing_secret_sealed text');
    await q.query('ALTER TABLE connectors NO FORCE ROW LEVEL SECURITY');
    const rows: Row[] = await q.query(
      'SELECT account_id::text, id::text, signing_secret AS secret FROM connectors WHERE signing_secret IS NOT NULL',
    );
    for (const row of rows) {
      await q.query('UPDATE connectors SET signing_secret_sealed = $3 WHERE account_id = $1 AND id = $2', [
        row.account_id,
        row.id,
        sealText(secretKeys(), binding(row), row.secret),
      ]);
    }
    await q.query('ALTER TABLE connectors FORCE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE connectors DROP COLUMN signing_secret');
    await q.query(`GRANT UPDATE (signing_secret_sealed) ON connectors TO ${RUNTIME_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE connectors ADD COLUMN signing_secret text');
    await q.query(`GRANT INSERT (signing_secret) ON connectors TO ${RUNTIME_GROUP_ROLE}`);
    await q.query('ALTER TABLE connectors NO FORCE ROW LEVEL SECURITY');
    const rows: Row[] = await q.query(
      'SELECT account_id::text, id::text, signing_secret_sealed AS secret FROM connectors WHERE signing_secret_sealed IS NOT NULL',
    );
    for (const row of rows) {
      await q.query('UPDATE connectors SET signing_secret = $3 WHERE account_id = $1 AND id = $2', [
        row.account_id,
        row.id,
        openText(secretKeys(), binding(row), row.secret),
      ]);
    }
    await q.query('ALTER TABLE connectors FORCE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE connectors DROP COLUMN signing_secret_sealed');
  }
}
