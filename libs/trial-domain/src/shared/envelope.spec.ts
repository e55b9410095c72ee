import { parseEnvelope, readCommandId } from './envelope';
import { ValidationFailed } from './errors';
import { ROLES } from './vocabulary';
import { recordAssessmentCommand, recordConsentCommand } from '../testing/builders';
import { rejectionOf } from '../testing/decider-spec';

const data = recordConsentCommand().data;
const line = {
  commandId: 'c-000123',
  type: 'RecordConsent',
  recordedAt: '2024-06-01T12:00:00Z',
  actor: { id: 'coord-01', role: 'coordinator' },
  data,
};

/** The field a 400 names (fails the test on any other outcome). */
const rejectedField = (raw: unknown, door: 'import' | 'http' = 'import'): string | undefined => {
  const error = rejectionOf(() => parseEnvelope(raw, door));
  expect(error).toBeInstanceOf(ValidationFailed);
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.field;
};

describe('envelope', () => {
  it('parses an import line', () =>
    expect(parseEnvelope(line, 'import')).toEqual({
      commandId: 'c-000123',
      type: 'RecordConsent',
      recordedAt: '2024-06-01T12:00:00.000000Z',
      actor: { id: 'coord-01', role: 'coordinator' },
      data,
    }));

  it.each([null, [], 'RecordConsent', 5, true])('is 400 when the command is not an object: %j', (raw) => {
    rejectedField(raw);
    expect(rejectionOf(() => readCommandId(raw))).toBeInstanceOf(ValidationFailed);
  });

  it('ignores unknown top-level keys, whatever their value', () =>
    expect(parseEnvelope({ ...line, extra: null, signature: { nested: [1] }, version: 2 }, 'import')).toEqual(
      parseEnvelope(line, 'import'),
    ));

  it('is 400 without data, or with data that is not an object', () => {
    const { data: _, ...withoutData } = line;
    expect(rejectedField(withoutData)).toBe('data');
    expect(rejectedField({ ...line, data: [data] })).toBe('data');
    expect(rejectedField({ ...line, data: null })).toBe('data');
  });

  it('returns the data as its schema cleans it (null globalImprovement is absent)', () => {
    const raw = { type: 'RecordAssessment', data: recordAssessmentCommand({ globalImprovement: null }).data };
    expect(parseEnvelope(raw, 'http').data).not.toHaveProperty('globalImprovement');
  });

  describe('commandId', () => {
    it('is optional', () => {
      const { commandId: _, ...withoutId } = line;
      expect(readCommandId(withoutId)).toBeUndefined();
      expect(parseEnvelope(withoutId, 'import')).not.toHaveProperty('commandId');
    });

    it('is read before any other rule is checked', () =>
      expect(readCommandId({ commandId: 'c-1', type: 'NoSuchCommand' })).toBe('c-1'));

    it.each([
      ['null', null],
      ['empty', ''],
      ['a number', 123],
      ['an object', { id: 'c-1' }],
    ])('is 400 when %s', (_, commandId) => {
      expect(rejectedField({ ...line, commandId })).toBe('commandId');
      expect(rejectionOf(() => readCommandId({ ...line, commandId })).field).toBe('commandId');
    });

    // An astral character counts as 2 UTF-16 code units, as JavaScript counts.
    const astral = '\u{1F600}';
    it('accepts 128 UTF-16 code units', () => {
      const commandId = astral + 'x'.repeat(126);
      expect(commandId.length).toBe(128);
      expect(parseEnvelope({ ...line, commandId }, 'import').commandId).toBe(commandId);
    });

    it('is 400 at 129 UTF-16 code units (128 code points)', () => {
      const commandId = astral + 'x'.repeat(127);
      expect([...commandId].length).toBe(128);
      expect(rejectedField({ ...line, commandId })).toBe('commandId');
    });

    it('accepts a single character', () => expect(readCommandId({ ...line, commandId: 'c' })).toBe('c'));
  });

  describe('type', () => {
    it.each([['NoSuchCommand'], ['recordConsent'], [''], [null], [undefined], [['RecordConsent']], ['toString']])(
      'is 400 for %j',
      (type) => expect(rejectedField({ ...line, type })).toBe('type'),
    );

    it('is 400 when missing', () => {
      const { type: _, ...withoutType } = line;
      expect(rejectedField(withoutType)).toBe('type');
    });
  });

  describe('recordedAt (import)', () => {
    it.each([
      ['2024-06-01T12:00Z', '2024-06-01T12:00:00.000000Z'],
      ['2024-06-01T12:00:05Z', '2024-06-01T12:00:05.000000Z'],
      ['2024-06-01T12:00:05.1Z', '2024-06-01T12:00:05.100000Z'],
      ['2024-06-01T12:00:05.123Z', '2024-06-01T12:00:05.123000Z'],
      ['2024-06-01T12:00:05.123456Z', '2024-06-01T12:00:05.123456Z'],
      ['2024-06-01T14:00:05+02:00', '2024-06-01T12:00:05.000000Z'],
      ['2024-06-01T08:30:00.5-03:30', '2024-06-01T12:00:00.500000Z'],
      ['2024-06-01T12:00+00:00', '2024-06-01T12:00:00.000000Z'],
      ['2024-06-01T12:00-00:00', '2024-06-01T12:00:00.000000Z'],
      ['2024-06-01T00:30:00+01:00', '2024-05-31T23:30:00.000000Z'],
      ['2024-12-31T23:30:00-01:00', '2025-01-01T00:30:00.000000Z'],
      ['2024-03-01T01:00:00+14:00', '2024-02-29T11:00:00.000000Z'],
      ['2024-02-29T23:59:59.999999Z', '2024-02-29T23:59:59.999999Z'],
    ])('accepts %s as %s', (recordedAt, canonical) =>
      expect(parseEnvelope({ ...line, recordedAt }, 'import').recordedAt).toBe(canonical),
    );

    it.each([
      ['lower-case t', '2024-06-01t12:00:00Z'],
      ['lower-case z', '2024-06-01T12:00:00z'],
      ['hour 24', '2024-06-01T24:00:00Z'],
      ['minute 60', '2024-06-01T12:60:00Z'],
      ['second 60', '2024-06-01T12:00:60Z'],
      ['Feb 30', '2024-02-30T12:00:00Z'],
      ['Feb 29 of a common year', '2023-02-29T12:00:00Z'],
      ['no zone', '2024-06-01T12:00:00'],
      ['seven fraction digits', '2024-06-01T12:00:00.1234567Z'],
      ['a fraction without seconds', '2024-06-01T12:00.5Z'],
      ['an empty fraction', '2024-06-01T12:00:00.Z'],
      ['a space for T', '2024-06-01 12:00:00Z'],
      ['no minutes', '2024-06-01T12Z'],
      ['an offset without colon', '2024-06-01T12:00:00+0200'],
      ['an offset of hours only', '2024-06-01T12:00:00+02'],
      ['an offset minute 60', '2024-06-01T12:00:00+01:60'],
      ['a date only', '2024-06-01'],
      ['the basic format', '20240601T120000Z'],
      ['an empty string', ''],
      ['a number', 1717243200000],
      ['null', null],
    ])('is 400 for %s', (_, recordedAt) => expect(rejectedField({ ...line, recordedAt })).toBe('recordedAt'));

    it('is 400 when missing', () => {
      const { recordedAt: _, ...withoutRecordedAt } = line;
      expect(rejectedField(withoutRecordedAt)).toBe('recordedAt');
    });
  });

  describe('actor (import)', () => {
    it('is 400 when missing', () => {
      const { actor: _, ...withoutActor } = line;
      expect(rejectedField(withoutActor)).toBe('actor');
    });

    it.each([null, 'coord-01', ['coord-01', 'coordinator']])('is 400 when not an object: %j', (actor) =>
      expect(rejectedField({ ...line, actor })).toBe('actor'),
    );

    it.each([
      [{ role: 'coordinator' }, 'actor.id'],
      [{ id: '', role: 'coordinator' }, 'actor.id'],
      [{ id: 'x'.repeat(129), role: 'coordinator' }, 'actor.id'],
      [{ id: 7, role: 'coordinator' }, 'actor.id'],
      [{ id: 'coord-01' }, 'actor.role'],
      [{ id: 'coord-01', role: 'nurse' }, 'actor.role'],
      [{ id: 'coord-01', role: 'Coordinator' }, 'actor.role'],
      [{ id: 'coord-01', role: null }, 'actor.role'],
    ])('is 400 for %j', (actor, field) => expect(rejectedField({ ...line, actor })).toBe(field));

    it.each(ROLES)('accepts the role %s', (role) =>
      expect(parseEnvelope({ ...line, actor: { id: 'u-1', role } }, 'import').actor).toEqual({ id: 'u-1', role }),
    );

    it('accepts an id of 128 characters and ignores other actor keys', () =>
      expect(
        parseEnvelope(
          { ...line, actor: { id: 'x'.repeat(128), role: 'investigator', name: 'Dr X', site: 3 } },
          'import',
        ).actor,
      ).toStrictEqual({ id: 'x'.repeat(128), role: 'investigator' }));
  });

  describe('over HTTP', () => {
    it('ignores recordedAt and actor, whatever their value', () => {
      const envelope = parseEnvelope({ ...line, recordedAt: 'yesterday', actor: { role: 'root' } }, 'http');
      expect(envelope.recordedAt).toBeUndefined();
      expect(envelope.actor).toBeUndefined();
      expect(envelope.data).toEqual(data);
    });

    it('needs neither recordedAt nor actor', () =>
      expect(parseEnvelope({ type: 'RecordConsent', data }, 'http')).toMatchObject({ type: 'RecordConsent', data }));

    it('still checks commandId, type and data', () => {
      expect(rejectedField({ ...line, commandId: null }, 'http')).toBe('commandId');
      expect(rejectedField({ ...line, type: 'Nope' }, 'http')).toBe('type');
      expect(rejectedField({ ...line, data: { ...data, extra: 1 } }, 'http')).toBe('data.extra');
    });
  });
});
