import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLines, splitLines } from './import/import-lines';
import { createTestLedger, TEST_LEDGER_KIND, type TestLedger } from '../../../test/support/test-ledgers';
import { openEventStore, verifyStream, type EventStore, type RecordedEvent } from '../../event-store/src';
import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../../trial-domain/src';
import type { Clock } from './clock';
import { CommandPipeline, Forbidden } from './command-pipeline';

const SAMPLE = join(__dirname, '../../../../shared/sample');
const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
const LATER = fixedClock('2026-01-01T00:00:00Z');

const line = (o: Record<string, unknown>): Record<string, unknown> => ({
  recordedAt: '2024-01-01T09:00:00Z',
  actor: { id: 'coord-01', role: 'coordinator' },
  ...o,
});
const register = line({
  commandId: 'c-reg',
  type: 'RegisterStudy',
  actor: { id: 'admin-01', role: 'admin' },
  data: { studyId: 'S1', title: 'T', irbApprovalNumber: 'IRB-1', protocolVersion: '1.0' },
});
const consent = (pid: string, at = '2024-01-01T09:00:00Z', commandId = `c-consent-${pid}`) =>
  line({
    commandId,
    type: 'RecordConsent',
    recordedAt: at,
    data: { studyId: 'S1', participantId: pid, consentVersion: 'v1', signedOn: '2024-01-01' },
  });

