/**
 * Identity (401) and role (403) over HTTP (commands.md "Roles", "HTTP"): both judged before
 * anything else, and a refused command records nothing. Bearer tokens never reach the logs.
 */
import { ROLES, type Role } from '../../libs/trial-domain/src';
import { PRINCIPAL_IDS, participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const STUDY = 'S-AUTH';
const P1 = { studyId: STUDY, participantId: 'P0001' };
const history = `${participantPath(STUDY, P1.participantId)}/history`;
const logLines: string[] = [];

let api: TestApi;

beforeAll(async () => {
  api = await startApi('auth', { logLevel: 'info', logStream: { write: (line: string) => void logLines.push(line) } });
  await api.command('admin', c.registerStudy(STUDY)).expect(201);
  for (const e of [
    c.recordConsent(P1),
    c.enrollParticipant(P1),
    c.recordAssessment(P1),
    c.reportAdverseEvent(P1),
    c.startMedicationHold(P1),
  ])
    await api.command('coordinator', e).expect(201);
});
afterAll(() => api.close());

const unauthorizedBody = { error: 'UNAUTHORIZED', message: expect.any(String) };

describe('401: identity', () => {
  it('refuses a command without a token, with the error body and a Bearer challenge', async () => {
    const res = await api.http().post('/api/v1/commands').send(c.recordConsent(P1)).expect(401);
    expect(res.body).toEqual(unauthorizedBody);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses an unknown token, a malformed header and another scheme', async () => {
    for (const authorization of [
      'Bearer not-a-known-token',
      'Bearer',
      `Basic ${api.tokens.admin}`,
      api.tokens.admin,
      `Bearer ${api.tokens.admin}x`,
    ]) {
      const res = await api
        .http()
        .post('/api/v1/commands')
        .set('Authorization', authorization)
        .send(c.registerStudy('S-X'));
      expect({ authorization, status: res.status, body: res.body }).toEqual({
        authorization,
        status: 401,
        body: unauthorizedBody,
      });
    }
  });

  it('accepts the scheme in any case', async () => {
    await api
      .http()
      .get(participantPath(STUDY, P1.participantId))
      .set('Authorization', `bearer ${api.tokens.irb_auditor}`)
      .expect(200);
  });

  it('guards the reads and unknown routes too', async () => {
    expect((await api.http().get(history).expect(401)).body).toEqual(unauthorizedBody);
    expect((await api.http().get(participantPath(STUDY, P1.participantId)).expect(401)).body).toEqual(unauthorizedBody);
    expect((await api.http().get('/api/v1/nowhere').expect(401)).body).toEqual(unauthorizedBody);
  });

  it('judges identity before the body: no token is 401 even for a non-JSON or oversized body', async () => {
    await api.http().post('/api/v1/commands').set('Content-Type', 'text/plain').send('hello').expect(401);
    await api.http().post('/api/v1/commands').set('Content-Type', 'application/json').send('{not json').expect(401);
    await api
      .http()
      .post('/api/v1/commands')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }))
      .expect(401);
  });

  it('lets anyone reach /health and the OpenAPI document', async () => {
    expect((await api.http().get('/health').expect(200)).body).toMatchObject({ status: 'ok' });
    await api.http().get('/api/docs').expect(200).expect('Content-Type', /html/);
    const doc = await api.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
  });
});

const PARTICIPANT_COMMANDS: Record<string, () => c.TestEnvelope> = {
  RecordConsent: () => c.recordConsent({ studyId: STUDY, participantId: 'P0100' }),
  EnrollParticipant: () => c.enrollParticipant(P1),
  StartMedicationHold: () => c.startMedicationHold(P1, 'opiate'),
  EndMedicationHold: () => c.endMedicationHold(P1, 'nsaid'),
  RecordProcedure: () => c.recordProcedure(P1, 'PROC-X'),
  RecordAssessment: () => c.recordAssessment(P1, 'A-m1', { visit: 'm1', assessedOn: '2024-02-20' }),
  ReportAdverseEvent: () => c.reportAdverseEvent(P1, 'AE-X'),
  UpdateAdverseEvent: () => c.updateAdverseEvent(P1, 'AE-1'),
  RecordSafetyReportSubmitted: () => c.recordSafetyReportSubmitted(P1, 'AE-1'),
  RecordSubsequentSurgery: () => c.recordSubsequentSurgery(P1, 'SURG-X'),
  WithdrawParticipant: () => c.withdrawParticipant(P1),
  CorrectRecord: () => c.correctRecord(P1, 'A-baseline', { quebec: 41 }),
  VoidRecord: () => c.voidRecord(P1, 'AE-1'),
  SignRecord: () => c.signRecord(P1, 'A-baseline'),
};

