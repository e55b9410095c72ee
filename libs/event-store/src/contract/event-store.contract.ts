// Imported, not global: this helper is no spec, and tsconfig.build.json compiles it with node types only.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  EventIdConflict,
  RevisionConflict,
  type CommandCommit,
  type CommitOutcome,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store.port';

/**
 * The behaviour every adapter owes the ledger, run against each of them. Every test uses
 * fresh stream names and its own studyId, so the suite can share a server with other runs
 * and filter the global log down to what it wrote.
 */
export function describeEventStoreContract(
  name: string,
  makeStore: () => Promise<EventStore>,
  cleanup?: (store: EventStore) => Promise<void>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let studyId: string;

    beforeEach(async () => {
      store = await makeStore();
      studyId = `S${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.(store);
    });

    const stream = (kind = 'participant'): string => `${kind}-${studyId}.${randomUUID().slice(0, 8)}`;
    const event = (
      type = 'ThingHappened',
      overrides: Partial<EventMetadata> = {},
      data: unknown = { n: 1 },
    ): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        actor: { id: 'u-1', role: 'investigator' },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        recordedAt: '2024-03-01T10:00:00.000Z',
        storedAt: new Date().toISOString(),
        studyId,
        prevHash: '',
        hash: 'x',
        ...overrides,
      },
    });
    const readAll = async (options: ReadAllOptions): Promise<RecordedEvent[]> => {
      const out: RecordedEvent[] = [];
      for await (const e of store.readAll(options)) out.push(e);
      return out;
    };
    const conflictOf = async (promise: Promise<unknown>): Promise<RevisionConflict> => {
      const error: unknown = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RevisionConflict);
      return error as RevisionConflict;
    };

    describe('appendToStream', () => {
      it('appends to a new stream with no_stream, then with the exact revision, then with any', async () => {
        const s = stream();
        const first = await store.appendToStream(s, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        expect(first.revisions).toEqual([0n, 1n]);
        expect(first.nextExpectedRevision).toBe(1n);
        const second = await store.appendToStream(s, [event('C')], { expectedRevision: 1n });
        expect(second).toMatchObject({ nextExpectedRevision: 2n, revisions: [2n] });
        expect(second.position).toBeGreaterThan(first.position);
        const third = await store.appendToStream(s, [event('D')], { expectedRevision: 'any' });
        expect(third.revisions).toEqual([3n]);
        const any = await store.appendToStream(stream(), [event('E')], { expectedRevision: 'any' });
        expect(any.revisions).toEqual([0n]);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      });

      it('refuses a wrong expected revision with RevisionConflict and writes nothing', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], { expectedRevision: 'no_stream' });

        const onExisting = await conflictOf(store.appendToStream(s, [event()], { expectedRevision: 'no_stream' }));
        expect(onExisting).toMatchObject({ streamId: s, expected: 'no_stream', actual: 0n });
        const stale = await conflictOf(store.appendToStream(s, [event()], { expectedRevision: 3n }));
        expect(stale).toMatchObject({ expected: 3n, actual: 0n });
        const missing = stream();
        const onMissing = await conflictOf(store.appendToStream(missing, [event()], { expectedRevision: 0n }));
        expect(onMissing).toMatchObject({ streamId: missing, expected: 0n, actual: 'no_stream' });

        expect(await store.readStream(s)).toHaveLength(1);
        expect(await store.readStream(missing)).toEqual([]);
      });

      it('answers a repeated append of the same event ids as the first time and writes nothing', async () => {
        const s = stream();
        const batch = [event('A'), event('B')];
        const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(s, [event('C')], { expectedRevision: 1n });

        expect(await store.appendToStream(s, batch, { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.appendToStream(s, batch, { expectedRevision: 'any' })).toEqual(first);
        expect(await store.appendToStream(s, batch, { expectedRevision: 2n })).toEqual(first);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('refuses a batch that only partly repeats stored event ids', async () => {
        const s = stream();
        const [a, b] = [event('A'), event('B')];
        await store.appendToStream(s, [a, b], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(s, [a, event('X')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          EventIdConflict,
        );
        await expect(store.appendToStream(s, [b, a], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          EventIdConflict,
        );
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('lets exactly one of two appends racing on the same expected revision win', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A')], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled([
          store.appendToStream(s, [event('B1')], { expectedRevision: 0n }),
          store.appendToStream(s, [event('B2')], { expectedRevision: 0n }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0]?.reason).toBeInstanceOf(RevisionConflict);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('commit', () => {
      const commitOf = (
        streamId: string,
        overrides: Partial<Omit<CommandCommit, 'events'>> = {},
        types: readonly string[] = ['A'],
      ): CommandCommit => {
        const recordedAt = overrides.recordedAt ?? '2024-03-01T10:00:00.000000Z';
        return {
          commandId: `c-${randomUUID()}`,
          envelopeHash: 'h1',
          studyId,
          recordedAt,
          streamId,
          expectedRevision: 'no_stream',
          ...overrides,
          events: types.map((t) => event(t, { recordedAt })),
        };
      };
      const committed = (o: CommitOutcome | undefined) => {
        expect(o?.kind).toBe('committed');
        return o as Extract<CommitOutcome, { kind: 'committed' }>;
      };

      it('writes the events and the command together, and answers as the API does', async () => {
        const s = stream();
        const c = commitOf(s, {}, ['A', 'B']);
        const [outcome] = await store.commit([c]);
        const done = committed(outcome);
        expect(done.answer).toEqual({
          commandId: c.commandId,
          events: [
            { type: 'A', streamId: s, revision: 0 },
            { type: 'B', streamId: s, revision: 1 },
          ],
        });
        const stored = await store.readStream(s);
        expect(stored.map((e) => e.eventId)).toEqual(c.events.map((e) => e.eventId));
        expect(done.position).toBe(stored[1]?.position);
        expect(await store.findCommand(c.commandId)).toEqual({ envelopeHash: 'h1', answer: done.answer });
        expect(await store.findCommand(`c-${randomUUID()}`)).toBeUndefined();
      });

      it('records a commandId once: a second commit of it is known, with the first answer, and writes nothing', async () => {
        const first = commitOf(stream());
        const [a] = await store.commit([first]);
        const other = stream();
        const again = { ...commitOf(other), commandId: first.commandId, envelopeHash: 'h2' };
        const [b] = await store.commit([again]);
        expect(b).toEqual({
          kind: 'known',
          command: { envelopeHash: 'h1', answer: committed(a).answer },
        });
        expect(await store.readStream(other)).toEqual([]);
      });

      it('judges each commit of a group on its own, seeing the ones before it', async () => {
        const s = stream();
        const [x, y] = [commitOf(s), commitOf(s)];
        const shared = commitOf(stream());
        const twin = { ...commitOf(stream()), commandId: shared.commandId };
        const next = commitOf(s, { expectedRevision: 0n });
        const outcomes = await store.commit([x, y, shared, twin, next]);
        expect(outcomes.map((o) => o.kind)).toEqual([
          'committed',
          'revision-conflict',
          'committed',
          'known',
          'committed',
        ]);
        expect(outcomes[1]).toEqual({ kind: 'revision-conflict', actual: 0n });
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual([
          ...x.events.map((e) => e.eventId),
          ...next.events.map((e) => e.eventId),
        ]);
        expect(await store.findCommand(y.commandId)).toBeUndefined();
      });

      it("refuses a recorded time before the study's latest, accepts an equal one, and keeps the latest", async () => {
        expect(await store.latestRecordedAt(studyId)).toBeUndefined();
        committed((await store.commit([commitOf(stream(), { recordedAt: '2024-03-01T10:00:00.000500Z' })]))[0]);
        expect(await store.latestRecordedAt(studyId)).toBe('2024-03-01T10:00:00.000500Z');
        const early = commitOf(stream(), { recordedAt: '2024-03-01T10:00:00.000400Z' });
        expect(await store.commit([early])).toEqual([
          { kind: 'clock-conflict', latest: '2024-03-01T10:00:00.000500Z' },
        ]);
        expect(await store.readStream(early.streamId)).toEqual([]);
        expect(await store.findCommand(early.commandId)).toBeUndefined();
        committed((await store.commit([commitOf(stream(), { recordedAt: '2024-03-01T10:00:00.000500Z' })]))[0]);
        expect(await store.latestRecordedAt(`other-${studyId}`)).toBeUndefined();
      });

      it('lets exactly one of many concurrent commits of one commandId through', async () => {
        const commandId = `c-${randomUUID()}`;
        const racers = Array.from({ length: 8 }, () => ({ ...commitOf(stream()), commandId }));
        const outcomes = (await Promise.all(racers.map((c) => store.commit([c])))).flat();
        expect(outcomes.filter((o) => o.kind === 'committed')).toHaveLength(1);
        expect(outcomes.filter((o) => o.kind === 'known')).toHaveLength(7);
        const written = await Promise.all(racers.map((c) => store.readStream(c.streamId)));
        expect(written.filter((events) => events.length > 0)).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      it('returns the stream in revision order, from fromRevision inclusive, with what was written', async () => {
        const s = stream();
        const written = [event('A', {}, { n: 1, nested: { z: 1, a: [3, 1] } }), event('B'), event('C')];
        await store.appendToStream(s, written, { expectedRevision: 'no_stream' });
        const all = await store.readStream(s);
        expect(all.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(all.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
        expect(all[0]).toMatchObject({
          streamId: s,
          type: 'A',
          schemaVersion: 1,
          data: written[0]?.data,
          metadata: written[0]?.metadata,
        });
        expect(all[1]?.position).toBeGreaterThan(all[0]?.position ?? 0n);
        expect((await store.readStream(s, { fromRevision: 1n })).map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global log in commit order across streams, from an exclusive position', async () => {
        const [p, q] = [stream(), stream('study')];
        await store.appendToStream(p, [event('P0')], { expectedRevision: 'no_stream' });
        await store.appendToStream(q, [event('Q0'), event('Q1')], { expectedRevision: 'no_stream' });
        await store.appendToStream(p, [event('P1')], { expectedRevision: 0n });

        const ours = await readAll({ studyId });
        expect(ours.map((e) => e.type)).toEqual(['P0', 'Q0', 'Q1', 'P1']);
        const positions = ours.map((e) => e.position);
        expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);

        const first = ours[0]?.position ?? 0n;
        const unfiltered = (await readAll({ fromPosition: first })).filter((e) => e.streamId === p || e.streamId === q);
        expect(unfiltered.map((e) => e.type)).toEqual(['Q0', 'Q1', 'P1']);
        expect((await readAll({ studyId, fromPosition: ours[2]?.position })).map((e) => e.type)).toEqual(['P1']);
      });

      it('filters by studyId and recordedAtOrBefore (as instants), and stops at maxCount', async () => {
        const otherStudy = `S${randomUUID().slice(0, 8)}`;
        const s = stream();
        await store.appendToStream(
          s,
          [
            event('Jan', { recordedAt: '2024-01-15T08:00:00.000Z' }),
            event('FebOffset', { recordedAt: '2024-02-01T09:30:00+02:00' }),
            event('Mar', { recordedAt: '2024-03-01T00:00:00.000Z' }),
          ],
          { expectedRevision: 'no_stream' },
        );
        await store.appendToStream(
          `participant-${otherStudy}-1${randomUUID().slice(0, 6)}`,
          [event('Other', { studyId: otherStudy })],
          {
            expectedRevision: 'no_stream',
          },
        );

        expect((await readAll({ studyId })).map((e) => e.type)).toEqual(['Jan', 'FebOffset', 'Mar']);
        expect((await readAll({ studyId: otherStudy })).map((e) => e.type)).toEqual(['Other']);
        // 09:30+02:00 is 07:30Z: before 08:00Z although it sorts after it as a raw string.
        expect((await readAll({ studyId, recordedAtOrBefore: '2024-02-01T08:00:00Z' })).map((e) => e.type)).toEqual([
          'Jan',
          'FebOffset',
        ]);
        expect((await readAll({ studyId, recordedAtOrBefore: '2024-02-01T07:29:59.999Z' })).map((e) => e.type)).toEqual(
          ['Jan'],
        );
        expect((await readAll({ studyId, maxCount: 2 })).map((e) => e.type)).toEqual(['Jan', 'FebOffset']);
        expect(await readAll({ studyId, maxCount: 0 })).toEqual([]);
      });

      it('answers readAllEvents with exactly what readAll yields, whatever the options', async () => {
        const [p, q] = [stream(), stream()];
        await store.appendToStream(
          p,
          [event('A', { recordedAt: '2024-01-01T00:00:00Z' }), event('B', { recordedAt: '2024-02-01T00:00:00Z' })],
          { expectedRevision: 'no_stream' },
        );
        await store.appendToStream(q, [event('C', { recordedAt: '2024-03-01T00:00:00Z' })], {
          expectedRevision: 'no_stream',
        });
        const [first] = await readAll({ studyId });
        const cases: ReadAllOptions[] = [
          { studyId },
          { studyId, fromPosition: first?.position },
          { studyId, recordedAtOrBefore: '2024-02-01T00:00:00Z' },
          { studyId, maxCount: 2 },
          { studyId, maxCount: 0 },
          { studyId: `S-none-${randomUUID().slice(0, 8)}` },
          { fromPosition: first?.position, maxCount: 1 },
        ];
        for (const options of cases) expect(await store.readAllEvents(options)).toEqual(await readAll(options));
        expect((await store.readAllEvents({ studyId })).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the start, then delivers later appends once each, in order, awaiting the handler', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        const seen: string[] = [];
        let inFlight = 0;
        let maxInFlight = 0;
        const subscription = store.subscribeToAll(
          async (e) => {
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await sleep(2);
            seen.push(e.type);
            inFlight -= 1;
          },
          { studyId },
        );
        try {
          await subscription.caughtUp;
          expect(seen).toEqual(['A', 'B']);
          await store.appendToStream(s, [event('C'), event('D')], { expectedRevision: 1n });
          await store.appendToStream(stream('study'), [event('E')], { expectedRevision: 'no_stream' });
          await waitFor(() => seen.length >= 5);
          await sleep(500);
          expect(seen).toEqual(['A', 'B', 'C', 'D', 'E']);
          expect(maxInFlight).toBe(1);
        } finally {
          await subscription.close();
        }
      });

      it('starts after a checkpoint and stops delivering once closed', async () => {
        const s = stream();
        await store.appendToStream(s, [event('A'), event('B'), event('C')], { expectedRevision: 'no_stream' });
        const checkpoint = (await store.readStream(s))[1]?.position;
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll((e) => void seen.push(e), { studyId, fromPosition: checkpoint });
        await subscription.caughtUp;
        expect(seen.map((e) => e.type)).toEqual(['C']);

        await store.appendToStream(s, [event('D')], { expectedRevision: 2n });
        await waitFor(() => seen.length >= 2);
        expect(seen.map((e) => e.type)).toEqual(['C', 'D']);
        expect(seen[1]?.position).toBeGreaterThan(seen[0]?.position ?? 0n);

        await subscription.close();
        await store.appendToStream(s, [event('E')], { expectedRevision: 3n });
        await sleep(500);
        expect(seen.map((e) => e.type)).toEqual(['C', 'D']);
      });
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await sleep(10);
  }
}
