/**
 * Throughput on one store: the import as the CLI runs it, the raw appends of the very events it
 * stored (its floor), and the real API under load.
 */
import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../libs/event-store/src';
import { CommandPipeline, importLines } from '../../libs/ledger/src';
import { postJson, startApi, type Tokens } from './api-process';
import { loadCommands, loadGet, type Load } from './http-load';
import type { RawAppend, StoreUnderTest } from './store-under-test';

export interface Rate {
  readonly events: number;
  readonly perSec: number;
}

/** importLines + CommandPipeline + store.inBatch, as `ledger import` does; answers the stored events too. */
export const importCohort = async <S extends EventStore>(sut: StoreUnderTest<S>, lines: readonly string[]) => {
  const store = await sut.open(await sut.fresh('import'));
  try {
    const pipeline = new CommandPipeline(store, { now: () => new Date() });
    const t0 = performance.now();
    const summary = await importLines(lines, pipeline, {
      batch: (work) => store.inBatch(work),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (summary.rejected > 0)
      throw new Error(`the synthetic cohort had rejected lines: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    return { commands: summary.accepted, events: await store.readAllEvents(), seconds };
  } finally {
    await store.close();
  }
};

/** One durable transaction per event, for the events (in log order) that fit in `maxSeconds`. */
export const perEventAppends = async <S extends EventStore>(
  sut: StoreUnderTest<S>,
  appends: readonly RawAppend[],
  maxSeconds: number,
): Promise<Rate> => {
  const store = await sut.open(await sut.fresh('per_event'));
  try {
    const t0 = performance.now();
    const stop = t0 + maxSeconds * 1000;
    let n = 0;
    for (const a of appends) {
      await sut.append(store, a);
      n++;
      if ((n & 15) === 0 && performance.now() > stop) break;
    }
    return { events: n, perSec: n / ((performance.now() - t0) / 1000) };
  } finally {
    await store.close();
  }
};

/** 500 appends per transaction (the store's inBatch), for the whole batches that fit in `maxSeconds`. */
export const batchedAppends = async <S extends EventStore>(
  sut: StoreUnderTest<S>,
  appends: readonly RawAppend[],
  maxSeconds: number,
): Promise<Rate> => {
  const store = await sut.open(await sut.fresh('batched'));
  try {
    const t0 = performance.now();
    const stop = t0 + maxSeconds * 1000;
    let n = 0;
    while (n < appends.length && performance.now() < stop) {
      const batch = appends.slice(n, n + 500);
      await store.inBatch(async () => {
        for (const a of batch) await sut.append(store, a);
      });
      n += batch.length;
    }
    return { events: n, perSec: n / ((performance.now() - t0) / 1000) };
  } finally {
    await store.close();
  }
};

export const registerStudy = async (url: string, tokens: Tokens, studyId: string): Promise<void> => {
  const res = await postJson(`${url}/api/v1/commands`, tokens.admin, {
    commandId: `register-${studyId}`,
    type: 'RegisterStudy',
    data: { studyId, title: 'Write-side bench', irbApprovalNumber: 'IRB-WS', protocolVersion: '1.0' },
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`RegisterStudy ${studyId} answered ${res.status}: ${JSON.stringify(res.body)}`);
};

export interface HttpLoads {
  readonly http1: Load;
  readonly http50: Load;
  readonly health50: Load;
}

/** The API on a new store with one registered study: commands from 1 then 50 clients, then /health. */
export const httpLoads = async <S extends EventStore>(
  sut: StoreUnderTest<S>,
  api: { principalsFile: string; tokens: Tokens; cpuProfDir?: string },
  seconds: number,
): Promise<HttpLoads> => {
  const child = await startApi({
    store: await sut.fresh('http'),
    principalsFile: api.principalsFile,
    cpuProfDir: api.cpuProfDir,
  });
  try {
    await registerStudy(child.url, api.tokens, 'HTTP');
    const commands = { url: child.url, token: api.tokens.coordinator, studyId: 'HTTP' };
    // warm-up: JIT, the pool's connections, the study's head in the cache
    await loadCommands({ ...commands, connections: 10, seconds: 1, tag: 'warm' });
    const http1 = await loadCommands({ ...commands, connections: 1, seconds, tag: 'c1' });
    const http50 = await loadCommands({ ...commands, connections: 50, seconds, tag: 'c50' });
    const health50 = await loadGet(`${child.url}/health`, 50, seconds);
    return { http1, http50, health50 };
  } finally {
    await child.stop();
  }
};
