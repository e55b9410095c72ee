import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src';
import { CommandPipeline } from '../command-pipeline';
import { importLines, splitLines, type CommandRunner } from './import-lines';

const ok = (o: Record<string, unknown>) =>
  JSON.stringify({ recordedAt: '2024-01-01T09:00:00Z', actor: { id: 'coord-01', role: 'coordinator' }, ...o });
const register = ok({
  commandId: 'c-1',
  type: 'RegisterStudy',
  actor: { id: 'admin-01', role: 'admin' },
  data: { studyId: 'S1', title: 'T', irbApprovalNumber: 'I', protocolVersion: '1' },
});
const consent = (id: string, extra: Record<string, unknown> = {}) =>
  ok({
    commandId: id,
    type: 'RecordConsent',
    data: { studyId: 'S1', participantId: 'P1', consentVersion: 'v1', signedOn: '2024-01-01' },
    ...extra,
  });

describe('import of an NDJSON file', () => {
  let dir: string;
  let store: SqliteEventStore;
  let pipeline: CommandPipeline;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
    store = SqliteEventStore.open(join(dir, 'l.db'), { synchronous: 'OFF' });
    pipeline = new CommandPipeline(store, { now: () => new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers lines as they stand, skips blank ones uncounted, and keeps a \\r as JSON whitespace', async () => {
    const text = [register, '', '   \t', `${consent('c-2')}\r`, consent('c-2'), '{"nope"', ''].join('\n');
    const summary = await importLines(splitLines(text), pipeline);
    expect(summary).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(summary.errors).toEqual([expect.objectContaining({ line: 6, error: 'INVALID_JSON' })]);
  });

  it('reports bad input line by line, never crashes, and records nothing for it', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const lines = [
      register,
      '[1,2,3]', // JSON but not an object
      '"just a string"',
      consent('c-3', { type: 'Nonsense' }), // unknown command type
      consent('c-4', { actor: undefined }), // missing actor (dropped by stringify)
      consent('c-5', { actor: { id: 'x', role: 'janitor' } }),
      consent('c-6', { recordedAt: '2024-01-01 09:00' }),
      ok({
        commandId: 'c-7',
        type: 'RecordConsent',
        data: { studyId: 'S1', participantId: 'P1', consentVersion: 7, signedOn: '2024-01-01' },
      }),
      ok({ commandId: 'c-8', type: 'RecordConsent', data: deep }),
      consent('c-9').replace(/"data":\{[^}]*\}/, `"data":${deep}`), // 100,000 levels deep
      consent('c-10', { commandId: null }),
    ];
    const summary = await importLines(lines, pipeline);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toBe(lines.length - 1);
    expect(summary.errors.map((e) => [e.line, e.status])).toEqual([
      [2, 400],
      [3, 400],
      [4, 400],
      [5, 400],
      [6, 400],
      [7, 400],
      [8, 400],
      [9, 400],
      [10, 400],
      [11, 400],
    ]);
    expect(summary.errors.find((e) => e.line === 8)?.message).toBe('data.consentVersion must be a string');
    expect(await store.readAllEvents()).toHaveLength(1);
  });

  it('runs every line through the import door, and stops on an error that is no rejection', async () => {
    const doors: unknown[] = [];
    const runner: CommandRunner = {
      execute: async (raw, door) => {
        doors.push(door);
        if ((raw as { commandId?: string }).commandId === 'c-3') throw new Error('the store went away');
        return pipeline.execute(raw, door);
      },
    };
    await expect(importLines([register, consent('c-2'), consent('c-3')], runner)).rejects.toThrow(
      'the store went away',
    );
    expect(doors).toEqual([{ kind: 'import' }, { kind: 'import' }, { kind: 'import' }]);
  });

  it('commits in batches with the same outcome as line by line', async () => {
    const lines = [register, ...Array.from({ length: 30 }, (_, i) => consent(`c-${i + 2}`).replace('"P1"', `"P${i}"`))];
    const summary = await importLines(lines, pipeline, { batch: (w) => store.inBatch(w), batchSize: 7 });
    expect(summary).toMatchObject({ accepted: 31, rejected: 0 });
    expect(await store.readAllEvents()).toHaveLength(31);
  });
});
