import { catalog } from '../../src/catalog';
import { exportFileName, exportTempFileName, parseExportTempFileName } from '../../src/catalog/naming';
import { ConfigError, loadConfig } from '../../src/config';
import { csvLine } from '../../src/exports/csv-file';
import { signDownloadToken, verifyDownloadToken } from '../../src/exports/download-token';
import { checkWebhookUrl } from '../../src/exports/webhook-address';
import { compileCopy, ResolvedFilter } from '../../src/reports/compiler';

const SECRET = 'unit-test-secret-0123456789abcdefghij';

describe('download tokens', () => {
  const claims = { exportId: '7b0c8a52-8f3e-4f0e-9d0e-0d6c1e9d2a11', accountId: '12', keyId: '34' };
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('carry the export, account and key until they expire', () => {
    const token = signDownloadToken(SECRET, claims, 900, now);
    expect(verifyDownloadToken(SECRET, token, now + 899_000)).toEqual({ ok: true, claims: { ...claims, expiresAt: now / 1000 + 900 } });
    expect(verifyDownloadToken(SECRET, token, now + 900_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when tampered with or signed with another secret', () => {
    const token = signDownloadToken(SECRET, claims, 900, now);
    const [payload, signature] = token.split('.');
    const otherAccount = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"12"', '"13"')).toString('base64url');
    for (const bad of [
      `${otherAccount}.${signature}`,
      `${payload}.${signature.slice(1)}`,
      payload,
      '',
      `${token}.x`,
      signDownloadToken(`${SECRET}!`, claims, 900, now),
    ]) {
      expect(verifyDownloadToken(SECRET, bad, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('notify URLs', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://10.0.0.5/hook',
    'http://172.20.1.1/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    // IPv6 forms that embed a loopback or link-local IPv4 address (issue 16).
    'http://[::7f00:1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[::ffff:0:7f00:1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[64:ff9b:1::a9fe:a9fe]/hook',
    'http://[2002:7f00:1::1]/hook',
    'http://[2002:a9fe:a9fe::1]/hook',
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook',
    // Documentation, benchmarking and other reserved ranges.
    'http://192.0.2.10/hook',
    'http://198.51.100.7/hook',
    'http://203.0.113.9/hook',
    'http://198.18.0.1/hook',
    'http://[2001:db8::1]/hook',
    'http://255.255.255.255/hook',
    'http://0x7f000001/hook',
    'http://2130706433/hook',
  ])('refuses %s unless private addresses are allowed', (url) => {
    expect(checkWebhookUrl(url, false)).toEqual({ ok: false, reason: 'points at a loopback or private address' });
    expect(checkWebhookUrl(url, true).ok).toBe(true);
  });

  it('takes public http(s) URLs only, without credentials', () => {
    expect(checkWebhookUrl('https://hooks.example.com/exports?x=1', false).ok).toBe(true);
    expect(checkWebhookUrl('http://93.184.215.14/hook', false).ok).toBe(true);
    expect(checkWebhookUrl('http://[2606:4700:4700::1111]/hook', false).ok).toBe(true);
    // An IPv6 form of a public IPv4 address is as public as the address itself.
    expect(checkWebhookUrl('http://[::ffff:5db8:d70e]/hook', false).ok).toBe(true);
    expect(checkWebhookUrl('http://[2002:5db8:d70e::1]/hook', false).ok).toBe(true);
    expect(checkWebhookUrl('ftp://example.com/x', true)).toEqual({ ok: false, reason: 'must be an http or https URL' });
    expect(checkWebhookUrl('javascript:alert(1)', true)).toEqual({ ok: false, reason: 'must be an http or https URL' });
    expect(checkWebhookUrl('https://user:secret@example.com/', true)).toEqual({ ok: false, reason: 'must not carry credentials' });
    expect(checkWebhookUrl('not a url', true)).toEqual({ ok: false, reason: 'is not a URL' });
  });
});

describe('export names', () => {
  it('name files after the report, the local range and the zone', () => {
    expect(exportFileName('messages', '2026-03-10T0000', '2026-03-11T0000', 'America/Sao_Paulo', false)).toBe(
      'messages_2026-03-10_2026-03-11_America-Sao_Paulo.csv',
    );
    expect(exportFileName('chat_summary', '2026-03-10T0830', '2026-03-10T1700', 'Etc/GMT+3', true)).toBe(
      'chat_summary_2026-03-10T0830_2026-03-10T1700_Etc-GMT+3.csv.gz',
    );
  });

  it('tell partial files apart by attempt', () => {
    const id = '7b0c8a52-8f3e-4f0e-9d0e-0d6c1e9d2a11';
    expect(parseExportTempFileName(exportTempFileName(id, 3))).toEqual({ exportId: id, attempt: 3 });
    expect(parseExportTempFileName(`${id}.csv`)).toBeNull();
  });
});

describe('CSV header lines', () => {
  it('quote what COPY would quote', () => {
    expect(csvLine(['ID da mensagem', 'Médio', 'a;b', 'say "hi"', 'two\nlines', ''], ';')).toBe(
      'ID da mensagem;Médio;"a;b";"say ""hi""";"two\nlines";""\n',
    );
    expect(csvLine(['a;b', 'c,d'], ',')).toBe('a;b,"c,d"\n');
  });
});

describe('COPY statements', () => {
  const report = catalog.find((r) => r.key === 'messages')!;
  const filter: ResolvedFilter = {
    from: new Date('2026-03-10T03:00:00Z'),
    to: new Date('2026-03-11T03:00:00Z'),
    timeZone: "America/Sao_Paulo'; DROP TABLE messages; --",
    asOf: new Date('2026-03-12T00:00:00Z'),
    inboxIds: ['1', '2'],
    channelTypes: ["whatsapp'"],
    teamIds: null,
    agentIds: null,
  };

  it('carry the filter as escaped literals, no placeholders', () => {
    const copy = compileCopy(report, filter, { fields: ['messageId', 'content'], locale: 'en', delimiter: ';' });
    expect(copy).not.toMatch(/\$[0-9]/);
    expect(copy).toContain(`'America/Sao_Paulo''; DROP TABLE messages; --'::text`);
    expect(copy).toContain(`ARRAY['whatsapp''']::text[]`);
    expect(copy).toContain('ARRAY[1, 2]::bigint[]');
    expect(copy).toMatch(/TO STDOUT WITH \(FORMAT csv, HEADER false, DELIMITER ';'\)$/);
  });

  it('refuse ids that are not numbers', () => {
    expect(() =>
      compileCopy(report, { ...filter, agentIds: ['1 OR true'] }, { fields: ['messageId'], locale: 'en', delimiter: ',' }),
    ).toThrow('not numeric');
  });
});

describe('export settings', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/db', APP_DB_PASSWORD: 'pw' };

  it('default to two running exports per account and 48 h of retention', () => {
    const { exports } = loadConfig(base);
    expect(exports).toMatchObject({
      accountConcurrency: 2,
      accountMaxQueued: 20,
      workerConcurrency: 2,
      retentionHours: 48,
      runWorker: true,
      webhookAllowPrivate: false,
      tokenSecret: undefined,
    });
  });

  it('refuse a statement timeout that outlasts the job expiry, and short token secrets', () => {
    expect(() => loadConfig({ ...base, EXPORT_JOB_EXPIRE_SECONDS: '60', EXPORT_STATEMENT_TIMEOUT_SECONDS: '60' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, EXPORT_TOKEN_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'ftp://x' })).toThrow(ConfigError);
  });
});
