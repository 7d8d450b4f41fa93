// Long synchronous work (initializing or training a large network) in steps, so that the event
// loop still runs now and then: signal handlers, progress output and timers stay responsive.

/** Yield to the event loop at most this often: often enough for signals, rarely enough to cost nothing. */
export const YIELD_EVERY_MS = 50;

/** Resolves after the event loop has handled what is pending (I/O, signals, timers). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The most calls a yielder lets pass between two readings of the clock: enough to make reading it
 * cost nothing beside the smallest training step, few enough that calls turning a thousand times
 * slower at once (they do not) would delay a yield by well under a second.
 */
const MAX_STRIDE = 64;

/**
 * A yielder: `await maybeYield()` yields when more than `everyMs` passed since the last yield.
 * Reading the clock costs about a twentieth of a training step of the smallest networks, so it
 * reads it every `stride` calls (up to MAX_STRIDE): the stride doubles while a stride of calls
 * takes under a millisecond and halves when it takes over four, so a yield comes at most a few
 * milliseconds late while calls keep their pace.
 */
export function createYielder(everyMs = YIELD_EVERY_MS): () => Promise<boolean> | false {
  let last = performance.now();
  let lastRead = last;
  let stride = 1;
  let calls = 0;
  return () => {
    if (++calls < stride) return false;
    calls = 0;
    const now = performance.now();
    const took = now - lastRead;
    lastRead = now;
    if (took < 1 && stride < MAX_STRIDE) stride *= 2;
    else if (took > 4 && stride > 1) stride /= 2;
    if (now - last <= everyMs) return false;
    return yieldToEventLoop().then(() => {
      last = lastRead = performance.now();
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
