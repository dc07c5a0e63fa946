/**
 * Polls `check` until it returns something other than undefined, and returns that. Tests wait on
 * the event they need (a row's state, a delivery, a refilled bucket) rather than for a fixed
 * time, so they are as fast as the machine and fail with a message when the event never comes.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
