/**
 * The HTTP edge (commands.md "HTTP", "Envelope", "Errors"): JSON bodies only, 1 MiB at most,
 * hostile bodies refused without harm, the envelope judged as the contract says (and not as a
 * generic validation pipe would), and every 4xx with the error body.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { MAX_BODY_BYTES } from '../../apps/api/src/http/json-body.middleware';
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

const STUDY = 'S-EDGE';
const P1 = { studyId: STUDY, participantId: 'P0001' };

let api: TestApi;
let n = 0;
/** A fresh consent (a new participant), always acceptable. */
const freshConsent = (): c.TestEnvelope => c.recordConsent({ studyId: STUDY, participantId: `P${1000 + ++n}` });

beforeAll(async () => {
  api = await startApi('edge');
  await api.command('admin', c.registerStudy(STUDY)).expect(201);
  await api.command('coordinator', c.recordConsent(P1)).expect(201);
  await api.command('coordinator', c.enrollParticipant(P1)).expect(201);
});
afterAll(() => api.close());

const post = (role: 'coordinator' | 'admin' = 'coordinator') =>
  api.http().post('/api/v1/commands').set('Authorization', `Bearer ${api.tokens[role]}`);

const errorBody = (error: string, field?: string) => ({
  error,
  message: expect.any(String),
  ...(field !== undefined && { field }),
});

describe('media type and size', () => {
  it('415 for a body that is not application/json', async () => {
    const text = await post().set('Content-Type', 'text/plain').send(JSON.stringify(freshConsent())).expect(415);
    expect(text.body).toEqual(errorBody('UNSUPPORTED_MEDIA_TYPE'));
    const form = await post().type('form').send({ type: 'RecordConsent' }).expect(415);
    expect(form.body).toEqual(errorBody('UNSUPPORTED_MEDIA_TYPE'));
    await post().expect(415); // a POST without any body or Content-Type
  });

  it('accepts application/json with a charset parameter', async () => {
    await post()
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(freshConsent()))
      .expect(201);
  });

  it('413 for a body over 1 MiB; a body just under the limit is read (its padding is an ignored key)', async () => {
    const envelope = freshConsent();
    const base = JSON.stringify({ ...envelope, pad: '' }).length;
    const under = JSON.stringify({ ...envelope, pad: 'x'.repeat(MAX_BODY_BYTES - base) });
    expect(Buffer.byteLength(under)).toBe(MAX_BODY_BYTES);
    await post().set('Content-Type', 'application/json').send(under).expect(201);
    const over = JSON.stringify({ ...freshConsent(), pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await post().set('Content-Type', 'application/json').send(over).expect(413);
    expect(res.body).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
  });

  it('400 for invalid JSON', async () => {
    for (const text of ['{"type": "RecordConsent",', '{bad}', '"just a string"', 'null', '']) {
      const res = await post().set('Content-Type', 'application/json').send(text);
      expect({ text, status: res.status }).toEqual({ text, status: 400 });
      expect(res.body).toEqual({
        error: expect.any(String),
        message: expect.any(String),
        ...(res.body.field && { field: res.body.field }),
      });
    }
    const res = await post().set('Content-Type', 'application/json').send('{"type": }').expect(400);
    expect(res.body).toEqual(errorBody('INVALID_JSON'));
  });
});

describe('Content-Encoding', () => {
  const compress = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;
  const encodings = Object.keys(compress) as (keyof typeof compress)[];
  // superagent would serialize a Buffer as JSON ({"type":"Buffer",…}) under application/json
  const asIs = (bytes: Buffer) => bytes as unknown as string;
  const postEncoded = (encoding: string, bytes: Buffer) =>
    post().set('Content-Type', 'application/json').set('Content-Encoding', encoding).serialize(asIs).send(bytes);

  it.each(encodings)('a %s body is read', async (encoding) => {
    const bytes = compress[encoding](Buffer.from(JSON.stringify(freshConsent())));
    await postEncoded(encoding, bytes).expect(201);
  });

  it.each(encodings)(
    '400 naming the encoding for corrupt %s bytes, and the server keeps answering',
    async (encoding) => {
      const res = await postEncoded(
        encoding,
        Buffer.from('{"type": "RecordConsent", "these bytes are not compressed"}'),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'INVALID_JSON',
        message: expect.stringContaining(`not valid ${encoding} data`),
      });
      await api.command('coordinator', freshConsent()).expect(201);
    },
  );

  it.each(encodings)('400 for a truncated %s body', async (encoding) => {
    const whole = compress[encoding](Buffer.from(JSON.stringify(freshConsent())));
    const res = await postEncoded(encoding, whole.subarray(0, Math.floor(whole.length / 2))).expect(400);
    expect(res.body).toEqual({ error: 'INVALID_JSON', message: expect.stringContaining(`not valid ${encoding} data`) });
  });

  it('400 INVALID_JSON for valid gzip of invalid JSON', async () => {
    const res = await postEncoded('gzip', gzipSync(Buffer.from('{"type": }'))).expect(400);
    expect(res.body).toEqual(errorBody('INVALID_JSON'));
  });

  it('413 when the decompressed body is over 1 MiB, however small the compressed one', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ...freshConsent(), pad: 'x'.repeat(8 * MAX_BODY_BYTES) })));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await postEncoded('gzip', bomb).expect(413);
    expect(res.body).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
  });

  it('415 for an encoding the server does not decode', async () => {
    for (const encoding of ['compress', 'x-unknown']) {
      const res = await postEncoded(encoding, Buffer.from(JSON.stringify(freshConsent())));
      expect({ encoding, status: res.status, body: res.body }).toEqual({
        encoding,
        status: 415,
        body: errorBody('UNSUPPORTED_MEDIA_TYPE'),
      });
    }
  });
});

