/**
 * The API shares its ledger with an import running in another process (issue 12): it keeps
 * answering /health promptly, and its commands are accepted or told to retry (503), never 500.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { syntheticCohort } from '../../bench/synthetic-cohort';
import { runTs } from '../support/child-process';
import { startApi, type TestApi } from './support/api-harness';

jest.setTimeout(180_000);

let api: TestApi;
let dir: string;

beforeAll(async () => {
  api = await startApi('under-import');
  dir = mkdtempSync(join(tmpdir(), 'ledger-under-import-'));
  await api
    .command('admin', {
      type: 'RegisterStudy',
      data: { studyId: 'LIVE', title: 'Live entry', irbApprovalNumber: 'IRB-L', protocolVersion: '1.0' },
    })
    .expect(201);
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

it('answers /health within a second and never 500 while an import writes to the same ledger', async () => {
  const file = join(dir, 'cohort.ndjson');
  const lines = syntheticCohort(700, 'LOAD');
  writeFileSync(file, lines.join('\n') + '\n');
  const importing = runTs('apps/cli/src/main.ts', ['import', file], { LEDGER_STORE: api.storeSpec });
  let running = true;
  void importing.finally(() => (running = false));

  const health: number[] = [];
  const statuses: number[] = [];
  let n = 0;
  while (running) {
    const t0 = performance.now();
    await api.http().get('/health').expect(200);
    health.push(performance.now() - t0);
    const res = await api.command('coordinator', {
      type: 'RecordConsent',
      data: { studyId: 'LIVE', participantId: `L-${++n}`, consentVersion: 'v1', signedOn: '2024-01-01' },
    });
    statuses.push(res.status);
    if (res.status === 503) expect(res.headers['retry-after']).toMatch(/^\d+$/);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const result = await importing;
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ accepted: lines.length, rejected: 0 });
  // The import really ran alongside: many probes were made while it wrote.
  expect(health.length).toBeGreaterThan(10);
  expect(Math.max(...health)).toBeLessThan(1000);
  expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
  expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
});
