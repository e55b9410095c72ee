/**
 * The study report over HTTP, on the example cohort (examples/msc-spine-cohort.ndjson, the seed
 * paper's 48 patients) imported through the same pipeline as `ledger import`: the JSON route is
 * exactly computeStudyReport (and what `ledger report --json` prints), the HTML and PDF renderings,
 * the diff route equals `ledger report-diff --json`, and the errors. The read model's rebuild is
 * read-model-rebuild.e2e-spec.ts's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { cli } from '../../apps/cli/src/main';
import type { EventStore } from '../../libs/event-store/src';
import { CommandPipeline, EVENT_STORE, importLines, splitLines } from '../../libs/ledger/src';
import { computeStudyReport, readStudyEvents, type StudyReport } from '../../libs/projections/src';
import { chromiumAvailable, chromiumPath } from '../../libs/report-rendering/src';
import { ROLES } from '../../libs/trial-domain/src';
import { startApi, type TestApi } from './support/api-harness';

const STUDY = 'MSC-SPINE-1';
const COHORT = join(__dirname, '../../examples/msc-spine-cohort.ndjson');
/** The data lock of the example cohort (docs/paper-reconciliation.md). */
const DATA_LOCK = '2024-12-31T23:59:59Z';
const MID_STUDY = '2024-06-30T23:59:59Z';

const reportPath = (suffix = 'report', studyId = STUDY) => `/api/v1/studies/${studyId}/${suffix}`;

let api: TestApi;
let store: EventStore;

