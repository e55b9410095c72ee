/**
 * Where the safety desk's notifications go: a port with two adapters. The log adapter (the
 * default) writes each notification as a JSON line; the webhook adapter (`LEDGER_WEBHOOKS`,
 * comma-separated URLs) POSTs it as JSON to every URL, retried with exponential backoff, each
 * attempt logged as one JSON line. A notification that every attempt failed to deliver is logged
 * and dropped: the alert it announces was recorded in the ledger before, and stays there.
 */
import { errorText, type Log } from '../json-log';

/** `{ kind, studyId, participantId, ... }` (safety.md). */
export interface Notification {
  readonly kind: string;
  readonly studyId: string;
  readonly participantId: string;
  readonly [field: string]: unknown;
}

export interface Notifier {
  /** Resolves once every delivery succeeded or gave up; never rejects. */
  notify(n: Notification): Promise<void>;
}

export const logNotifier = (log: Log): Notifier => ({
  notify: (n) => {
    log('info', 'notification', { notification: n });
    return Promise.resolve();
  },
});

export interface WebhookOptions {
  /** Attempts per URL (default 5). */
  readonly attempts?: number;
  /** The first retry's wait; each next one doubles (default 1 s). */
  readonly backoffMs?: number;
  /** One attempt's limit (default 10 s). */
  readonly timeoutMs?: number;
  /** Stops retrying (on worker stop). */
  readonly signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The URL without credentials or query, for logs. */
const shown = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
};

export const webhookNotifier = (urls: readonly string[], log: Log, options: WebhookOptions = {}): Notifier => {
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deliver = async (url: string, n: Notification): Promise<void> => {
    const body = JSON.stringify(n);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const started = Date.now();
      let outcome: { ok: boolean; status?: number; error?: string };
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        outcome = { ok: res.ok, status: res.status };
      } catch (e) {
        outcome = { ok: false, error: errorText(e) };
      }
      const last = outcome.ok || attempt === attempts || options.signal?.aborted === true;
      const retryInMs = last ? undefined : backoffMs * 2 ** (attempt - 1);
      log(outcome.ok ? 'info' : last ? 'error' : 'warn', outcome.ok ? 'webhook delivered' : 'webhook attempt failed', {
        url: shown(url),
        kind: n.kind,
        attempt,
        ...(outcome.status !== undefined && { status: outcome.status }),
        ...(outcome.error !== undefined && { error: outcome.error }),
        ms: Date.now() - started,
        ...(retryInMs !== undefined && { retryInMs }),
        ...(!outcome.ok && last && { gaveUp: true }),
      });
      if (last) return;
      await sleep(retryInMs as number, options.signal);
    }
  };
  return { notify: async (n) => void (await Promise.all(urls.map((u) => deliver(u, n)))) };
};

/** LEDGER_WEBHOOKS set: the webhooks; else the log. */
export const notifierFromEnv = (log: Log, env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Notifier => {
  const urls = (env['LEDGER_WEBHOOKS'] ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  return urls.length === 0 ? logNotifier(log) : webhookNotifier(urls, log, { ...(signal && { signal }) });
};
