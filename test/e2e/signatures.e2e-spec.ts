/**
 * Part 11 signatures over HTTP (audit.md "Signatures"): SignRecord needs the signer's signing
 * password re-entered; missing or wrong is 401 and records nothing; five failures lock signing
 * for that principal; an investigator without a signing password cannot sign (403); the
 * signature carries the printed name; the password is never echoed.
 */
import { participantPath, SIGNING_PASSWORD, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const S = 'S-SIGN';
const P1 = { studyId: S, participantId: 'P1' };
let api: TestApi;

const sign = (password: string | undefined, commandId?: string) => {
  const req = api.http().post('/api/v1/commands').set('Authorization', `Bearer ${api.tokens.investigator}`);
  const envelope = c.signRecord(P1, 'A-baseline');
  return (password === undefined ? req : req.set('X-Signing-Password', password)).send(
    commandId === undefined ? envelope : c.withId(commandId, envelope),
  );
};

const historyLength = async () =>
  (await api.get(`${participantPath(S, 'P1')}/history`).expect(200)).body.events.length as number;

beforeAll(async () => {
  api = await startApi('signatures');
  await api.command('admin', c.registerStudy(S)).expect(201);
  await api.command('coordinator', c.recordConsent(P1)).expect(201);
  await api.command('coordinator', c.enrollParticipant(P1)).expect(201);
  await api.command('coordinator', c.recordAssessment(P1)).expect(201);
}, 60_000);
afterAll(() => api.close());

it('refuses a signature without the signing password, or with a wrong one, with 401 and nothing recorded', async () => {
  const before = await historyLength();
  const missing = await sign(undefined).expect(401);
  expect(missing.body).toEqual({
    error: 'SIGNATURE_AUTH_FAILED',
    message: expect.any(String),
    field: 'X-Signing-Password',
  });
  const wrong = await sign('not it').expect(401);
  expect(wrong.body.error).toBe('SIGNATURE_AUTH_FAILED');
  expect(JSON.stringify(wrong.body)).not.toContain('not it');
  expect(await historyLength()).toBe(before);
});

it('records the signature with the printed name once the password is re-entered', async () => {
  await sign(SIGNING_PASSWORD, 'sign-ok').expect(201);
  const h = await api.get(`${participantPath(S, 'P1')}/records/A-baseline/history`).expect(200);
  expect(h.body.signatures).toEqual([
    expect.objectContaining({
      signer: { id: 'inv-01', role: 'investigator', name: 'Dr. Ines Vega' },
      meaning: 'reviewed',
      version: 1,
      current: true,
      imported: false,
    }),
  ]);
  const events = (await api.get(`${participantPath(S, 'P1')}/history`).expect(200)).body.events;
  expect(JSON.stringify(events)).not.toContain(SIGNING_PASSWORD);
});

it('a coordinator is 403 whatever the password; the role is judged first', async () => {
  const res = await api
    .http()
    .post('/api/v1/commands')
    .set('Authorization', `Bearer ${api.tokens.coordinator}`)
    .set('X-Signing-Password', SIGNING_PASSWORD)
    .send(c.signRecord(P1, 'A-baseline'))
    .expect(403);
  expect(res.body.error).toBe('FORBIDDEN');
});

it('locks signing for 15 minutes after five failures, even with the right password then', async () => {
  // Two failures were made in the first test: three more within the window make five.
  for (let i = 0; i < 2; i++) await sign(`wrong-${i}`).expect(401, /SIGNATURE_AUTH_FAILED/);
  await sign('wrong-fifth').expect(401, /SIGNATURE_AUTH_FAILED/);
  const locked = await sign(SIGNING_PASSWORD).expect(401);
  expect(locked.body.error).toBe('SIGNING_LOCKED');
});