/** Runs the ledger CLI in this process (same LEDGER_STORE as the API) and returns its stdout. */
const runCli = async (...args: string[]): Promise<string> => {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    // The CLI waits for each write's callback (so that a failed stdout is reported): call it.
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

const computed = async (asOf: string): Promise<StudyReport> =>
  computeStudyReport(STUDY, await readStudyEvents(store, STUDY, asOf), asOf);

beforeAll(async () => {
  api = await startApi('report');
  store = api.app.get<EventStore>(EVENT_STORE);
  const pipeline = api.app.get(CommandPipeline);
  const summary = await importLines(splitLines(readFileSync(COHORT, 'utf8')), pipeline, {
    batch: (work) => store.inBatch(work),
  });
  expect({ rejected: summary.rejected, errors: summary.errors }).toEqual({ rejected: 0, errors: [] });
  expect(summary.accepted).toBe(522);
}, 120_000);
afterAll(() => api.close());

describe('GET /api/v1/studies/:studyId/report', () => {
  it('is exactly computeStudyReport for the same asOf (the data lock)', async () => {
    const res = await api.get(`${reportPath()}?asOf=${DATA_LOCK}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(await computed(DATA_LOCK));
    // the paper's figures, as the cohort reproduces them
    expect(res.body.asOf).toBe(DATA_LOCK);
    expect(res.body.slices.all.efficacy.m3).toEqual({ responders: 29, assessed: 39 });
    expect(res.body.slices.all.durability.m6).toEqual({ continued: 22, responders: 26 });
    expect(res.body.survivorship).toEqual({ atRisk: 31, surgeryFree: 28 });
  });

  it('is what `ledger report --json` prints for the same asOf', async () => {
    const [res, stdout] = await Promise.all([
      api.get(`${reportPath()}?asOf=${MID_STUDY}`).expect(200),
      runCli('report', '--study', STUDY, '--as-of', MID_STUDY, '--json'),
    ]);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(res.body).toEqual(JSON.parse(stdout));
  });

  it('counts only what was recorded by a past instant, and echoes an instant with an offset in UTC', async () => {
    const res = await api.get(`${reportPath()}?asOf=${encodeURIComponent('2024-07-01T01:59:59+02:00')}`).expect(200);
    expect(res.body).toEqual(await computed(MID_STUDY));
    expect(res.body.asOf).toBe(MID_STUDY);
    expect(res.body.eventsApplied).toBeLessThan((await computed(DATA_LOCK)).eventsApplied);
  });

  it('without asOf, is the report as of now', async () => {
    const before = Date.now();
    const res = await api.get(reportPath()).expect(200);
    const asOf = Date.parse(res.body.asOf);
    expect(asOf).toBeGreaterThanOrEqual(before - 1000);
    expect(asOf).toBeLessThanOrEqual(Date.now() + 1000);
    expect(res.body).toEqual(await computed(res.body.asOf));
    expect(res.body.survivorship).toEqual({ atRisk: 48, surgeryFree: 45 });
  });

  it('may be read by every role', async () => {
    for (const role of ROLES) {
      const res = await api.get(`${reportPath()}?asOf=${DATA_LOCK}`, role);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
    }
  });
});

describe('GET .../report.html', () => {
  let res: Response;
  beforeAll(async () => {
    res = await api.get(`${reportPath('report.html')}?asOf=${DATA_LOCK}`).expect(200);
  });

  it('is a self-contained HTML page with the paper-style cells, the as-of and the event count', async () => {
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const html = res.text;
    const eventsApplied = (await computed(DATA_LOCK)).eventsApplied;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(DATA_LOCK);
    expect(html.replace(/\s+/g, ' ')).toContain(`${eventsApplied} events of the study recorded`);
    for (const cell of ['29/39 = 74%', '22/36 = 61%', '22/26 = 85%', '18/22 = 82%', '6/10 = 60%', '28/31 = 90%'])
      expect(html).toContain(cell);
    expect(html).not.toMatch(/<script/i);
    // the flow diagram and three charts
    expect((html.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});

describe('GET .../report.pdf', () => {
  const available = chromiumAvailable();
  const reason = `no Chromium at ${chromiumPath()} (install Debian's chromium, or set CHROMIUM_PATH)`;
  if (!available) process.stderr.write(`\n[report.e2e-spec] SKIPPING the PDF route test: ${reason}\n\n`);

  (available ? it : it.skip)(
    available ? 'is an A4 PDF' : `is an A4 PDF (skipped: ${reason})`,
    async () => {
      const res = await api
        .get(`${reportPath('report.pdf')}?asOf=${DATA_LOCK}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        'inline; filename="MSC-SPINE-1-report-as-of-2024-12-31T23_59_59Z.pdf"',
      );
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    120_000,
  );
});

describe('GET .../report-diff', () => {
  it('is what `ledger report-diff --json` prints', async () => {
    const [res, stdout] = await Promise.all([
      api.get(`${reportPath('report-diff')}?from=${MID_STUDY}&to=${DATA_LOCK}`).expect(200),
      runCli('report-diff', '--study', STUDY, '--from', MID_STUDY, '--to', DATA_LOCK, '--json'),
    ]);
    expect(res.body).toEqual(JSON.parse(stdout));
    expect(res.body).toMatchObject({ studyId: STUDY, from: MID_STUDY, to: DATA_LOCK });
    expect(res.body.changes.length).toBeGreaterThan(0);
    expect(res.body.changes).toContainEqual(expect.objectContaining({ path: 'survivorship.atRisk', to: 31 }));
    expect(res.body.events.length).toBeGreaterThan(0);
    for (const e of res.body.events as { recordedAt: string }[]) {
      expect(e.recordedAt > MID_STUDY).toBe(true);
      expect(e.recordedAt <= DATA_LOCK).toBe(true);
    }
  }, 30_000);

  it('needs both instants, in order', async () => {
    const missing = await api.get(`${reportPath('report-diff')}?from=${MID_STUDY}`).expect(400);
    expect(missing.body).toEqual({ error: 'VALIDATION_FAILED', message: expect.any(String), field: 'to' });
    const reversed = await api.get(`${reportPath('report-diff')}?from=${DATA_LOCK}&to=${MID_STUDY}`).expect(422);
    expect(reversed.body).toEqual({ error: 'FROM_AFTER_TO', message: expect.any(String), field: 'from' });
  });
});

describe('errors', () => {
  it.each([
    ['report', 'asOf=yesterday'],
    ['report', 'asOf=2024-12-31'],
    ['report', 'asOf=2024-12-31T23:59:59'],
    ['report', 'asOf='],
    ['report', 'asOf=2024-12-31T23:59:59Z&asOf=2025-01-01T00:00:00Z'],
    ['report.html', 'asOf=2024-13-01T00:00:00Z'],
    ['report.pdf', 'asOf=not-an-instant'],
  ])('400 with the error body for a bad asOf: %s?%s', async (route, query) => {
    const res = await api.get(`${reportPath(route)}?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: 'VALIDATION_FAILED', message: expect.stringContaining('asOf'), field: 'asOf' });
  });

  it.each(['report', 'report.html', 'report.pdf', 'report-diff?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z'])(
    '404 for an unknown study: %s',
    async (route) => {
      const res = await api.get(reportPath(route, 'NO-SUCH-STUDY')).expect(404);
      expect(res.body).toEqual({ error: 'UNKNOWN_STUDY', message: 'unknown study NO-SUCH-STUDY', field: 'studyId' });
    },
  );

  it.each(['report', 'report.html', 'report.pdf', `report-diff?from=${MID_STUDY}&to=${DATA_LOCK}`])(
    '401 without a token or with an unknown one: %s',
    async (route) => {
      const none = await api.http().get(reportPath(route)).expect(401);
      expect(none.body).toEqual({ error: 'UNAUTHORIZED', message: expect.any(String) });
      expect(none.headers['www-authenticate']).toBe('Bearer');
      await api.http().get(reportPath(route)).set('Authorization', 'Bearer nope').expect(401);
    },
  );
});

describe('the OpenAPI document', () => {
  it('describes the report routes, their media types and the rebuild', async () => {
    const doc = (await api.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const studies = '/api/v1/studies/{studyId}';
    expect(doc.paths[`${studies}/report`]?.['get']?.responses['200']?.content).toHaveProperty('application/json');
    expect(doc.paths[`${studies}/report.html`]?.['get']?.responses['200']?.content).toHaveProperty('text/html');
    expect(doc.paths[`${studies}/report.pdf`]?.['get']?.responses['200']?.content).toHaveProperty('application/pdf');
    expect(doc.paths[`${studies}/report-diff`]?.['get']?.responses).toHaveProperty('422');
    expect(doc.paths['/api/v1/projections/rebuild']?.['post']?.responses).toHaveProperty('403');
    for (const name of ['StudyReportDto', 'SafetyDto', 'ExpeditedReportDto', 'ReportDiffDto', 'RebuildJobDto'])
      expect(doc.components.schemas).toHaveProperty(name);
  });
});
