import { describeError, type SerializedHakiError } from '@haki/contracts';
/**
 * Retries `probe` until it stops throwing, then returns its value. Asynchronous systems settle
 * "eventually"; tests wait for the outcome instead of sleeping a fixed time.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`eventually: gave up after ${timeoutMs} ms. Last failure: ${reason}`);
}

/** The coded error (`describeError`) a promise rejects with, or undefined when it resolves: for asserting on a failure's code. */
export async function codedErrorOf(promise: Promise<unknown>): Promise<SerializedHakiError | undefined> {
  return describeError(
    await promise.then(
      () => undefined,
      (error: unknown) => error,
    ),
  );
}
