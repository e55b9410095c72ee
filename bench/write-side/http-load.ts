/**
 * HTTP load with autocannon (programmatic, in this process): commands that are each a distinct
 * valid command, GETs of a fixed path, and the floor of what Node's own http server answers on
 * this machine with the same client.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, tracked } from './api-process';

export interface Load {
  readonly perSec: number;
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Status codes other than 2xx, with their counts (for the reader when non2xx > 0). */
  readonly otherStatuses: string;
}

const summarise = (r: autocannon.Result): Load => ({
  perSec: r.requests.total / r.duration,
  total: r.requests.total,
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  otherStatuses: Object.entries(r.statusCodeStats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' '),
});

/**
 * POST /api/v1/commands for `seconds` from `connections` clients, each request a RecordConsent
 * of a participant never seen before (and a commandId of its own), on a registered study.
 */
export const loadCommands = async (options: {
  readonly url: string;
  readonly token: string;
  readonly studyId: string;
  readonly connections: number;
  readonly seconds: number;
  /** Makes this run's participant and command ids unique across runs on the same ledger. */
  readonly tag: string;
}): Promise<Load> => {
  let n = 0;
  const signedOn = new Date().toISOString().slice(0, 10);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/commands',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        setupRequest: (request) => {
          const i = ++n;
          request.body = JSON.stringify({
            commandId: `bench-${options.tag}-${i}`,
            type: 'RecordConsent',
            data: {
              studyId: options.studyId,
              participantId: `${options.tag}-${i}`,
              consentVersion: 'v1',
              signedOn,
            },
          });
          return request;
        },
      },
    ],
  });
  return summarise(result);
};

export const loadGet = async (url: string, connections: number, seconds: number): Promise<Load> =>
  summarise(await autocannon({ url, connections, duration: seconds }));

/**
 * The same GET against a bare `http.createServer` in a child process that answers /health's body:
 * the most this client, this Node and this machine allow, whatever the API does.
 */
export const bareHttpFloor = async (connections: number, seconds: number): Promise<Load> => {
  const port = await freePort();
  const body = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });
  const server = tracked(
    spawn(
      process.execPath,
      [
        '-e',
        `require('node:http').createServer((req, res) => {
         res.setHeader('content-type', 'application/json; charset=utf-8');
         res.end(${JSON.stringify(body)});
       }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout?.once('data', () => resolve());
      server.once('exit', (code) => reject(new Error(`the bare http server exited (${code})`)));
    });
    await sleep(100);
    return await loadGet(`http://127.0.0.1:${port}/health`, connections, seconds);
  } finally {
    server.kill('SIGTERM');
  }
};
