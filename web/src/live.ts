import { createClient } from 'graphql-sse';
import { STREAM_PATH, request } from './api';
import { ConsoleExportJobFragment, ConsoleExportJobUpdatedDocument, ConsoleExportJobsDocument } from './generated/graphql';

export const POLL_SECONDS = 5;

export type LiveMode = 'connecting' | 'stream' | 'polling';

export interface LiveUpdates {
  stop(): void;
}

/**
 * Follows the account's exports: `exportJobUpdated` over Server-Sent Events, pushed by the API as
 * soon as any worker records a change. Only when the stream cannot be had (refused, cut and not
 * re-established) does it fall back to reading the list every few seconds.
 */
export function followExports(
  key: string,
  onJob: (job: ConsoleExportJobFragment) => void,
  onList: (jobs: ConsoleExportJobFragment[]) => void,
  onMode: (mode: LiveMode) => void,
): LiveUpdates {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const client = createClient({
    url: STREAM_PATH,
    singleConnection: false,
    headers: () => ({ authorization: `Bearer ${key}` }),
    // A few tries over some seconds (graphql-sse waits longer each time), then the list is polled.
    retryAttempts: 2,
  });
  const poll = async () => {
    if (stopped) return;
    try {
      onList((await request(key, ConsoleExportJobsDocument)).exportJobs.nodes);
    } catch {
      // The next round tries again; the list on screen stays as it was.
    }
    if (!stopped) timer = setTimeout(poll, POLL_SECONDS * 1000);
  };
  const fallBack = () => {
    if (stopped || timer) return;
    onMode('polling');
    void poll();
  };
  onMode('connecting');
  const dispose = client.subscribe<{ exportJobUpdated: ConsoleExportJobFragment }>(
    { query: ConsoleExportJobUpdatedDocument.toString() },
    {
      next: (result) => {
        if (result.data) onJob(result.data.exportJobUpdated);
      },
      error: fallBack,
      complete: fallBack,
    },
    {
      connected: (reconnected) => {
        onMode('stream');
        // Changes made while the connection was down were not pushed: read the list once.
        if (reconnected)
          void request(key, ConsoleExportJobsDocument).then(
            (page) => onList(page.exportJobs.nodes),
            () => undefined,
          );
      },
    },
  );
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      dispose();
      client.dispose();
    },
  };
}
