/**
 * The read routes (read.md) and the safety desk's listing and missed visits (safety.md) over
 * HTTP, each beside its CLI twin: studies, the roster and its filters, one participant and its
 * history as of an instant (amended values marked), the adverse-event listing and its filters,
 * missed visits, and the 400s for a bad or future asOf and a bad filter.
 */
import { cli } from '../../apps/cli/src/main';
import { addDays, daysBetween } from '../../libs/trial-domain/src';
import { startApi, participantPath, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const S = 'S-READ';
const P1 = { studyId: S, participantId: 'P1' };
const P2 = { studyId: S, participantId: 'P2' };
const P3 = { studyId: S, participantId: 'P3' };

let api: TestApi;
/** Recorded time of P1's assessment, before its correction. */
let beforeCorrection: string;

const runCli = async (...args: string[]): Promise<string> => {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r): r is (error?: Error | null) => void => typeof r === 'function');
    if (done) process.nextTick(done);
    return true;
  });
  try {
    await cli.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
};

beforeAll(async () => {
  api = await startApi('read-routes');
  await api.command('admin', c.registerStudy(S)).expect(201);
  for (const ref of [P1, P2, P3]) await api.command('coordinator', c.recordConsent(ref)).expect(201);
  await api.command('coordinator', c.enrollParticipant(P1)).expect(201);
  await api.command('coordinator', c.recordProcedure(P1)).expect(201);
  await api.command('coordinator', c.recordAssessment(P1)).expect(201);
  await api.command('coordinator', c.reportAdverseEvent(P1, 'AE-1')).expect(201);
  await api
    .command(
      'coordinator',
      c.reportAdverseEvent(P1, 'AE-2', {
        grade: 3,
        serious: true,
        seriousCriteria: ['hospitalization'],
        expected: false,
      }),
    )
    .expect(201);
  const history = await api.get(`${participantPath(S, 'P1')}/history`).expect(200);
  beforeCorrection = history.body.events.at(-1).metadata.recordedAt;
  await api
    .command('coordinator', c.correctRecord(P1, 'A-baseline', { vas: 6.5 }, 'source document says 6.5'))
    .expect(201);
  await api.command('coordinator', c.enrollParticipant(P2, { ageYears: 15 })).expect(201);
  await api.command('coordinator', c.enrollParticipant(P3)).expect(201);
  await api.command('coordinator', c.withdrawParticipant(P3, '2024-01-20')).expect(201);
}, 60_000);
afterAll(() => api.close());

describe('studies', () => {
  it('lists the registered studies with the roster length, and one study; 404 for an unknown one', async () => {
    const all = await api.get('/api/v1/studies').expect(200);
    expect(all.body.studies).toEqual([
      {
        studyId: S,
        title: expect.any(String),
        irbApprovalNumber: expect.any(String),
        protocolVersion: expect.any(String),
        participants: 3,
      },
    ]);
    await api.get(`/api/v1/studies/${S}`).expect(200, all.body.studies[0]);
    const unknown = await api.get('/api/v1/studies/NOPE').expect(404);
    expect(unknown.body.error).toBe('UNKNOWN_STUDY');
    expect(JSON.parse(await runCli('studies', '--json'))).toEqual(all.body);
  });
});

describe('the roster', () => {
  it('lists every participant in consent order with status, screen failures, withdrawal, arm and next visit', async () => {
    const res = await api.get(`/api/v1/studies/${S}/participants`).expect(200);
    expect(
      res.body.participants.map((p: { participantId: string; status: string }) => [p.participantId, p.status]),
    ).toEqual([
      ['P1', 'treated'],
      ['P2', 'screen_failed'],
      ['P3', 'withdrawn'],
    ]);
    expect(res.body.participants[0]).toMatchObject({
      arm: 'L_EPI',
      treatmentDate: '2024-02-01',
      visitsAssessed: ['baseline'],
      openAdverseEvents: 2,
    });
    expect(res.body.participants[1].screenFailures).toEqual(['UNDERAGE']);
    expect(res.body.participants[2].withdrawal).toEqual({ withdrawnOn: '2024-01-20', reason: 'lost_to_follow_up' });
    expect(JSON.parse(await runCli('participants', '--study', S, '--as-of', res.body.asOf, '--json'))).toEqual(
      res.body,
    );
  });

  it('filters by status and arm, and refuses an unknown status', async () => {
    const treated = await api.get(`/api/v1/studies/${S}/participants?status=treated&arm=L_EPI`).expect(200);
    expect(treated.body.participants.map((p: { participantId: string }) => p.participantId)).toEqual(['P1']);
    const none = await api.get(`/api/v1/studies/${S}/participants?arm=DISK`).expect(200);
    expect(none.body.participants).toEqual([]);
    const bad = await api.get(`/api/v1/studies/${S}/participants?status=cured`).expect(400);
    expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED', field: 'status' });
  });
});

