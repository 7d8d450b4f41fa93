// Opens a page in headless Chromium and drives it over the DevTools protocol on a pipe
// (--remote-debugging-pipe: no port, nothing reachable from outside), to take screenshots and
// read what the page logged. Used by the report tests and by the script that makes the README's
// picture of a report.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';

/** Where Chromium is: $CHROMIUM, or Debian's /usr/bin/chromium, or null. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => Boolean(c));
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export interface PageVisit {
  /** A PNG of the whole page. */
  png: Buffer;
  /** Console errors, uncaught exceptions and error log entries (failed loads among them). */
  errors: string[];
  /** Values of the expressions asked for, evaluated in the page after it loaded. */
  values: unknown[];
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

/**
 * Loads `file` at `width` CSS pixels, waits for the load event, evaluates `expressions` (their
 * values are returned by value), and screenshots the full page.
 */
export async function visitPage(file: string, options: { width?: number; expressions?: string[]; timeoutMs?: number } = {}): Promise<PageVisit> {
  const executable = findChromium();
  if (!executable) throw new Error('chromium not found');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnfc-chromium-'));
  const child = spawn(
    executable,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  child.stderr!.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    return await drive(child, file, options.width ?? 1300, options.expressions ?? []);
  } finally {
    clearTimeout(timer);
    // Browser.close ends it; wait for that (it may still be writing to its profile), then make sure
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      const grace = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(grace);
    }
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

async function drive(child: ChildProcess, file: string, width: number, expressions: string[]): Promise<PageVisit> {
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const listeners: ((m: Message) => void)[] = [];
  const errors: string[] = [];
  let buffered = '';
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`chromium exited (${signal ?? code}) before the page was read`))));
  exited.catch(() => {});
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end)) as Message;
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const p = pending.get(message.id)!;
        pending.delete(message.id);
        if (message.error) p.reject(new Error(message.error.message));
        else p.resolve(message.result ?? {});
      } else listeners.forEach((l) => l(message));
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
      }),
      exited,
    ]);
  const event = (method: string, sessionId: string) =>
    Promise.race([
      new Promise<Message>((resolve) => {
        const listener = (m: Message) => {
          if (m.method === method && m.sessionId === sessionId) {
            listeners.splice(listeners.indexOf(listener), 1);
            resolve(m);
          }
        };
        listeners.push(listener);
      }),
      exited,
    ]);
  listeners.push((m) => {
    const p = m.params ?? {};
    if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
      errors.push(`console.${String(p.type)}: ${JSON.stringify((p.args as { value?: unknown }[]).map((a) => a.value))}`);
    } else if (m.method === 'Runtime.exceptionThrown') {
      errors.push(`exception: ${JSON.stringify((p.exceptionDetails as { text?: string }).text)}`);
    } else if (m.method === 'Log.entryAdded') {
      const entry = p.entry as { level: string; text: string; url?: string };
      if (entry.level === 'error') errors.push(`log: ${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
    }
  });

  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  for (const domain of ['Page', 'Runtime', 'Log']) await send(`${domain}.enable`, {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = event('Page.loadEventFired', sessionId);
  const navigation = await send('Page.navigate', { url: pathToFileURL(path.resolve(file)).href }, sessionId);
  if (navigation.errorText) throw new Error(`cannot open ${file}: ${String(navigation.errorText)}`);
  await loaded;
  const values: unknown[] = [];
  for (const expression of expressions) {
    const r = (await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as { result: { value?: unknown }; exceptionDetails?: unknown };
    if (r.exceptionDetails) throw new Error(`evaluating ${expression}: ${JSON.stringify(r.exceptionDetails)}`);
    values.push(r.result.value);
  }
  const metrics = (await send('Page.getLayoutMetrics', {}, sessionId)) as { cssContentSize: { width: number; height: number } };
  const height = Math.ceil(metrics.cssContentSize.height);
  await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  const shot = (await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } }, sessionId)) as { data: string };
  await send('Browser.close').catch(() => {});
  return { png: Buffer.from(shot.data, 'base64'), errors, values };
}