describe('hostile bodies', () => {
  const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);

  it.each([
    ['a 100k-level array', deepArray, /must be a JSON object/],
    ['a 100k-level object', deepObject, /type must be one of/],
    ['a 100k-level data', `{"type":"RecordConsent","data":${deepObject}}`, /data\.a is not an allowed field/],
  ])('%s is answered 400 and the server keeps answering', async (_, text, message) => {
    const res = await post().set('Content-Type', 'application/json').send(text);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    await api.http().get('/health').expect(200);
    await api.command('coordinator', freshConsent()).expect(201);
  });

  it('an ignored envelope key is ignored whatever its value, even 100k levels deep', async () => {
    const body = JSON.stringify({ ...freshConsent(), recordedAt: 12, actor: 'nobody' }).replace(
      /}$/,
      `,"x":${deepArray}}`,
    );
    await post().set('Content-Type', 'application/json').send(body).expect(201);
    await api.http().get('/health').expect(200);
  });
});

describe('the envelope, judged as the contract says', () => {
  it('400 naming the field for a value of the wrong type', async () => {
    const res = await api.command('coordinator', c.recordAssessment(P1, 'A-1', { vas: '7' })).expect(400);
    expect(res.body).toEqual({
      error: 'VALIDATION_FAILED',
      message: expect.stringContaining('data.vas'),
      field: 'data.vas',
    });
    const range = await api.command('coordinator', c.recordAssessment(P1, 'A-1', { vas: 10.5 })).expect(400);
    expect(range.body).toEqual({
      error: 'VALIDATION_FAILED',
      message: 'data.vas must not be greater than 10',
      field: 'data.vas',
    });
  });

  it('400 for an unknown command type', async () => {
    const res = await api
      .command('coordinator', { type: 'DeleteParticipant', data: { studyId: STUDY, participantId: 'P0001' } })
      .expect(400);
    expect(res.body).toEqual(errorBody('VALIDATION_FAILED', 'type'));
  });

  it('400 for an unknown field in data, even though unknown envelope keys are ignored', async () => {
    const res = await api
      .command('coordinator', { ...freshConsent(), data: { ...freshConsent().data, notes: 'x' } })
      .expect(400);
    expect(res.body).toEqual(errorBody('VALIDATION_FAILED', `data.notes`));
  });

  it('commandId: null, empty or over 128 UTF-16 code units is 400; 128 is fine', async () => {
    for (const commandId of [null, '', 'x'.repeat(129), 42, ['c-1']]) {
      const res = await api.command('coordinator', { ...freshConsent(), commandId });
      expect({ commandId, status: res.status, body: res.body }).toEqual({
        commandId,
        status: 400,
        body: {
          error: 'VALIDATION_FAILED',
          message: 'commandId must be a string of 1-128 characters',
          field: 'commandId',
        },
      });
    }
    await api.command('coordinator', { ...freshConsent(), commandId: '😀'.repeat(64) }).expect(201);
  });

  it('400 when the body is JSON but not an object', async () => {
    const res = await post().set('Content-Type', 'application/json').send('[1,2]').expect(400);
    expect(res.body).toEqual(errorBody('VALIDATION_FAILED'));
  });

  it('the body reaches the pipeline untouched: numbers as sent, nothing stripped or coerced', async () => {
    const res = await api
      .command('coordinator', c.recordAssessment(P1, 'A-base', { vas: 5.0, quebec: 40.0 }))
      .expect(201);
    const history = await api.get(`${participantPath(STUDY, P1.participantId)}/history`).expect(200);
    const event = (history.body.events as { type: string; data: Record<string, unknown> }[]).find(
      (e) => e.type === 'AssessmentRecorded',
    );
    expect(event?.data).toMatchObject({ vas: 5, quebec: 40 });
    expect(res.body.events).toHaveLength(1);
  });
});

describe('routes', () => {
  it('404 with the error body for an unknown route', async () => {
    const res = await api.get('/api/v1/nowhere').expect(404);
    expect(res.body).toEqual(errorBody('NOT_FOUND'));
    expect((await api.get('/api/v1/commands').expect(404)).body).toEqual(errorBody('NOT_FOUND'));
  });

  it('/health answers liveness', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });
});

describe('the OpenAPI document', () => {
  it('describes the routes and the DTOs, with the data schema of every command type', async () => {
    const doc = (await api.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
      components: {
        schemas: Record<
          string,
          {
            enum?: string[];
            properties?: Record<string, { allOf?: unknown[]; oneOf?: unknown[] }>;
            required?: string[];
          }
        >;
      };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/commands',
        '/api/v1/studies/{studyId}/participants/{participantId}',
        '/api/v1/studies/{studyId}/participants/{participantId}/history',
        '/health',
      ]),
    );
    expect(doc.paths['/api/v1/studies/{studyId}/report']).toBeDefined();
    const schemas = doc.components.schemas;
    expect(schemas['EnvelopeDto']?.properties?.['type']?.allOf).toEqual([{ $ref: '#/components/schemas/CommandType' }]);
    expect(schemas['EnvelopeDto']?.required).toEqual(['type', 'data']);
    expect(schemas['CommandType']?.enum).toHaveLength(15);
    expect(schemas['EnvelopeDto']?.properties?.['data']?.oneOf).toHaveLength(15);
    expect(schemas['RecordAssessmentData']?.required).toEqual(
      expect.arrayContaining(['assessmentId', 'visit', 'vas', 'quebec']),
    );
    for (const name of [
      'ErrorBodyDto',
      'CommandAcceptedDto',
      'EventRefDto',
      'HistoryDto',
      'HistoryEventDto',
      'ParticipantStateDto',
    ])
      expect(schemas[name]).toBeDefined();
  });
});