describe(`CommandPipeline on ${TEST_LEDGER_KIND}`, () => {
  let ledger: TestLedger;
  let store: EventStore;
  const open = (): EventStore => openEventStore(ledger.spec, { synchronous: 'OFF' });
  beforeEach(async () => {
    ledger = await createTestLedger(TEST_LEDGER_KIND, 'pipeline');
    store = open();
  });
  afterEach(async () => {
    await store.close();
    await ledger.dispose();
  });

  it('imports the sample cohort with the summary the contract requires of it', async () => {
    const expected = JSON.parse(readFileSync(join(SAMPLE, 'expected.json'), 'utf8')) as {
      accepted: number;
      duplicates: number;
      rejectedLines: number[];
    };
    const pipeline = new CommandPipeline(store, LATER);
    const lines = splitLines(readFileSync(join(SAMPLE, 'cohort.ndjson'), 'utf8'));
    const summary = await importLines(lines, pipeline);
    expect(summary.accepted).toBe(expected.accepted);
    expect(summary.duplicates).toBe(expected.duplicates);
    expect(summary.errors.map((e) => e.line)).toEqual(expected.rejectedLines);
    expect(summary.rejected).toBe(expected.rejectedLines.length);

    // Importing the same file again records nothing new: every accepted line is a duplicate.
    const before = await store.readAllEvents();
    const restarted = new CommandPipeline(store, LATER);
    const again = await importLines(lines, restarted);
    const after = await store.readAllEvents();
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(expected.accepted + expected.duplicates);
    expect(after.map((e) => e.metadata.hash)).toEqual(before.map((e) => e.metadata.hash));

    // Every stream's hash chain holds.
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of after) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
    for (const events of streams.values()) expect(verifyStream(events)).toEqual({ ok: true });
  }, 120_000);

  it('records the line actor, the envelope recordedAt, storedAt from the ledger clock, and imported: true', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await pipeline.execute(register, { kind: 'import' });
    const [e] = await store.readAllEvents();
    expect(e?.metadata).toMatchObject({
      actor: { id: 'admin-01', role: 'admin' },
      recordedAt: '2024-01-01T09:00:00.000000Z',
      storedAt: '2026-01-01T00:00:00.000000Z',
      imported: true,
      commandId: 'c-reg',
      studyId: 'S1',
      prevHash: '',
    });
  });

  it('rejects an import line recorded before the study latest, but takes a repeat of an accepted one as a duplicate', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await pipeline.execute(register, { kind: 'import' });
    await pipeline.execute(consent('P1', '2024-02-01T09:00:00Z'), { kind: 'import' });
    await expect(pipeline.execute(consent('P2', '2024-01-15T09:00:00Z'), { kind: 'import' })).rejects.toThrow(
      RuleViolated,
    );
    // equal to the latest is fine
    await expect(pipeline.execute(consent('P3', '2024-02-01T09:00:00Z'), { kind: 'import' })).resolves.toMatchObject({
      status: 'accepted',
    });
    await expect(pipeline.execute(register, { kind: 'import' })).resolves.toMatchObject({ status: 'duplicate' });
    // the same id with another envelope (here only recordedAt differs) is a conflict
    await expect(
      pipeline.execute({ ...register, recordedAt: '2024-03-01T09:00:00Z' }, { kind: 'import' }),
    ).rejects.toThrow(StateConflict);
  });

  it('rejects a recordedAt later than the ledger clock', async () => {
    const pipeline = new CommandPipeline(store, fixedClock('2024-01-01T08:00:00Z'));
    await expect(pipeline.execute(register, { kind: 'import' })).rejects.toMatchObject({ code: 'RECORDED_IN_FUTURE' });
    expect(await store.readAllEvents()).toHaveLength(0);
  });

  it('answers a duplicate with the first result, even when the command would now be rejected', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await pipeline.execute(register, { kind: 'import' });
    const first = await pipeline.execute(consent('P1'), { kind: 'import' });
    const withdraw = line({
      commandId: 'c-enrol',
      type: 'EnrollParticipant',
      data: {
        studyId: 'S1',
        participantId: 'P1',
        enrolledOn: '2024-01-01',
        ageYears: 50,
        sex: 'male',
        heightCm: 180,
        weightKg: 80,
        painRegions: ['lumbar'],
        painDurationMonths: 24,
        failedPhysicalTherapy: true,
        axialPainWorseThanLegPain: true,
        diagnoses: [],
        priorFailedBackSurgery: false,
        currentMedications: [],
      },
    });
    const enrolled = await pipeline.execute(withdraw, { kind: 'import' });
    expect(enrolled).toEqual({
      status: 'accepted',
      result: {
        commandId: 'c-enrol',
        events: [{ type: 'ParticipantEnrolled', streamId: 'participant-S1.P1', revision: 1 }],
      },
    });
    // enrolling twice is 409, but the same envelope again is the first answer
    await expect(pipeline.execute(withdraw, { kind: 'import' })).resolves.toEqual({ ...enrolled, status: 'duplicate' });
    await expect(pipeline.execute(consent('P1'), { kind: 'import' })).resolves.toEqual({
      ...first,
      status: 'duplicate',
    });
    // key order and 5 vs 5.0 do not matter
    const reordered = JSON.parse(JSON.stringify(withdraw).replace('"ageYears":50', '"ageYears":50.0'));
    await expect(pipeline.execute(reordered, { kind: 'import' })).resolves.toMatchObject({ status: 'duplicate' });
  });

  it('keeps the idempotency record across a restart (it lives in the store, beside the events)', async () => {
    await new CommandPipeline(store, LATER).execute(register, { kind: 'import' });
    await store.close();
    store = open();
    await expect(new CommandPipeline(store, LATER).execute(register, { kind: 'import' })).resolves.toMatchObject({
      status: 'duplicate',
    });
  });

  it('records nothing for a rejected command, and its commandId may be sent again', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await pipeline.execute(register, { kind: 'import' });
    const bad = line({ commandId: 'c-x', type: 'RecordConsent', data: { studyId: 'S1', participantId: 'P1' } });
    await expect(pipeline.execute(bad, { kind: 'import' })).rejects.toThrow(ValidationFailed);
    await expect(pipeline.execute(consent('P1', undefined, 'c-x'), { kind: 'import' })).resolves.toMatchObject({
      status: 'accepted',
    });
    expect(await store.readAllEvents()).toHaveLength(2);
  });

  it('answers 404 for an unknown study and for a participant without consent', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await expect(pipeline.execute(consent('P1'), { kind: 'import' })).rejects.toMatchObject({ code: 'UNKNOWN_STUDY' });
    await pipeline.execute(register, { kind: 'import' });
    const withdraw = line({
      type: 'WithdrawParticipant',
      data: { studyId: 'S1', participantId: 'P9', withdrawnOn: '2024-01-01', reason: 'other' },
    });
    await expect(pipeline.execute(withdraw, { kind: 'import' })).rejects.toThrow(NotFound);
  });

  describe('over HTTP', () => {
    const coordinator = { kind: 'http', principal: { id: 'coord-01', role: 'coordinator' } } as const;
    const admin = { kind: 'http', principal: { id: 'admin-01', role: 'admin' } } as const;

    it('takes the actor from the principal and the time from the server clock, ignoring the body', async () => {
      const pipeline = new CommandPipeline(store, fixedClock('2025-05-05T05:05:05Z'));
      await pipeline.execute({ ...register, actor: { id: 'mallory', role: 'admin' } }, admin);
      const [e] = await store.readAllEvents();
      expect(e?.metadata.actor).toEqual({ id: 'admin-01', role: 'admin' });
      expect(e?.metadata.recordedAt).toBe('2025-05-05T05:05:05.000000Z');
      expect(e?.metadata.imported).toBeUndefined();
    });

    it("never goes back in time: a server clock behind the study's latest records the latest", async () => {
      await new CommandPipeline(store, LATER).execute(
        { ...register, recordedAt: '2025-12-31T00:00:00Z' },
        { kind: 'import' },
      );
      await new CommandPipeline(store, fixedClock('2025-06-01T00:00:00Z')).execute(consent('P1'), coordinator);
      const events = await store.readAllEvents();
      expect(events[1]?.metadata.recordedAt).toBe('2025-12-31T00:00:00.000000Z');
    });

    it('checks the role before idempotency and records nothing on 403', async () => {
      const pipeline = new CommandPipeline(store, LATER);
      await expect(pipeline.execute(register, coordinator)).rejects.toThrow(Forbidden);
      expect(await store.readAllEvents()).toHaveLength(0);
    });

    it('assigns a commandId when the envelope has none', async () => {
      const pipeline = new CommandPipeline(store, LATER);
      const { commandId: _omit, ...noId } = register;
      const out = await pipeline.execute(noId, admin);
      expect(out.result.commandId).toMatch(/^cmd-/);
    });

    it('treats the same id and body from another principal as a conflict', async () => {
      const pipeline = new CommandPipeline(store, LATER);
      await pipeline.execute(register, admin);
      await expect(
        pipeline.execute(register, { kind: 'http', principal: { id: 'admin-02', role: 'admin' } }),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
    });
  });

  it('re-decides after another writer committed to the same stream in between', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    await pipeline.execute(register, { kind: 'import' });
    await pipeline.execute(consent('P1'), { kind: 'import' });
    const rival = new CommandPipeline(open(), LATER);
    // A store whose first append lets the rival write first, as a second process would.
    let raced = false;
    const racing: EventStore = Object.create(store) as EventStore;
    racing.commit = async (commits) => {
      if (!raced) {
        raced = true;
        await rival.execute(consent('P1', '2024-01-01T09:00:00Z', 'c-rival'), { kind: 'import' });
      }
      return store.commit(commits);
    };
    const racingPipeline = new CommandPipeline(racing, LATER);
    const out = await racingPipeline.execute(consent('P1', '2024-01-01T09:00:00Z', 'c-mine'), { kind: 'import' });
    expect(out.result.events[0]?.revision).toBe(2);
    const stream = await store.readStream('participant-S1.P1');
    expect(stream.map((e) => e.metadata.commandId)).toEqual(['c-consent-P1', 'c-rival', 'c-mine']);
    expect(verifyStream(stream)).toEqual({ ok: true });
  });

  it('keeps study X participant Y-Z and study X-Y participant Z apart', async () => {
    const pipeline = new CommandPipeline(store, LATER);
    const study = (studyId: string) =>
      line({
        type: 'RegisterStudy',
        actor: { id: 'admin-01', role: 'admin' },
        data: { studyId, title: 'T', irbApprovalNumber: 'IRB-1', protocolVersion: '1.0' },
      });
    const consentIn = (studyId: string, participantId: string) =>
      line({
        type: 'RecordConsent',
        data: { studyId, participantId, consentVersion: 'v1', signedOn: '2024-01-01' },
      });
    await pipeline.execute(study('X'), { kind: 'import' });
    await pipeline.execute(study('X-Y'), { kind: 'import' });
    const first = await pipeline.execute(consentIn('X', 'Y-Z'), { kind: 'import' });
    const second = await pipeline.execute(consentIn('X-Y', 'Z'), { kind: 'import' });
    expect(first.result.events).toEqual([{ type: 'ConsentRecorded', streamId: 'participant-X.Y-Z', revision: 0 }]);
    expect(second.result.events).toEqual([{ type: 'ConsentRecorded', streamId: 'participant-X-Y.Z', revision: 0 }]);
    for (const [studyId, participantId] of [
      ['X', 'Y-Z'],
      ['X-Y', 'Z'],
    ] as const) {
      const head = await new CommandPipeline(store, LATER).participant(studyId, participantId);
      expect(head.revision).toBe(0n);
      const events = await store.readStream(`participant-${studyId}.${participantId}`);
      expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ studyId, participantId })]);
    }
  });

  // Edits the SQLite file behind the store's back; the PostgreSQL store has its own such spec.
  (TEST_LEDGER_KIND === 'sqlite' ? it : it.skip)(
    'refuses to chain onto a stream whose stored event was edited, and only that stream',
    async () => {
      const pipeline = new CommandPipeline(store, LATER);
      await pipeline.execute(register, { kind: 'import' });
      await pipeline.execute(consent('P1'), { kind: 'import' });
      await pipeline.execute(consent('P2'), { kind: 'import' });
      const raw = new Database(ledger.spec.slice('sqlite:'.length));
      raw.prepare("UPDATE events SET data = replace(data, 'v1', 'v9') WHERE stream_id = 'participant-S1.P1'").run();
      raw.prepare("UPDATE events SET metadata = '{not json' WHERE stream_id = 'participant-S1.P2'").run();
      raw.close();
      const fresh = new CommandPipeline(store, LATER);
      const reconsent = (pid: string) => consent(pid, '2024-01-01T09:00:00Z', `c-again-${pid}`);
      await expect(fresh.execute(reconsent('P1'), { kind: 'import' })).rejects.toMatchObject({
        name: 'CorruptEvent',
        message: expect.stringMatching(/stream participant-S1\.P1 revision 0 is corrupt: its hash does not match/),
      });
      await expect(fresh.execute(reconsent('P2'), { kind: 'import' })).rejects.toMatchObject({
        name: 'CorruptEvent',
        message: expect.stringMatching(
          /at position \d+ in stream participant-S1\.P2 revision 0 is corrupt: its metadata column is not JSON/,
        ),
      });
      // Everyone else is unaffected.
      await expect(fresh.execute(consent('P3'), { kind: 'import' })).resolves.toMatchObject({ status: 'accepted' });
      expect((await store.readStream('participant-S1.P1')).length).toBe(1);
    },
  );
});
