/**
 * One accepted command of every type over HTTP (commands.md), run as the principal, and what
 * the reads then show: the history with who, when and why, and the state as amended.
 */
import { PRINCIPAL_IDS, participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const STUDY = 'S-CMD';
const P1 = { studyId: STUDY, participantId: 'P0001' };
const P2 = { studyId: STUDY, participantId: 'P0002' };

let api: TestApi;
const startedAt = new Date().toISOString();

beforeAll(async () => {
  api = await startApi('commands');
});
afterAll(() => api.close());

interface Accepted {
  commandId: string;
  events: { type: string; streamId: string; revision: number }[];
}

const accepted = async (res: { status: number; body: unknown }, types: string[]): Promise<Accepted> => {
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  const body = res.body as Accepted;
  expect(body.events.map((e) => e.type)).toEqual(types);
  return body;
};

const p1Stream = `participant-${STUDY}.${P1.participantId}`;

describe('every command type over POST /api/v1/commands', () => {
  it('RegisterStudy (admin), assigning a commandId when the envelope has none', async () => {
    const body = await accepted(await api.command('admin', c.registerStudy(STUDY)), ['StudyRegistered']);
    expect(body.commandId).toEqual(expect.any(String));
    expect(body.commandId.length).toBeGreaterThan(0);
    expect(body.events).toEqual([{ type: 'StudyRegistered', streamId: `study-${STUDY}`, revision: 0 }]);
  });

  it('RecordConsent', async () => {
    const body = await accepted(await api.command('coordinator', c.withId('cmd-consent-1', c.recordConsent(P1))), [
      'ConsentRecorded',
    ]);
    expect(body).toEqual({
      commandId: 'cmd-consent-1',
      events: [{ type: 'ConsentRecorded', streamId: p1Stream, revision: 0 }],
    });
  });

  it('EnrollParticipant, eligible: enrolled', async () => {
    const body = await accepted(await api.command('coordinator', c.enrollParticipant(P1)), ['ParticipantEnrolled']);
    expect(body.events[0]?.revision).toBe(1);
    const state = await api.get(participantPath(STUDY, P1.participantId)).expect(200);
    expect(state.body.status).toBe('enrolled');
  });

  it('EnrollParticipant, not eligible: the command succeeds and records a screen failure', async () => {
    await accepted(await api.command('coordinator', c.recordConsent(P2)), ['ConsentRecorded']);
    await accepted(await api.command('investigator', c.enrollParticipant(P2, { ageYears: 16 })), [
      'ParticipantScreenFailed',
    ]);
    const state = await api.get(participantPath(STUDY, P2.participantId)).expect(200);
    expect(state.body.status).toBe('screen_failed');
    expect(state.body.enrollment.failedCriteria).toContain('UNDERAGE');
  });

  it('StartMedicationHold', async () => {
    await accepted(await api.command('investigator', c.startMedicationHold(P1)), ['MedicationHoldStarted']);
  });

  it('RecordAssessment', async () => {
    await accepted(await api.command('coordinator', c.recordAssessment(P1)), ['AssessmentRecorded']);
  });

  it('RecordProcedure', async () => {
    await accepted(await api.command('coordinator', c.recordProcedure(P1)), ['ProcedureRecorded']);
  });

  it('ReportAdverseEvent', async () => {
    await accepted(await api.command('coordinator', c.reportAdverseEvent(P1)), ['AdverseEventReported']);
  });

  it('UpdateAdverseEvent', async () => {
    await accepted(await api.command('investigator', c.updateAdverseEvent(P1)), ['AdverseEventUpdated']);
  });

  it('RecordSafetyReportSubmitted', async () => {
    await accepted(await api.command('coordinator', c.recordSafetyReportSubmitted(P1)), ['SafetyReportSubmitted']);
  });

  it('EndMedicationHold', async () => {
    await accepted(await api.command('coordinator', c.endMedicationHold(P1)), ['MedicationHoldEnded']);
    const state = await api.get(participantPath(STUDY, P1.participantId)).expect(200);
    expect(state.body.activeMedicationHolds).toEqual({});
  });

  it('RecordSubsequentSurgery', async () => {
    await accepted(await api.command('coordinator', c.recordSubsequentSurgery(P1)), ['SubsequentSurgeryRecorded']);
  });

  it('CorrectRecord: the current state shows the amended value', async () => {
    await accepted(
      await api.command(
        'coordinator',
        c.correctRecord(P1, 'A-baseline', { vas: 6.5 }, 'VAS transcribed from the wrong line'),
      ),
      ['RecordCorrected'],
    );
    const state = await api.get(participantPath(STUDY, P1.participantId), 'safety_monitor').expect(200);
    const assessment = (state.body.records as { recordId: string; vas?: number; voided: boolean }[]).find(
      (r) => r.recordId === 'A-baseline',
    );
    expect(assessment).toMatchObject({ kind: 'assessment', vas: 6.5, quebec: 40, voided: false });
  });

  it('VoidRecord', async () => {
    await accepted(await api.command('investigator', c.voidRecord(P1, 'SURG-1')), ['RecordVoided']);
    const state = await api.get(participantPath(STUDY, P1.participantId)).expect(200);
    expect(state.body.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordId: 'SURG-1', voided: true })]),
    );
  });

  it('SignRecord (investigator), signed by the principal', async () => {
    await accepted(await api.command('investigator', c.signRecord(P1, 'A-baseline', 'approved')), ['RecordSigned']);
    const history = await api.get(`${participantPath(STUDY, P1.participantId)}/history`).expect(200);
    const signed = (history.body.events as { type: string; data: Record<string, unknown> }[]).find(
      (e) => e.type === 'RecordSigned',
    );
    expect(signed?.data).toMatchObject({
      recordId: 'A-baseline',
      meaning: 'approved',
      signedBy: { id: PRINCIPAL_IDS.investigator, role: 'investigator' },
    });
  });

  it('WithdrawParticipant', async () => {
    await accepted(await api.command('coordinator', c.withdrawParticipant(P1)), ['ParticipantWithdrawn']);
    const state = await api.get(participantPath(STUDY, P1.participantId)).expect(200);
    expect(state.body).toMatchObject({
      status: 'withdrawn',
      withdrawal: { withdrawnOn: '2024-03-15', reason: 'lost_to_follow_up' },
    });
  });

  it('a rejection answers the error body with its status and records nothing', async () => {
    const before = await api.get(`${participantPath(STUDY, P1.participantId)}/history`).expect(200);
    const res = await api.command(
      'coordinator',
      c.recordAssessment(P1, 'A-m3', { visit: 'm3', assessedOn: '2024-04-01', globalImprovement: 50 }),
    );
    expect(res.status).toBe(409); // after the withdrawal
    expect(res.body).toEqual({ error: 'AFTER_WITHDRAWAL', message: expect.any(String), field: 'data.assessedOn' });
    const after = await api.get(`${participantPath(STUDY, P1.participantId)}/history`).expect(200);
    expect(after.body.events).toHaveLength(before.body.events.length);
  });
});

