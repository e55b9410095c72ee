/**
 * The API's memory and start-up on a big ledger and on a smaller one: its resident set after it
 * answers /health and after its first command (a RecordConsent in the big study, which asks the
 * store for the study's clock, its head and the command id), and the times from spawn to both.
 */
import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../libs/event-store/src';
import { postJson, startApi, type Tokens } from './api-process';
import { BIG_STUDY } from './big-ledger';
import { copyToPostgres, copyToSqlite } from './ledger-copy';
import type { StoreUnderTest } from './store-under-test';

export interface ApiAtSize {
  readonly events: number;
  readonly rssStart: number;
  readonly rssFirst: number;
  readonly healthyMs: number;
  readonly firstAnswerMs: number;
  /** The first command's own round trip. */
  readonly firstCommandMs: number;
}

export interface LedgerResult {
  readonly small: ApiAtSize;
  readonly big: ApiAtSize;
  /** Seconds to build (SQLite: write; PostgreSQL: copy) the big ledger. */
  readonly buildSeconds: number;
  /** The big ledger stopped short of the size asked, for lack of time. */
  readonly capped: boolean;
}

interface ApiSetup {
  readonly principalsFile: string;
  readonly tokens: Tokens;
  readonly cpuProfDir?: string;
}

/** Starts the API on the ledger, waits for /health, runs one command, stops it. */
export const apiOnLedger = async (spec: string, api: ApiSetup, events: number): Promise<ApiAtSize> => {
  const child = await startApi({ store: spec, principalsFile: api.principalsFile, cpuProfDir: api.cpuProfDir });
  try {
    const rssStart = child.rss();
    const res = await postJson(`${child.url}/api/v1/commands`, api.tokens.coordinator, {
      commandId: `first-${events}`,
      type: 'RecordConsent',
      data: {
        studyId: BIG_STUDY,
        participantId: `first-${events}`,
        consentVersion: 'v1',
        signedOn: new Date().toISOString().slice(0, 10),
      },
    });
    const firstAnswerMs = performance.now() - child.spawnedAt;
    if (res.status !== 201) throw new Error(`the first command answered ${res.status}: ${JSON.stringify(res.body)}`);
    return {
      events,
      rssStart,
      rssFirst: child.rss(),
      healthyMs: child.healthyAfterMs,
      firstAnswerMs,
      firstCommandMs: res.ms,
    };
  } finally {
    await child.stop();
  }
};

/**
 * Both sizes on one store, from the ledger file `master` (built by buildLedger, `masterEvents`
 * events): SQLite measures a copy of its first `small` events and then the file itself;
 * PostgreSQL measures copies of both prefixes into databases of its own.
 */
export const ledgerOnStore = async <S extends EventStore>(
  sut: StoreUnderTest<S>,
  master: { path: string; events: number; seconds: number; capped: boolean },
  small: number,
  api: ApiSetup,
  seconds: number,
): Promise<LedgerResult> => {
  if (sut.kind === 'sqlite') {
    const smallSpec = await sut.fresh('ledger_small');
    const copied = await copyToSqlite(master.path, smallSpec.slice('sqlite:'.length), small);
    const atSmall = await apiOnLedger(smallSpec, api, copied);
    const atBig = await apiOnLedger(`sqlite:${master.path}`, api, master.events);
    return { small: atSmall, big: atBig, buildSeconds: master.seconds, capped: master.capped };
  }
  const open = (url: string) => sut.open(url);
  const smallSpec = await sut.fresh('ledger_small');
  const atSmall = await apiOnLedger(smallSpec, api, await copyToPostgres(master.path, smallSpec, small, open));
  const bigSpec = await sut.fresh('ledger_big');
  const t0 = performance.now();
  const copied = await copyToPostgres(master.path, bigSpec, master.events, open, t0 + seconds * 1000);
  const buildSeconds = (performance.now() - t0) / 1000;
  const atBig = await apiOnLedger(bigSpec, api, copied);
  return { small: atSmall, big: atBig, buildSeconds, capped: master.capped || copied < master.events };
};
