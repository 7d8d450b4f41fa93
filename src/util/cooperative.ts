// Long synchronous work (initializing or training a large network) in steps, so that the event
// loop still runs now and then: signal handlers, progress output and timers stay responsive.

/** Yield to the event loop at most this often: often enough for signals, rarely enough to cost nothing. */
export const YIELD_EVERY_MS = 50;

/** Resolves after the event loop has handled what is pending (I/O, signals, timers). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A yielder: `await maybeYield()` yields when more than YIELD_EVERY_MS passed since the last yield. */
export function createYielder(everyMs = YIELD_EVERY_MS): () => Promise<boolean> | false {
  let last = performance.now();
  return () => {
    if (performance.now() - last <= everyMs) return false;
    return yieldToEventLoop().then(() => {
      last = performance.now();
      return true;
    });
  };
}

/** Runs a generator of steps to its end at once and returns its result. */
export function runInSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a generator of steps, yielding to the event loop between steps whenever more than
 * YIELD_EVERY_MS passed, and calling `afterYield` (which may throw to stop) after each yield.
 */
export async function runYielding<T>(steps: Generator<void, T>, afterYield?: () => void): Promise<T> {
  const maybeYield = createYielder();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const yielded = maybeYield();
    if (yielded && (await yielded)) {
      try {
        afterYield?.();
      } catch (e) {
        steps.return(undefined as T);
        throw e;
      }
    }
  }
}
