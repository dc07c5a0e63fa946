/** pg-pool's error when `connectionTimeoutMillis` (DB_POOL_WAIT_MS) passes before a connection is free. */
const POOL_WAIT_TIMEOUT = /timeout exceeded when trying to connect/i;

/** Whether the error only says that no pooled connection came free in time: the service is busy, nothing failed. */
export function isPoolWaitTimeout(error: unknown): boolean {
  return error instanceof Error && POOL_WAIT_TIMEOUT.test(error.message);
}
