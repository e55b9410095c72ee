/**
 * Many clients at once against a listening server: 50 concurrent commands at ONE participant
 * are each recorded exactly once, in a contiguous stream; concurrent repeats of one commandId
 * record it once and answer the rest as duplicates.
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const STUDY = 'S-CONC';
const P1 = { studyId: STUDY, participantId: 'P0001' };
const history = `${participantPath(STUDY, P1.participantId)}/history`;

let api: TestApi;
let url: string;

beforeAll(async () => {
  api = await startApi('concurrency');
  await api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  await api.command('admin', c.registerStudy(STUDY)).expect(201);
  await api.command('coordinator', c.recordConsent(P1)).expect(201);
  await api.command('coordinator', c.enrollParticipant(P1)).expect(201);
});
afterAll(() => api.close());

const post = (role: 'coordinator' | 'investigator', envelope: unknown) =>
  request(url)
    .post('/api/v1/commands')
    .set('Authorization', `Bearer ${api.tokens[role]}`)
    .send(envelope as object);

interface HistoryEvent {
  type: string;
  revision: number;
  data: Record<string, unknown>;
  metadata: { commandId: string };
}

it('50 concurrent commands at one participant: each accepted one recorded exactly once, revisions contiguous', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => `AE-${String(i).padStart(2, '0')}`);
  const answers = await Promise.all(
    ids.map((id, i) =>
      post(i % 2 ? 'coordinator' : 'investigator', c.withId(`c-conc-${id}`, c.reportAdverseEvent(P1, id))),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(ids.map(() => 201));

  const events = (await request(url).get(history).set('Authorization', `Bearer ${api.tokens.irb_auditor}`).expect(200))
    .body.events as HistoryEvent[];
  expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  const reported = events.filter((e) => e.type === 'AdverseEventReported');
  expect(reported.map((e) => e.data['adverseEventId']).sort()).toEqual(ids);
  for (const a of answers) {
    const [ref] = a.body.events as { revision: number; streamId: string }[];
    const recorded = events.filter((e) => e.metadata.commandId === a.body.commandId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.revision).toBe(ref?.revision);
  }
});

it('10 concurrent repeats of one command: recorded once, one 201 and nine 200 with the same answer', async () => {
  const envelope = c.withId('c-conc-repeat', c.recordSubsequentSurgery(P1, 'SURG-1'));
  const answers = await Promise.all(Array.from({ length: 10 }, () => post('coordinator', envelope)));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  for (const a of answers) expect(a.body).toEqual(answers[0]?.body);
  const events = (await request(url).get(history).set('Authorization', `Bearer ${api.tokens.irb_auditor}`).expect(200))
    .body.events as HistoryEvent[];
  expect(events.filter((e) => e.metadata.commandId === 'c-conc-repeat')).toHaveLength(1);
});
