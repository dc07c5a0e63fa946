import { Client } from 'pg';
import { Logger } from '../logger';
import { EXPORT_JOB_CHANNEL, parseExportJobChange } from './export-job-events';

const RECONNECT_MS = 1000;

type Listener = (exportId: string) => void;

/** What a subscriber learns: an export of its account changed, or the feed is back after a lost connection (changes may have been missed). */
export type FeedEvent = { kind: 'changed'; exportId: string } | { kind: 'resumed' };

/**
 * The API process's one LISTEN connection for export changes, from any process (the worker
 * announces in the transaction that makes the change), fanned out to the subscribers of the
 * changed export's account only. A subscriber hears ids, never rows: it re-reads each export under
 * its own key (`export-job-updates.ts`). While the connection is being re-made, changes are missed;
 * subscribers are told when it is back, so that they can re-read what they follow.
 */
export class ExportJobFeed {
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly enders = new Set<() => void>();
  private readonly reconnected = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'chat-reporting-export-feed' });
    this.client = client;
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      // Reported when the retry runs, so a loss caused by the process stopping (stop() cancels the retry) logs nothing.
      this.retry = setTimeout(() => {
        this.logger.warn({ err: error }, 'export feed lost its connection; reconnecting');
        void this.start().then(() => this.reconnected.forEach((resume) => resume()));
      }, RECONNECT_MS);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== EXPORT_JOB_CHANNEL) return;
      const change = parseExportJobChange(message.payload);
      if (change) this.listeners.get(change.accountId)?.forEach((listener) => listener(change.exportId));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EXPORT_JOB_CHANNEL}`);
    } catch (error) {
      lost(error);
    }
  }

  /** Subscribers currently connected (for tests and logs). */
  get size(): number {
    return this.enders.size;
  }

  /**
   * The changes of one account's exports as they commit, until `signal` aborts or the feed stops.
   * Registered at once, not at the first read, so nothing committed after this call is missed.
   */
  changes(accountId: string, signal: AbortSignal): AsyncIterableIterator<FeedEvent> {
    const queue: Array<FeedEvent | 'ended'> = [];
    let wake: (() => void) | undefined;
    const push = (event: FeedEvent | 'ended') => {
      queue.push(event);
      wake?.();
    };
    const listener: Listener = (exportId) => push({ kind: 'changed', exportId });
    const resumed = () => push({ kind: 'resumed' });
    const end = () => push('ended');
    const account = this.listeners.get(accountId) ?? new Set<Listener>();
    this.listeners.set(accountId, account);
    account.add(listener);
    this.enders.add(end);
    this.reconnected.add(resumed);
    signal.addEventListener('abort', end);
    if (this.stopped || signal.aborted) end();
    const release = () => {
      account.delete(listener);
      if (account.size === 0 && this.listeners.get(accountId) === account) this.listeners.delete(accountId);
      this.enders.delete(end);
      this.reconnected.delete(resumed);
      signal.removeEventListener('abort', end);
    };
    const done = (): IteratorResult<FeedEvent> => ({ done: true, value: undefined });
    // A plain iterator rather than a generator: a generator's `finally` never runs when it is
    // closed before its first read, and the listener would stay registered.
    return {
      async next() {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const event = queue.shift();
        if (event === undefined || event === 'ended') {
          release();
          queue.unshift('ended');
          return done();
        }
        return { done: false, value: event };
      },
      async return() {
        release();
        queue.unshift('ended');
        wake?.();
        return done();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * Ends every subscriber's stream and takes no new one, at once: the server calls it as it starts
   * draining, and a lost connection from then on is the shutdown's, not an outage.
   */
  endStreams(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.enders.forEach((end) => end());
  }

  /** Ends every subscriber's stream, then closes the connection. */
  async stop(): Promise<void> {
    this.endStreams();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
