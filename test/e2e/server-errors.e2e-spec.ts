/** A failure that is no rejection (here a store that throws): 500 with the error body, details only in the log. */
import { EVENT_STORE } from '../../libs/ledger/src';
import { startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const logLines: string[] = [];
let api: TestApi;

beforeAll(async () => {
  api = await startApi('server-errors', {
    logLevel: 'error',
    logStream: { write: (l: string) => void logLines.push(l) },
  });
  await api.command('admin', c.registerStudy('S-ERR')).expect(201);
});
afterAll(() => api.close().catch(() => undefined));

it('answers 500 INTERNAL_ERROR without internals, logs the error, and stays up', async () => {
  // A failure the ledger does not expect, whatever the store: every call into it throws.
  const store = api.app.get<Record<string, unknown>>(EVENT_STORE);
  for (const method of ['readStream', 'findCommand', 'latestRecordedAt', 'commit'])
    store[method] = () => Promise.reject(new Error('the disk caught fire'));
  const res = await api
    .command('coordinator', c.recordConsent({ studyId: 'S-ERR', participantId: 'P0001' }))
    .expect(500);
  expect(res.body).toEqual({ error: 'INTERNAL_ERROR', message: 'the server could not answer this request' });
  const logged = logLines.map((l) => JSON.parse(l) as { context?: string; err?: { message?: string } });
  expect(logged.some((e) => e.context === 'ApiExceptionFilter' && typeof e.err?.message === 'string')).toBe(true);
  await api.http().get('/health').expect(200);
});
