/**
 * docs/audit/event-hash.md's canonical form, as tools/event-hash.mjs implements it with nothing but
 * Node, recomputes the hash of every event the history route prints for the example cohort, and
 * names the event whose content was changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandPipeline, importLines, splitLines } from '../../libs/ledger/src';
import { participantPath, startApi, type TestApi } from './support/api-harness';

const TOOL = join(__dirname, '../../tools/event-hash.mjs');
const COHORT = join(__dirname, '../../examples/msc-spine-cohort.ndjson');

let api: TestApi;
let dir: string;

const run = (file: string): { status: number; out: { ok: boolean; events: number; problems: unknown[] } } => {
  try {
    return { status: 0, out: JSON.parse(execFileSync('node', [TOOL, file], { encoding: 'utf8' })) };
  } catch (e) {
    const error = e as { status: number; stdout: string };
    return { status: error.status, out: JSON.parse(error.stdout) };
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'event-hash-'));
  api = await startApi('event-hash');
  const summary = await importLines(splitLines(readFileSync(COHORT, 'utf8')), api.app.get(CommandPipeline));
  expect(summary.rejected).toBe(0);
}, 120_000);
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

it('recomputes every hash and link of a history as printed, with nothing but Node', async () => {
  for (const participant of ['MSC-001', 'MSC-017', 'MSC-048']) {
    const res = await api.get(`${participantPath('MSC-SPINE-1', participant)}/history`).expect(200);
    const file = join(dir, `${participant}.json`);
    writeFileSync(file, JSON.stringify(res.body));
    expect(run(file)).toEqual({ status: 0, out: { ok: true, events: res.body.events.length, problems: [] } });
  }
});

it('names the event whose data was changed, and the broken link after a removed event', async () => {
  const res = await api.get(`${participantPath('MSC-SPINE-1', 'MSC-001')}/history`).expect(200);
  const edited = structuredClone(res.body);
  const target = edited.events.findIndex((e: { type: string }) => e.type === 'AssessmentRecorded');
  edited.events[target].data.vas = 3.1;
  writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
  expect(run(join(dir, 'edited.json'))).toMatchObject({
    status: 1,
    out: { ok: false, problems: [{ kind: 'hash_mismatch', revision: edited.events[target].revision }] },
  });

  const removed = structuredClone(res.body);
  removed.events.splice(2, 1);
  writeFileSync(join(dir, 'removed.json'), JSON.stringify(removed));
  expect(run(join(dir, 'removed.json')).out.problems).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: 'chain_broken', revision: 3 })]),
  );
});
