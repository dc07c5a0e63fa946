import { Client } from 'pg';
import { Logger } from '../logger';
import { REVOCATION_CHANNEL } from './api-keys';

const RECONNECT_MS = 1000;

/**
 * Hears every revocation, from any process, on PostgreSQL's LISTEN/NOTIFY (the revoking
 * transaction notifies the key's hash when it commits) and passes the hash on. It lets a process
 * refuse a revoked key's requests with 401 without a database round trip, which matters for a key
 * already at its cap of requests in flight: those are refused before authentication. Without this
 * connection (while it reconnects) nothing is less safe: every admitted request still looks the key up.
 */
export class RevocationListener {
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onRevoked: (keyHash: string) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'chat-reporting-revocations' });
    this.client = client;
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      // Reported when the retry runs, so a loss caused by the process stopping (stop() cancels the retry) logs nothing.
      this.retry = setTimeout(() => {
        this.logger.warn({ err: error }, 'revocation listener lost its connection; reconnecting');
        void this.start().catch((failure: unknown) => lost(failure));
      }, RECONNECT_MS);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === REVOCATION_CHANNEL && message.payload) this.onRevoked(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOCATION_CHANNEL}`);
    } catch (error) {
      lost(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
