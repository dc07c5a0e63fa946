import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowedActions, setAllowedActions } from './audit-actions';
import { RUNTIME_GROUP_ROLE, enableTenantIsolation } from './tenancy';

const SCHEDULE_ACTIONS = [
  'schedule_created',
  'schedule_updated',
  'schedule_paused',
  'schedule_resumed',
  'schedule_deleted',
  'schedule_run_requested',
];

/**
 * Scheduled exports: each schedule makes ordinary export jobs (which name it), and every delivery
 * of a job (SFTP upload, webhook) records its outcome. A deleted schedule keeps its row, without
 * its secret, so the exports it made still say where they came from. The runtime role may never
 * delete a schedule or a delivery.
 */
export class ExportSchedules1769300000000 implements MigrationInterface {
  name = 'ExportSchedules1769300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_schedules (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_by_key_id bigint NOT NULL,
        report text NOT NULL,
        time_window text NOT NULL CHECK (time_window IN
          ('PREVIOUS_HOUR', 'PREVIOUS_DAY', 'PREVIOUS_7_DAYS', 'PREVIOUS_WEEK', 'PREVIOUS_MONTH', 'MONTH_TO_DATE')),
        time_zone text NOT NULL,
        filter jsonb NOT NULL,
        columns text[] NOT NULL CHECK (cardinality(columns) > 0),
        locale text NOT NULL CHECK (locale IN ('en', 'pt-BR')),
        delimiter text NOT NULL CHECK (delimiter IN ('comma', 'semicolon', 'tab')),
        bom boolean NOT NULL,
        gzip boolean NOT NULL,
        cron text NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        active_since timestamptz NOT NULL DEFAULT now(),
        webhook_url text,
        sftp jsonb,
        sftp_secret text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        PRIMARY KEY (account_id, id),
        FOREIGN KEY (account_id, created_by_key_id) REFERENCES api_keys(account_id, id),
        CHECK (sftp IS NOT NULL OR sftp_secret IS NULL)
      )`);
    await q.query('CREATE INDEX ON export_schedules (account_id, created_at, id) WHERE deleted_at IS NULL');

    await q.query('ALTER TABLE export_jobs ADD COLUMN schedule_id uuid, ADD COLUMN schedule_slot timestamptz');
    await q.query(
      'ALTER TABLE export_jobs ADD CONSTRAINT export_jobs_schedule_fkey FOREIGN KEY (account_id, schedule_id) REFERENCES export_schedules(account_id, id)',
    );
    await q.query('CREATE INDEX ON export_jobs (account_id, schedule_id, created_at, id) WHERE schedule_id IS NOT NULL');

    await q.query(`
      CREATE TABLE export_deliveries (
        account_id bigint NOT NULL,
        export_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sftp', 'webhook')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'retrying', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        target text,
        error_code text,
        error_message text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        PRIMARY KEY (account_id, export_id, kind),
        FOREIGN KEY (account_id, export_id) REFERENCES export_jobs(account_id, id) ON DELETE CASCADE
      )`);

    await q.query('ALTER TABLE audit_events ADD COLUMN schedule_id uuid');
    await q.query(
      'ALTER TABLE audit_events ADD CONSTRAINT audit_events_schedule_fkey FOREIGN KEY (account_id, schedule_id) REFERENCES export_schedules(account_id, id)',
    );
    await setAllowedActions(q, [...(await allowedActions(q)), ...SCHEDULE_ACTIONS]);

    for (const table of ['export_schedules', 'export_deliveries']) await enableTenantIsolation(q, table, 'account_id');
    await q.query(`GRANT SELECT, INSERT ON export_schedules, export_deliveries TO ${RUNTIME_GROUP_ROLE}`);
    await q.query(`
      GRANT UPDATE (name, report, time_window, time_zone, filter, columns, locale, delimiter, bom, gzip, cron, paused, active_since,
                    webhook_url, sftp, sftp_secret, updated_at, deleted_at)
        ON export_schedules TO ${RUNTIME_GROUP_ROLE}`);
    await q.query(
      `GRANT UPDATE (status, attempts, target, error_code, error_message, updated_at, delivered_at) ON export_deliveries TO ${RUNTIME_GROUP_ROLE}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_events WHERE action = ANY($1)`, [SCHEDULE_ACTIONS]);
    await setAllowedActions(
      q,
      (await allowedActions(q)).filter((action) => !SCHEDULE_ACTIONS.includes(action)),
    );
    await q.query('ALTER TABLE audit_events DROP COLUMN schedule_id');
    await q.query('DROP TABLE IF EXISTS export_deliveries');
    await q.query('ALTER TABLE export_jobs DROP COLUMN schedule_id, DROP COLUMN schedule_slot');
    await q.query('DROP TABLE IF EXISTS export_schedules');
  }
}
