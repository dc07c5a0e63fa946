import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { decryptSecret } from '../../src/schedules/secrets';
import { ExportTestApp, startExportTestApp } from '../exports/support';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { makeKeyPair } from '../support/sshd';

const SCHEDULE_FIELDS = `id name report window timeZone cron paused nextRunAt columns createdByKeyId deletedAt
  filter { inboxIds channelTypes } options { locale delimiter bom gzip }
  delivery { downloadLink webhookUrl sftp { host port username authentication remoteDirectory fileNamePattern hostKeyFingerprint } }`;

interface ScheduleView {
  id: string;
  name: string;
  window: string;
  timeZone: string;
  cron: string;
  paused: boolean;
  nextRunAt: string | null;
  deletedAt: string | null;
  filter: { inboxIds: string[] | null };
  delivery: { downloadLink: boolean; webhookUrl: string | null; sftp: Record<string, unknown> | null };
}

describe('scheduled exports through the API', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  let foreign: TestAccount;
  let inbox: string;
  let foreignInbox: string;
  let clientKey: string;
  let keysDir: string;
  const keys = { analyst: '', readOnly: '' };

  beforeAll(async () => {
    app = await startExportTestApp({
      worker: false,
      configure: (config) => ({ ...config, schedules: { ...config.schedules, secretsKey: Buffer.alloc(32, 7).toString('base64') } }),
    });
    account = await createAccount(app.db, { name: 'Scheduled Co', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
    foreign = await createAccount(app.db, { name: 'Foreign Co' });
    [inbox] = await insertRows(app.db, account.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    [foreignInbox] = await insertRows(app.db, foreign.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const make = (role: 'admin' | 'analyst', readOnly: boolean) =>
      withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role, name: `${role} ${readOnly}`, readOnly }),
      );
    keys.analyst = (await make('analyst', false)).key;
    keys.readOnly = (await make('admin', true)).key;
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-keys-'));
    clientKey = makeKeyPair(keysDir, 'client').privateKey;
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  const base = () => ({
    name: 'Resolvidas de ontem',
    report: 'CONVERSATIONS_RESOLVED',
    window: 'PREVIOUS_DAY',
    cron: '0 6 * * *',
    filter: { inboxIds: [inbox] },
    delivery: {
      webhookUrl: 'http://127.0.0.1:9/hook',
      sftp: {
        host: '127.0.0.1',
        port: 2222,
        username: 'bi',
        privateKey: clientKey,
        remoteDirectory: '/drop',
        fileNamePattern: 'resolved_{from}.{ext}',
      },
    },
  });

  async function create(input: Record<string, unknown>, key = account.key) {
    return app.graphql<{ createExportSchedule: ScheduleView }>(
      `mutation($input: ExportScheduleInput!) { createExportSchedule(input: $input) { ${SCHEDULE_FIELDS} } }`,
      { key, variables: { input } },
    );
  }

  async function errorOf(response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) {
    expect(response.errors).toHaveLength(1);
    return response.errors?.[0].extensions;
  }

  const allowPrivate = (on: boolean) => {
    app.config.schedules.sftpAllowPrivate = on;
  };

  it('creates a schedule, keeps the SFTP key encrypted and never returns it, and audits every change', async () => {
    allowPrivate(true);
    const created = await create(base());
    expect(created.errors).toBeUndefined();
    const schedule = created.data?.createExportSchedule as ScheduleView;
    expect(schedule).toMatchObject({
      name: 'Resolvidas de ontem',
      window: 'PREVIOUS_DAY',
      timeZone: 'America/Sao_Paulo', // the account's zone, as none was given
      cron: '0 6 * * *',
      paused: false,
      filter: { inboxIds: [inbox] },
      delivery: {
        downloadLink: true,
        webhookUrl: 'http://127.0.0.1:9/hook',
        sftp: {
          host: '127.0.0.1',
          port: 2222,
          username: 'bi',
          authentication: 'PRIVATE_KEY',
          remoteDirectory: '/drop',
          fileNamePattern: 'resolved_{from}.{ext}',
          hostKeyFingerprint: null,
        },
      },
    });
    // 06:00 in São Paulo (UTC−3 all year) is 09:00Z, so the next slot is at 09:00Z today or tomorrow.
    const next = new Date(schedule.nextRunAt as string);
    expect(next.getUTCHours()).toBe(9);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);

    const [row] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query('SELECT sftp_secret FROM export_schedules WHERE id = $1', [schedule.id]),
    );
    expect(row.sftp_secret).not.toContain('PRIVATE KEY');
    expect(decryptSecret(app.config.schedules, { accountId: account.id, scheduleId: schedule.id }, row.sftp_secret)).toEqual({
      privateKey: clientKey,
    });
    // Bound to its schedule: the same ciphertext read as another schedule's does not decrypt.
    expect(() => decryptSecret(app.config.schedules, { accountId: account.id, scheduleId: foreignInbox }, row.sftp_secret)).toThrow();

    const introspection = await app.graphql<{ __type: { fields: Array<{ name: string }> } }>(
      '{ __type(name: "SftpDelivery") { fields { name } } }',
      { key: account.key },
    );
    const names = introspection.data?.__type.fields.map((f) => f.name);
    expect(names).not.toContain('privateKey');
    expect(names).not.toContain('password');

    const updated = await app.graphql<{ updateExportSchedule: ScheduleView }>(
      `mutation($id: ID!, $input: ExportScheduleInput!) { updateExportSchedule(id: $id, input: $input) { ${SCHEDULE_FIELDS} } }`,
      {
        key: account.key,
        variables: {
          id: schedule.id,
          input: { ...base(), name: 'Renamed', delivery: { sftp: { ...base().delivery.sftp, privateKey: null } } },
        },
      },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateExportSchedule).toMatchObject({
      name: 'Renamed',
      delivery: { webhookUrl: null, sftp: { authentication: 'PRIVATE_KEY' } },
    });
    const [kept] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query('SELECT sftp_secret FROM export_schedules WHERE id = $1', [schedule.id]),
    );
    expect(decryptSecret(app.config.schedules, { accountId: account.id, scheduleId: schedule.id }, kept.sftp_secret)).toEqual({
      privateKey: clientKey,
    });

    const pause = (paused: boolean) =>
      app.graphql<{ pauseExportSchedule: ScheduleView }>(
        `mutation($id: ID!, $p: Boolean!) { pauseExportSchedule(id: $id, paused: $p) { paused nextRunAt } }`,
        {
          key: account.key,
          variables: { id: schedule.id, p: paused },
        },
      );
    expect((await pause(true)).data?.pauseExportSchedule).toEqual({ paused: true, nextRunAt: null });
    expect((await pause(true)).data?.pauseExportSchedule).toEqual({ paused: true, nextRunAt: null }); // twice: no change, no event
    expect((await pause(false)).data?.pauseExportSchedule.paused).toBe(false);

    const run = await app.graphql<{
      runExportScheduleNow: { id: string; status: string; filter: { from: string; to: string; timeZone: string } };
    }>(`mutation($id: ID!) { runExportScheduleNow(id: $id) { id status filter { from to timeZone } } }`, {
      key: account.key,
      variables: { id: schedule.id },
    });
    expect(run.errors).toBeUndefined();
    const job = run.data?.runExportScheduleNow as { id: string; status: string; filter: { from: string; to: string; timeZone: string } };
    // PREVIOUS_DAY now in São Paulo (UTC−3): today there is the UTC date of now − 3 h; yesterday 00:00 local is 03:00Z of the day before.
    const today = new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${today}T00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(job.filter).toEqual({ from: `${yesterday}T03:00:00.000Z`, to: `${today}T03:00:00.000Z`, timeZone: 'America/Sao_Paulo' });

    const listed = await app.graphql<{
      exportJobs: {
        nodes: Array<{
          id: string;
          scheduledFor: string | null;
          schedule: { id: string; name: string };
          deliveries: Array<{ kind: string; status: string; attempts: number }>;
        }>;
      };
    }>(
      `query($s: ID!) { exportJobs(first: 10, scheduleId: $s) { nodes { id scheduledFor schedule { id name } deliveries { kind status attempts } } } }`,
      { key: account.key, variables: { s: schedule.id } },
    );
    expect(listed.data?.exportJobs.nodes).toEqual([
      {
        id: job.id,
        scheduledFor: null,
        schedule: { id: schedule.id, name: 'Renamed' },
        deliveries: [{ kind: 'SFTP', status: 'PENDING', attempts: 0 }],
      },
    ]);

    const deleted = await app.graphql<{ deleteExportSchedule: ScheduleView }>(
      `mutation($id: ID!) { deleteExportSchedule(id: $id) { deletedAt nextRunAt } }`,
      {
        key: account.key,
        variables: { id: schedule.id },
      },
    );
    expect(deleted.data?.deleteExportSchedule.deletedAt).not.toBeNull();
    const [gone] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query('SELECT sftp_secret FROM export_schedules WHERE id = $1', [schedule.id]),
    );
    expect(gone.sftp_secret).toBeNull();
    const list = await app.graphql<{ exportSchedules: { totalCount: number; nodes: Array<{ id: string }> } }>(
      '{ exportSchedules { totalCount nodes { id } } }',
      { key: account.key },
    );
    expect(list.data?.exportSchedules.nodes.map((n) => n.id)).not.toContain(schedule.id);
    // The run made before the deletion still names its schedule.
    const after = await app.graphql<{ exportJob: { schedule: { id: string; deletedAt: string | null } } }>(
      `query($id: ID!) { exportJob(id: $id) { schedule { id deletedAt } } }`,
      {
        key: account.key,
        variables: { id: job.id },
      },
    );
    expect(after.data?.exportJob.schedule.id).toBe(schedule.id);

    const events = await app.graphql<{
      auditEvents: { nodes: Array<{ action: string; scheduleId: string | null; exportId: string | null }> };
    }>('{ auditEvents(first: 20) { nodes { action scheduleId exportId } } }', { key: account.key });
    const mine = events.data?.auditEvents.nodes
      .filter((e) => e.scheduleId === schedule.id)
      .map((e) => e.action)
      .reverse();
    expect(mine).toEqual([
      'SCHEDULE_CREATED',
      'SCHEDULE_UPDATED',
      'SCHEDULE_PAUSED',
      'SCHEDULE_RESUMED',
      'SCHEDULE_RUN_REQUESTED',
      'SCHEDULE_DELETED',
    ]);
    expect(events.data?.auditEvents.nodes.find((e) => e.action === 'SCHEDULE_RUN_REQUESTED')?.exportId).toBe(job.id);
  });

  it.each([
    ['a cron with six fields', { cron: '0 0 6 * * *' }, 'input.cron'],
    ['a cron that cannot be', { cron: '61 6 * * *' }, 'input.cron'],
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 'input.timeZone'],
    ['unknown columns', { columns: ['conversationId', 'bogus'] }, 'input.columns'],
    ['another account inbox', { filter: { inboxIds: [null] } }, 'input.filter.inboxIds'],
    ['an empty name', { name: '' }, 'input.name'],
    ['an SFTP delivery without key or password', { delivery: { sftp: { host: '127.0.0.1', username: 'bi' } } }, 'input.delivery.sftp'],
    [
      'a private key that is not one',
      { delivery: { sftp: { host: '127.0.0.1', username: 'bi', privateKey: 'not a key' } } },
      'input.delivery.sftp.privateKey',
    ],
    [
      'both a key and a password',
      { delivery: { sftp: { host: '127.0.0.1', username: 'bi', privateKey: 'k', password: 'p' } } },
      'input.delivery.sftp',
    ],
    [
      'an unknown file-name placeholder',
      { delivery: { sftp: { host: '127.0.0.1', username: 'bi', password: 'p', fileNamePattern: '{report}_{day}.csv' } } },
      'input.delivery.sftp.fileNamePattern',
    ],
    [
      'a file name with a folder',
      { delivery: { sftp: { host: '127.0.0.1', username: 'bi', password: 'p', fileNamePattern: '../x.csv' } } },
      'input.delivery.sftp.fileNamePattern',
    ],
    [
      'a port out of range',
      { delivery: { sftp: { host: '127.0.0.1', port: 70000, username: 'bi', password: 'p' } } },
      'input.delivery.sftp.port',
    ],
    ['a host that is not a name', { delivery: { sftp: { host: 'bad host!', username: 'bi', password: 'p' } } }, 'input.delivery.sftp.host'],
    [
      'a malformed fingerprint',
      { delivery: { sftp: { host: '127.0.0.1', username: 'bi', password: 'p', hostKeyFingerprint: 'MD5:aa' } } },
      'input.delivery.sftp.hostKeyFingerprint',
    ],
    ['a webhook that is not http', { delivery: { webhookUrl: 'ftp://example.com/x' } }, 'input.delivery.webhookUrl'],
  ])('refuses %s with BAD_USER_INPUT on its field', async (_, change, field) => {
    allowPrivate(true);
    const input = { ...base(), ...change } as Record<string, unknown>;
    if (field === 'input.filter.inboxIds') input.filter = { inboxIds: [foreignInbox] };
    expect(await errorOf(await create(input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a private SFTP address unless SCHEDULE_SFTP_ALLOW_PRIVATE', async () => {
    allowPrivate(false);
    expect(await errorOf(await create(base()))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.delivery.sftp.host' });
    allowPrivate(true);
  });

  it('lets only admin keys that may write manage schedules, and only their own account', async () => {
    expect(await errorOf(await create(base(), keys.analyst))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(await create(base(), keys.readOnly))).toMatchObject({ code: 'FORBIDDEN' });
    const list = await app.graphql('{ exportSchedules { totalCount } }', { key: keys.analyst });
    expect(await errorOf(list)).toMatchObject({ code: 'FORBIDDEN' });
    const mine = (await create({ ...base(), delivery: null })).data?.createExportSchedule as ScheduleView;
    const foreignPause = await app.graphql(`mutation($id: ID!) { pauseExportSchedule(id: $id) { id } }`, {
      key: foreign.key,
      variables: { id: mine.id },
    });
    expect(await errorOf(foreignPause)).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await app.graphql(`mutation { runExportScheduleNow(id: "nope") { id } }`, { key: account.key });
    expect(await errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
