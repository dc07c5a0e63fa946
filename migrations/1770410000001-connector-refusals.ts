import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, enableTenantIsolation } from './tenancy';

/**
 * Webhook deliveries refused for their tenant's load (429), counted per connector and reason. The
 * API adds up its refusals in memory and writes each count every few seconds, so a flood of
 * deliveries costs a write per interval rather than one per request.
 */
export class ConnectorRefusals1770410000001 implements MigrationInterface {
  name = 'ConnectorRefusals1770410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connector_refusals (
        account_id bigint NOT NULL,
        connector_id bigint NOT NULL,
        reason text NOT NULL CHECK (reason IN ('RATE_LIMIT', 'IN_FLIGHT_PER_CONNECTOR', 'IN_FLIGHT_PER_ACCOUNT')),
        count bigint NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, connector_id, reason),
        FOREIGN KEY (account_id, connector_id) REFERENCES connectors(account_id, id) ON DELETE CASCADE
      )`);
    await enableTenantIsolation(q, 'connector_refusals', 'account_id');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON connector_refusals TO ${RUNTIME_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE connector_refusals');
  }
}
