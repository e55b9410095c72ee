/** A failure that is no rejection (here the store gone): 500 with the error body, details only in the log. */
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
  await api.app.get<{ close(): Promise<void> }>(EVENT_STORE).close();
  const res = await api
    .command('coordinator', c.recordConsent({ studyId: 'S-ERR', participantId: 'P0001' }))
    .expect(500);
  expect(res.body).toEqual({ error: 'INTERNAL_ERROR', message: 'the server could not answer this request' });
  const logged = logLines.map((l) => JSON.parse(l) as { context?: string; err?: { message?: string } });
  expect(logged.some((e) => e.context === 'ApiExceptionFilter' && typeof e.err?.message === 'string')).toBe(true);
  await api.http().get('/health').expect(200);
});