describe('the recorded actor and time are the server’s', () => {
  it('records the principal as actor and the server clock as recordedAt, whatever the body says', async () => {
    const p3 = { studyId: STUDY, participantId: 'P0003' };
    const envelope = {
      ...c.withId('cmd-spoof', c.recordConsent(p3)),
      actor: { id: 'admin-01', role: 'admin' },
      recordedAt: '2020-01-01T00:00:00Z',
      comment: 'an unknown top-level key is ignored',
    };
    await accepted(await api.command('coordinator', envelope), ['ConsentRecorded']);
    const history = await api.get(`${participantPath(STUDY, p3.participantId)}/history`).expect(200);
    const [event] = history.body.events as { metadata: { actor: unknown; recordedAt: string } }[];
    expect(event?.metadata.actor).toEqual({ id: PRINCIPAL_IDS.coordinator, role: 'coordinator' });
    expect((event?.metadata.recordedAt ?? '') >= startedAt.slice(0, 19)).toBe(true);
    expect(event?.metadata.recordedAt).not.toContain('2020-01-01');
  });
});

describe('GET .../history', () => {
  it('has every event in stream order with type, streamId, revision, data and metadata; reason and recordId on amendments', async () => {
    const res = await api.get(`${participantPath(STUDY, P1.participantId)}/history`, 'irb_auditor').expect(200);
    const events = res.body.events as {
      type: string;
      streamId: string;
      revision: number;
      data: Record<string, unknown>;
      metadata: {
        actor: { id: string; role: string };
        recordedAt: string;
        commandId: string;
        reason?: string;
        recordId?: string;
      };
    }[];
    expect(events.map((e) => e.type)).toEqual([
      'ConsentRecorded',
      'ParticipantEnrolled',
      'MedicationHoldStarted',
      'AssessmentRecorded',
      'ProcedureRecorded',
      'AdverseEventReported',
      'AdverseEventUpdated',
      'SafetyReportSubmitted',
      'MedicationHoldEnded',
      'SubsequentSurgeryRecorded',
      'RecordCorrected',
      'RecordVoided',
      'RecordSigned',
      'ParticipantWithdrawn',
    ]);
    events.forEach((e, i) => {
      expect(e.streamId).toBe(p1Stream);
      expect(e.revision).toBe(i);
      expect(e.data).toMatchObject({ studyId: STUDY, participantId: P1.participantId });
      expect(e.metadata.actor).toEqual(expect.objectContaining({ id: expect.any(String), role: expect.any(String) }));
      expect(e.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(e.metadata.commandId).toEqual(expect.any(String));
      const amendment = e.type === 'RecordCorrected' || e.type === 'RecordVoided';
      expect('reason' in e.metadata).toBe(amendment);
      expect('recordId' in e.metadata).toBe(amendment);
    });
    expect(events[0]?.metadata).toMatchObject({
      actor: { id: PRINCIPAL_IDS.coordinator, role: 'coordinator' },
      commandId: 'cmd-consent-1',
    });
    expect(events[10]?.metadata).toMatchObject({
      recordId: 'A-baseline',
      reason: 'VAS transcribed from the wrong line',
    });
    expect(events[10]?.data).toMatchObject({ recordId: 'A-baseline', changes: { vas: 6.5 } });
    expect(events[11]?.metadata).toMatchObject({ recordId: 'SURG-1', reason: 'entered for the wrong participant' });
    // the original entry is never changed: the assessment still reads as first entered
    expect(events[3]?.data).toMatchObject({ assessmentId: 'A-baseline', vas: 7.5 });
  });

  it('answers 404 with the error body for an unknown study or participant', async () => {
    const unknownStudy = await api.get(`${participantPath('NOPE', 'P0001')}/history`).expect(404);
    expect(unknownStudy.body).toMatchObject({ error: 'UNKNOWN_STUDY', message: expect.any(String) });
    const unknownParticipant = await api.get(participantPath(STUDY, 'P9999')).expect(404);
    expect(unknownParticipant.body).toMatchObject({ error: 'UNKNOWN_PARTICIPANT', message: expect.any(String) });
  });
});
