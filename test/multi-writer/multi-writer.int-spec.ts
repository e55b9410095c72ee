/**
 * Several processes on one ledger (issue 12): each spec starts two real writer processes that
 * race each other on the same store, then reads what the store kept.
 */
import { openEventStore, type EventStore, type RecordedEvent } from '../../libs/event-store/src';
import { CommandPipeline, systemClock, type Door } from '../../libs/ledger/src';
import { runTs } from '../support/child-process';
import { createTestLedger, LEDGER_KINDS, type TestLedger } from '../support/test-ledgers';
import type { WriterOutcome } from './writer-process';

jest.setTimeout(90_000);

const STUDY = 'MW-1';
const coordinator: Door = { kind: 'http', principal: { id: 'coord-01', role: 'coordinator' } };
const consent = (participantId: string, commandId?: string, signedOn = '2024-01-01') => ({
  ...(commandId !== undefined && { commandId }),
  type: 'RecordConsent',
  data: { studyId: STUDY, participantId, consentVersion: 'v1', signedOn },
});

/** Runs the two writers at the same instant and returns their outcomes, in command order. */
async function race(
  spec: string,
  a: readonly unknown[],
  b: readonly unknown[],
  skewB = 0,
): Promise<[WriterOutcome[], WriterOutcome[]]> {
  // Long enough for both processes to compile, open the store and wait at the line.
  const startAt = Date.now() + 6000;
  const run = (commands: readonly unknown[], offset: number) =>
    runTs(
      'test/multi-writer/writer-process.ts',
      [JSON.stringify({ store: spec, startAt, door: coordinator, commands })],
      {
        CLOCK_OFFSET_MS: String(offset),
      },
    );
  const results = await Promise.all([run(a, 0), run(b, skewB)]);
  return results.map((r) => {
    if (r.code !== 0) throw new Error(`a writer process failed (${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as WriterOutcome[];
  }) as [WriterOutcome[], WriterOutcome[]];
}

describe.each(LEDGER_KINDS)('two writer processes on one %s ledger', (kind) => {
  let ledger: TestLedger;
  let store: EventStore;

  beforeEach(async () => {
    ledger = await createTestLedger(kind, 'multiwriter');
    store = openEventStore(ledger.spec);
    await new CommandPipeline(store, systemClock).execute(
      {
        type: 'RegisterStudy',
        data: { studyId: STUDY, title: 'Two writers', irbApprovalNumber: 'IRB-1', protocolVersion: '1.0' },
      },
      { kind: 'http', principal: { id: 'admin-01', role: 'admin' } },
    );
  });
  afterEach(async () => {
    await store.close();
    await ledger.dispose();
  });

  it('records a commandId once when both send it at the same moment, for different participants or the same', async () => {
    const n = 30;
    const ids = Array.from({ length: n }, (_, i) => i);
    const [a, b] = await race(
      ledger.spec,
      [...ids.map((i) => consent(`A-${i}`, `race-${i}`)), ...ids.map((i) => consent(`S-${i}`, `same-${i}`))],
      [...ids.map((i) => consent(`B-${i}`, `race-${i}`)), ...ids.map((i) => consent(`S-${i}`, `same-${i}`))],
    );
    for (const i of ids) {
      // Different envelopes: one is recorded, the other is told the id is taken.
      const differing = [a[i], b[i]];
      expect(differing.filter((o) => o?.status === 'accepted')).toHaveLength(1);
      expect(differing.filter((o) => o?.status === 'rejected')).toEqual([
        { status: 'rejected', error: 'COMMAND_ID_REUSED', httpStatus: 409 },
      ]);
      // The same envelope: one is recorded, the other gets the first answer.
      const same = [a[n + i], b[n + i]];
      expect(same.map((o) => o?.status).sort()).toEqual(['accepted', 'duplicate']);
      expect(same[0]).toEqual({ ...same[1], status: same[0]?.status });
    }
    const byCommand = new Map<string, RecordedEvent[]>();
    for (const e of await store.readAllEvents())
      byCommand.set(e.metadata.commandId, [...(byCommand.get(e.metadata.commandId) ?? []), e]);
    for (const i of ids) {
      expect(byCommand.get(`race-${i}`)).toHaveLength(1);
      expect(byCommand.get(`same-${i}`)).toHaveLength(1);
    }
  });

  it("never lets a study's recorded time go back, even when one writer's clock is behind", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i);
    const [a, b] = await race(
      ledger.spec,
      ids.map((i) => consent(`F-${i}`)),
      ids.map((i) => consent(`L-${i}`)),
      -40,
    );
    expect([...a, ...b].filter((o) => o.status !== 'accepted')).toEqual([]);
    const times = (await store.readAllEvents())
      .filter((e) => e.metadata.studyId === STUDY)
      .map((e) => e.metadata.recordedAt);
    expect(times).toHaveLength(81);
    const wentBack = times.filter((t, i) => i > 0 && t < (times[i - 1] ?? ''));
    expect(wentBack).toEqual([]);
  });
});
