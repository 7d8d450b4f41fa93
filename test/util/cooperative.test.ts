// The yielder on a fake clock: it reads the clock rarely when calls come fast, at every call when
// they are slow, and yields once everyMs has passed, a stride of calls late at most.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createYielder } from '../../src/util/cooperative.js';

/** Runs `body` with performance.now() reading a fake clock; returns how often it was read. */
async function withFakeClock(body: (advance: (ms: number) => void) => Promise<void>): Promise<number> {
  let now = 1000;
  let reads = 0;
  const perf = performance as unknown as { now: () => number };
  perf.now = () => {
    reads++;
    return now;
  };
  try {
    await body((ms) => {
      now += ms;
    });
  } finally {
    delete (perf as { now?: unknown }).now;
  }
  return reads;
}

test('yielder: fast calls read the clock about once per 64 and still yield when everyMs has passed', async () => {
  let yields = 0;
  let lateness = 0;
  const reads = await withFakeClock(async (advance) => {
    const maybeYield = createYielder(50);
    let sinceYield = 0;
    for (let call = 0; call < 200_000; call++) {
      advance(0.0005); // 0.5 µs per call: 100 ms in all
      sinceYield += 0.0005;
      const pause = maybeYield();
      if (pause) {
        assert.equal(await pause, true);
        yields++;
        lateness = Math.max(lateness, sinceYield - 50);
        sinceYield = 0;
      }
    }
  });
  assert.equal(yields, 1, 'one yield in 100 ms with everyMs 50 (the second is due at 100 ms)');
  assert.ok(lateness <= 1, `the yield came ${lateness} ms late`);
  assert.ok(reads < 200_000 / 50, `the clock was read ${reads} times in 200000 calls`);
});

test('yielder: slow calls read the clock every time and yield at the first call past everyMs', async () => {
  const yieldsAt: number[] = [];
  const reads = await withFakeClock(async (advance) => {
    const maybeYield = createYielder(50);
    for (let call = 1; call <= 20; call++) {
      advance(10);
      const pause = maybeYield();
      if (pause && (await pause)) yieldsAt.push(call);
    }
  });
  assert.deepEqual(yieldsAt, [6, 12, 18]);
  // every call reads it once, each yield once more, and the yielder once at its start
  assert.equal(reads, 1 + 20 + yieldsAt.length);
});

test('yielder: calls that slow down bring the stride back down', async () => {
  const yieldsAt: number[] = [];
  await withFakeClock(async (advance) => {
    const maybeYield = createYielder(50);
    for (let call = 0; call < 10_000; call++) {
      advance(0.001);
      maybeYield(); // no yield: 10 ms in all
    }
    for (let call = 1; call <= 200; call++) {
      advance(1); // now 1 ms per call: the stride of 64 reached above is 64 ms
      const pause = maybeYield();
      if (pause && (await pause)) yieldsAt.push(call);
    }
  });
  assert.ok(yieldsAt.length >= 3, `yields at calls ${yieldsAt.join(', ')}`);
  assert.ok(yieldsAt[0]! <= 64, `the first yield came at call ${yieldsAt[0]} (50 ms is call 40)`);
  // by then the stride is back to a few calls: the later yields come about every 50 calls
  for (let i = 1; i < yieldsAt.length; i++) assert.ok(yieldsAt[i]! - yieldsAt[i - 1]! <= 60, `yields at calls ${yieldsAt.join(', ')}`);
});
