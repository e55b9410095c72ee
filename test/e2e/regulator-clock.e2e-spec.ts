/**
 * The regulator's clock over HTTP (docs/decisions/0012): awareOn on ReportAdverseEvent and
 * UpdateAdverseEvent, the listing's `regulator` and `followUpReportNeeded` beside the contract's
 * fields, a regulator submission recorded by the safety desk, and the OpenAPI document's awareOn.
 */
import { addDays, daysBetween } from '../../libs/trial-domain/src';
import { startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const S = 'S-REGULATOR';
const P1 = { studyId: S, participantId: 'P1' };
const SERIOUS = {
  grade: 3,
  serious: true,
  seriousCriteria: ['hospitalization'],
  relatedToProcedure: 'probable',
  expected: false,
};

let api: TestApi;

beforeAll(async () => {
  api = await startApi('regulator-clock');
  await api.command('admin', c.registerStudy(S)).expect(201);
  await api.command('coordinator', c.recordConsent(P1)).expect(201);
});

afterAll(() => api.close());

const entry = async (adverseEventId: string) => {
  const res = await api.get(`/api/v1/studies/${S}/adverse-events?participantId=P1`).expect(200);
  const e = res.body.adverseEvents.find((a: { adverseEventId: string }) => a.adverseEventId === adverseEventId);
  return { asOfDate: (res.body.asOf as string).slice(0, 10), e };
};

it('starts the regulator clock at awareOn, 15 days, and stops it with a regulator submission only', async () => {
  await api.command('coordinator', c.reportAdverseEvent(P1, 'AE-1', { ...SERIOUS, awareOn: '2024-02-04' })).expect(201);
  const { asOfDate, e } = await entry('AE-1');
  expect(e.regulator).toEqual({
    awareOn: '2024-02-04',
    dueOn: '2024-02-19',
    daysLeft: daysBetween(asOfDate, '2024-02-19'),
    submittedOn: null,
    overdue: true,
  });
  // the IRB clock starts the day it was recorded, as before
  expect(e.expedited).toMatchObject({ clockStartedOn: asOfDate, dueOn: addDays(asOfDate, 15), overdue: false });
  expect(e.followUpReportNeeded).toBe(false);

  await api
    .command('safety_monitor', {
      ...c.recordSafetyReportSubmitted(P1, 'AE-1'),
      data: { ...P1, adverseEventId: 'AE-1', recipient: 'regulator', submittedOn: '2024-02-19' },
    })
    .expect(201);
  expect((await entry('AE-1')).e.regulator).toMatchObject({ submittedOn: '2024-02-19', overdue: false });
});

it('defaults awareOn to the IRB clock start, and follows an UpdateAdverseEvent', async () => {
  await api.command('coordinator', c.reportAdverseEvent(P1, 'AE-2', SERIOUS)).expect(201);
  const before = await entry('AE-2');
  expect(before.e.regulator.awareOn).toBe(before.e.expedited.clockStartedOn);
  await api.command('coordinator', c.updateAdverseEvent(P1, 'AE-2', { awareOn: '2024-02-10' })).expect(201);
  expect((await entry('AE-2')).e.regulator).toMatchObject({ awareOn: '2024-02-10', dueOn: '2024-02-25' });
});

it('refuses an awareOn before the onset (422) or null (400)', async () => {
  const early = await api
    .command('coordinator', c.reportAdverseEvent(P1, 'AE-3', { awareOn: '2024-02-01' }))
    .expect(422);
  expect(early.body).toMatchObject({ error: 'AWARE_BEFORE_ONSET', field: 'data.awareOn' });
  await api.command('coordinator', c.updateAdverseEvent(P1, 'AE-2', { awareOn: null })).expect(400);
});

it('flags an upgrade to life-threatening after a report as needing a follow-up report', async () => {
  await api
    .command('coordinator', c.updateAdverseEvent(P1, 'AE-1', { grade: 4, seriousCriteria: ['life_threatening'] }))
    .expect(201);
  const { e } = await entry('AE-1');
  expect(e.followUpReportNeeded).toBe(true);
  // 7 days from awareness now that it is life-threatening
  expect(e.regulator).toMatchObject({ dueOn: '2024-02-11', overdue: true });
});

it('documents awareOn in the OpenAPI document, from the domain schema', async () => {
  const doc = await api.http().get('/api/docs-json').expect(200);
  expect(doc.body.components.schemas.ReportAdverseEventData.properties.awareOn).toEqual({
    type: 'string',
    format: 'date',
  });
  const entrySchema = doc.body.components.schemas.AdverseEventListingEntryDto;
  expect(Object.keys(entrySchema.properties)).toEqual(expect.arrayContaining(['regulator', 'followUpReportNeeded']));
});
