/**
 * The webhook adapter against a local HTTP server: every URL gets the notification as JSON, an
 * endpoint that fails is retried with backoff until it succeeds, one that never does is given up
 * after its attempts (logged, never thrown), and every attempt is one JSON log line.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../json-log';
import { logNotifier, notifierFromEnv, webhookNotifier } from './notifier';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: unknown;
  readonly at: number;
}

const bodyOf = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

describe('webhook notifier', () => {
  const received: Received[] = [];
  /** How many more times each path answers 500 before 204. */
  const failures = new Map<string, number>();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      void bodyOf(req).then((text) => {
        const path = req.url ?? '/';
        received.push({ path, contentType: req.headers['content-type'], body: JSON.parse(text), at: Date.now() });
        const left = failures.get(path) ?? 0;
        if (path === '/never' || left > 0) {
          failures.set(path, left - 1);
          res.writeHead(500).end('no');
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    received.length = 0;
    failures.clear();
  });

  const notification = {
    kind: 'SafetyReportOverdue',
    studyId: 'S1',
    participantId: 'P1',
    adverseEventId: 'ae-1',
    recipient: 'irb',
    dueOn: '2024-03-16',
  };

  it('POSTs the JSON to every URL; an endpoint that fails is retried with backoff until it succeeds', async () => {
    const lines: { level: string; msg: string; extra: Record<string, unknown> }[] = [];
    const log: Log = (level, msg, extra = {}) => void lines.push({ level, msg, extra });
    failures.set('/flaky', 2);
    await webhookNotifier([`${base}/ok`, `${base}/flaky`], log, { backoffMs: 50 }).notify(notification);

    expect(received.filter((r) => r.path === '/ok')).toHaveLength(1);
    const flaky = received.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(3);
    for (const r of received) {
      expect(r.body).toEqual(notification);
      expect(r.contentType).toBe('application/json');
    }
    // Backoff: 50 ms, then 100 ms.
    expect((flaky[1]?.at ?? 0) - (flaky[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect((flaky[2]?.at ?? 0) - (flaky[1]?.at ?? 0)).toBeGreaterThanOrEqual(95);
    const flakyLines = lines.filter((l) => l.extra['url'] === `${base}/flaky`);
    expect(flakyLines.map((l) => [l.level, l.msg, l.extra['attempt'], l.extra['status']])).toEqual([
      ['warn', 'webhook attempt failed', 1, 500],
      ['warn', 'webhook attempt failed', 2, 500],
      ['info', 'webhook delivered', 3, 204],
    ]);
    expect(flakyLines[0]?.extra['retryInMs']).toBe(50);
  });

  it('gives up after its attempts without throwing, and says so; an unreachable URL is an attempt too', async () => {
    const lines: { level: string; msg: string; extra: Record<string, unknown> }[] = [];
    const log: Log = (level, msg, extra = {}) => void lines.push({ level, msg, extra });
    await expect(
      webhookNotifier([`${base}/never`, 'http://127.0.0.1:1/down'], log, { attempts: 3, backoffMs: 10 }).notify(
        notification,
      ),
    ).resolves.toBeUndefined();
    expect(received.filter((r) => r.path === '/never')).toHaveLength(3);
    expect(lines.filter((l) => l.extra['gaveUp'] === true).map((l) => l.extra['url'])).toEqual(
      expect.arrayContaining([`${base}/never`, 'http://127.0.0.1:1/down']),
    );
    expect(lines.filter((l) => l.extra['url'] === 'http://127.0.0.1:1/down')).toHaveLength(3);
  });

  it('each attempt is one JSON line on stderr', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    try {
      const { jsonLog } = await import('../json-log');
      failures.set('/once', 1);
      await webhookNotifier([`${base}/once`], jsonLog, { backoffMs: 10 }).notify(notification);
    } finally {
      spy.mockRestore();
    }
    expect(writes).toHaveLength(2);
    for (const w of writes) {
      expect(w.endsWith('\n')).toBe(true);
      expect(w.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(w)).toEqual(expect.objectContaining({ url: `${base}/once`, kind: 'SafetyReportOverdue' }));
    }
  });

  it('LEDGER_WEBHOOKS picks the webhooks (comma-separated); without it, notifications go to the log', async () => {
    const lines: unknown[] = [];
    const log: Log = (_l, msg, extra) => void lines.push({ msg, ...extra });
    await notifierFromEnv(log, { LEDGER_WEBHOOKS: ` ${base}/a , ${base}/b ` }).notify(notification);
    expect(received.map((r) => r.path).sort()).toEqual(['/a', '/b']);
    await notifierFromEnv(log, {}).notify(notification);
    await logNotifier(log).notify(notification);
    expect(lines.filter((l) => (l as { msg: string }).msg === 'notification')).toHaveLength(2);
  });
});
