/** A client of `/graphql/stream` that keeps every event it reads, for tests. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

export interface EventStream {
  status: number;
  contentType: string | null;
  events: StreamEvent[];
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  /** Waits until an event satisfies `test`; rejects if the stream ends first or after `timeoutMs`. */
  until(test: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

export async function openEventStream(
  baseUrl: string,
  key: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<EventStream | { status: number; body: unknown }> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/graphql/stream`, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
    return { status: response.status, body: await response.json() };
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          const event = lines
            .find((line) => line.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .find((line) => line.startsWith('data:'))
            ?.slice(5)
            .trim();
          if (event) events.push({ event, data: data ? JSON.parse(data) : null });
          waiters.forEach((wake) => wake());
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      done = true;
      waiters.forEach((wake) => wake());
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    ended,
    async until(test, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(test);
        if (found) return found;
        if (done) throw new Error(`the stream ended without the event; it sent ${JSON.stringify(events)}`);
        if (Date.now() > deadline) throw new Error(`no such event within ${timeoutMs} ms; the stream sent ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}

export function isStream(opened: EventStream | { status: number; body: unknown }): opened is EventStream {
  return 'events' in opened;
}
