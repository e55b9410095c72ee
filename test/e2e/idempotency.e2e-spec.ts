/**
 * Idempotency over HTTP (commands.md "Idempotency"): the commandId is looked up first; the same
 * id with the same type and data from the same principal is a duplicate (200, the first answer,
 * nothing recorded), whatever else the body holds; otherwise the id is 409.
 */
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const STUDY = 'S-IDEM';
const P1 = { studyId: STUDY, participantId: 'P0001' };
const history = `${participantPath(STUDY, P1.participantId)}/history`;

let api: TestApi;

beforeAll(async () => {
  api = await startApi('idempotency');
  await api.command('admin', c.registerStudy(STUDY)).expect(201);
  await api.command('coordinator', c.recordConsent(P1)).expect(201);
});
afterAll(() => api.close());

const eventCount = async (): Promise<number> => ((await api.get(history).expect(200)).body.events as unknown[]).length;

describe('a repeated commandId', () => {
  it('with the same body: 200 with the first answer, nothing recorded', async () => {
    const envelope = c.withId('c-enroll', c.enrollParticipant(P1));
    const first = await api.command('coordinator', envelope).expect(201);
    const count = await eventCount();
    const again = await api.command('coordinator', envelope).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });

  it('is a duplicate even though the command would now be rejected (already enrolled)', async () => {
    await api.command('coordinator', c.enrollParticipant(P1)).expect(409);
    await api.command('coordinator', c.withId('c-enroll', c.enrollParticipant(P1))).expect(200);
  });

  it('compares JSON values: key order, whitespace and 5 vs 5.0 do not matter, nor recordedAt, actor or ignored keys', async () => {
    const first = await api
      .command('coordinator', c.withId('c-assess', c.recordAssessment(P1, 'A-1', { vas: 5, quebec: 30 })))
      .expect(201);
    const count = await eventCount();
    const text = `{ "data": { "quebec": 30.0, "vas": 5.0, "assessedOn": "2024-01-20", "visit": "baseline", "assessmentId": "A-1",
      "participantId": "P0001", "studyId": "S-IDEM" }, "type": "RecordAssessment", "commandId": "c-assess",
      "recordedAt": "2024-01-01T00:00:00Z", "actor": { "id": "someone", "role": "admin" }, "note": [1, 2, 3] }`;
    const again = await api
      .http()
      .post('/api/v1/commands')
      .set('Authorization', `Bearer ${api.tokens.coordinator}`)
      .set('Content-Type', 'application/json')
      .send(text)
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });

  it('with a different body: 409', async () => {
    const count = await eventCount();
    const res = await api
      .command('coordinator', c.withId('c-assess', c.recordAssessment(P1, 'A-1', { vas: 6, quebec: 30 })))
      .expect(409);
    expect(res.body).toEqual({ error: 'COMMAND_ID_REUSED', message: expect.any(String), field: 'commandId' });
    // looked up before any other rule: a malformed envelope under a used id is 409 too
    await api.command('coordinator', { commandId: 'c-assess', type: 'NoSuchCommand', data: 'x' }).expect(409);
    expect(await eventCount()).toBe(count);
  });

  it('with the same body from another principal: 409', async () => {
    const res = await api.command('investigator', c.withId('c-enroll', c.enrollParticipant(P1))).expect(409);
    expect(res.body).toMatchObject({ error: 'COMMAND_ID_REUSED' });
  });

  it('of a rejected command is judged afresh: a rejection records nothing, not even its id', async () => {
    const envelope = c.withId('c-ae', c.reportAdverseEvent(P1, 'AE-1'));
    await api.command('coordinator', { ...envelope, data: { ...envelope.data, grade: 9 } }).expect(400);
    await api.command('coordinator', envelope).expect(201);
    await api.command('coordinator', envelope).expect(200);
  });
});