const forbiddenCases: [Role, string, () => c.TestEnvelope][] = [
  ...(['safety_monitor', 'irb_auditor', 'admin'] as const).flatMap((role) =>
    Object.entries(PARTICIPANT_COMMANDS)
      // The safety desk files expedited reports (commands.md "Roles"), and nothing else.
      .filter(([type]) => !(role === 'safety_monitor' && type === 'RecordSafetyReportSubmitted'))
      .map(([type, make]): [Role, string, () => c.TestEnvelope] => [role, type, make]),
  ),
  ['coordinator', 'SignRecord', PARTICIPANT_COMMANDS.SignRecord!],
  ...ROLES.filter((r) => r !== 'admin').map((role): [Role, string, () => c.TestEnvelope] => [
    role,
    'RegisterStudy',
    () => c.registerStudy('S-NEW'),
  ]),
];

describe('403: the role matrix, with nothing recorded', () => {
  let before: unknown[];
  beforeAll(async () => {
    before = (await api.get(history).expect(200)).body.events;
  });

  it.each(forbiddenCases)('%s may not run %s', async (role, type, make) => {
    const envelope = make();
    expect(envelope.type).toBe(type);
    const res = await api.command(role, c.withId(`forbidden-${role}-${type}`, envelope));
    expect({ status: res.status, body: res.body }).toEqual({
      status: 403,
      body: { error: 'FORBIDDEN', message: expect.any(String), field: 'type' },
    });
  });

  it('recorded nothing: the history is unchanged and the study was not registered', async () => {
    expect((await api.get(history).expect(200)).body.events).toEqual(before);
    await api.get(participantPath('S-NEW', 'P0001')).expect(404, /UNKNOWN_STUDY/);
  });

  it('judges the role before the envelope: a forbidden command with a null commandId is 403', async () => {
    const res = await api.command('safety_monitor', { ...c.recordConsent(P1), commandId: null });
    expect(res.status).toBe(403);
  });

  it('a refused command keeps no commandId: the same id is judged afresh for an allowed principal', async () => {
    await api
      .command('coordinator', c.withId('forbidden-coordinator-SignRecord', c.signRecord(P1, 'A-baseline')))
      .expect(403);
    const res = await api.command(
      'investigator',
      c.withId('forbidden-coordinator-SignRecord', c.signRecord(P1, 'A-baseline')),
    );
    expect(res.status).toBe(201);
    const signed = (await api.get(history).expect(200)).body.events.at(-1);
    expect(signed.metadata.actor).toEqual({ id: PRINCIPAL_IDS.investigator, role: 'investigator' });
  });

  it('safety_monitor records a safety-report submission, as the safety desk files them', async () => {
    const res = await api.command('safety_monitor', c.recordSafetyReportSubmitted(P1, 'AE-1'));
    expect(res.status).toBe(201);
    const submitted = (await api.get(history).expect(200)).body.events.at(-1);
    expect(submitted).toMatchObject({
      type: 'SafetyReportSubmitted',
      metadata: { actor: { id: PRINCIPAL_IDS.safety_monitor, role: 'safety_monitor' } },
    });
  });

  it('every role may read', async () => {
    for (const role of ROLES) {
      await api.get(participantPath(STUDY, P1.participantId), role).expect(200);
      await api.get(history, role).expect(200);
    }
  });

  it('only admin registers a study', async () => {
    await api.command('admin', c.registerStudy('S-NEW')).expect(201);
  });
});

describe('request logs', () => {
  it('are structured, name the principal, and never hold a bearer token', async () => {
    await api.get(history, 'coordinator').expect(200);
    const entries = logLines.map(
      (l) => JSON.parse(l) as { req?: { url?: string; headers?: Record<string, string> }; principal?: unknown },
    );
    const completed = entries.filter((e) => e.req?.url === history && e.req.headers?.['authorization'] !== undefined);
    expect(completed.length).toBeGreaterThan(0);
    expect(completed.at(-1)?.req?.headers?.['authorization']).toBe('[redacted]');
    expect(completed.at(-1)?.principal).toEqual({ id: PRINCIPAL_IDS.coordinator, role: 'coordinator' });
    const all = logLines.join('\n');
    for (const token of Object.values(api.tokens)) expect(all).not.toContain(token);
  });
});
