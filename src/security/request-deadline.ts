import { Connection } from 'pg';

/** What PostgreSQL needs to cancel a backend's running statement: where it listens and the backend's key. */
interface Backend {
  host: string;
  port: number;
  processID: number;
  secretKey: number;
}

/** pg's protocol connection as used here (its type declarations omit these two methods). */
interface CancelConnection {
  connect(port: number | string, host?: string): void;
  cancel(processID: number, secretKey: number): void;
  on(event: 'connect' | 'end' | 'error', listener: (...args: unknown[]) => void): void;
  end(): void;
}

/**
 * Sends PostgreSQL's cancel request for the backend's running statement over a connection of its
 * own (the protocol's CancelRequest: no login, no pooled connection), so a request can be cut
 * short even when the pool is exhausted. A backend that runs nothing ignores it.
 */
export function cancelRunningStatement(backend: Backend): void {
  const connection = new Connection() as unknown as CancelConnection;
  connection.on('error', () => undefined);
  connection.on('connect', () => connection.cancel(backend.processID, backend.secretKey));
  if (backend.host.startsWith('/')) connection.connect(`${backend.host}/.s.PGSQL.${backend.port}`);
  else connection.connect(backend.port, backend.host);
}

/**
 * A deadline for a whole request. statement_timeout bounds each statement, but a request may run
 * many; when the deadline passes, `onExpire` runs once (it cancels the running statement) and
 * `expired` stays true so no further statement starts.
 */
export class RequestDeadline {
  private timer: NodeJS.Timeout | undefined;
  expired = false;

  constructor(
    readonly timeoutMs: number,
    onExpire: () => void,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      onExpire();
    }, timeoutMs);
    this.timer.unref();
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