describe('one participant as of an instant', () => {
  it('shows the corrected value marked with its amendment now, and the original value before it', async () => {
    const now = await api.get(participantPath(S, 'P1')).expect(200);
    const record = now.body.records.find((r: { recordId: string }) => r.recordId === 'A-baseline');
    expect(record.vas).toBe(6.5);
    expect(record.amendedBy.vas).toMatchObject({ type: 'RecordCorrected', reason: 'source document says 6.5' });
    expect(now.body).toMatchObject({ status: 'treated', arm: 'L_EPI', treatmentDate: '2024-02-01' });

    const then = await api.get(`${participantPath(S, 'P1')}?asOf=${beforeCorrection}`).expect(200);
    const original = then.body.records.find((r: { recordId: string }) => r.recordId === 'A-baseline');
    expect(original.vas).toBe(7.5);
    expect(original.amendedBy).toEqual({});

    const history = await api.get(`${participantPath(S, 'P1')}/history?asOf=${beforeCorrection}`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).not.toContain('RecordCorrected');
    const full = await api.get(`${participantPath(S, 'P1')}/history`).expect(200);
    expect(full.body.events.length).toBe(history.body.events.length + 1);
  });
});

describe("a record's history (audit.md)", () => {
  it('lists the entry and the correction with old → new, and matches the CLI; 404 for an unknown record', async () => {
    const path = `${participantPath(S, 'P1')}/records/A-baseline/history`;
    const res = await api.get(path).expect(200);
    expect(res.body).toMatchObject({
      recordId: 'A-baseline',
      kind: 'assessment',
      voided: false,
      current: { vas: 6.5 },
    });
    expect(res.body.versions.map((v: { type: string }) => v.type)).toEqual(['AssessmentRecorded', 'RecordCorrected']);
    expect(res.body.versions[1]).toMatchObject({
      reason: 'source document says 6.5',
      actor: { role: 'coordinator' },
      changes: [{ field: 'vas', old: 7.5, new: 6.5 }],
    });
    const then = await api.get(`${path}?asOf=${beforeCorrection}`).expect(200);
    expect(then.body.versions).toHaveLength(1);
    const cli = JSON.parse(
      await runCli(
        'history',
        '--study',
        S,
        '--participant',
        'P1',
        '--record',
        'A-baseline',
        '--as-of',
        res.body.asOf,
        '--json',
      ),
    );
    expect(cli).toEqual(res.body);
    const unknown = await api.get(`${participantPath(S, 'P1')}/records/NOPE/history`).expect(404);
    expect(unknown.body.error).toBe('UNKNOWN_RECORD');
  });
});

describe('the safety desk', () => {
  it('lists the adverse events with their clocks, filters them, and matches the CLI', async () => {
    const all = await api.get(`/api/v1/studies/${S}/adverse-events`).expect(200);
    expect(all.body.adverseEvents.map((e: { adverseEventId: string }) => e.adverseEventId)).toEqual(['AE-1', 'AE-2']);
    const serious = await api.get(`/api/v1/studies/${S}/adverse-events?serious=true&grade=3`).expect(200);
    expect(serious.body.adverseEvents).toEqual([
      expect.objectContaining({
        adverseEventId: 'AE-2',
        arm: 'L_EPI',
        open: true,
        daysFromTreatment: 2,
        // serious, unexpected and related: the IRB clock started the day it was reported, 15 days to go
        expedited: expect.objectContaining({ daysLeft: 15, overdue: false, submittedToIrbOn: null }),
      }),
    ]);
    expect(JSON.parse(await runCli('adverse-events', '--study', S, '--as-of', all.body.asOf, '--json'))).toEqual(
      all.body,
    );
    const bad = await api.get(`/api/v1/studies/${S}/adverse-events?open=yes`).expect(400);
    expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED', field: 'open' });
  });

  it("lists the treated participant's follow-up visits whose window has closed without an assessment", async () => {
    const res = await api.get(`/api/v1/studies/${S}/visits/missed`).expect(200);
    // Treated on 2024-02-01 and never assessed after baseline: every follow-up window (m24: day 790) has closed.
    const today = (res.body.asOf as string).slice(0, 10);
    const closed = { m1: 37, m3: 105, m6: 212, m12: 410, m18: 592, m24: 790 };
    expect(res.body.missedVisits).toEqual(
      Object.entries(closed).map(([visit, day]) => ({
        participantId: 'P1',
        visit,
        windowClosedOn: addDays('2024-02-01', day),
        daysOverdue: daysBetween(addDays('2024-02-01', day), today),
      })),
    );
    expect(JSON.parse(await runCli('missed-visits', '--study', S, '--as-of', res.body.asOf, '--json'))).toEqual(
      res.body,
    );
  });
});

describe('asOf', () => {
  it.each([
    '/api/v1/studies',
    `/api/v1/studies/${S}/participants`,
    `/api/v1/studies/${S}/participants/P1`,
    `/api/v1/studies/${S}/participants/P1/history`,
    `/api/v1/studies/${S}/adverse-events`,
    `/api/v1/studies/${S}/visits/missed`,
    `/api/v1/studies/${S}/report`,
  ])('later than the ledger clock is 400 AS_OF_IN_FUTURE: %s', async (path) => {
    const res = await api.get(`${path}?asOf=2099-01-01T00:00:00Z`).expect(400);
    expect(res.body).toMatchObject({ error: 'AS_OF_IN_FUTURE', field: 'asOf' });
  });
});
