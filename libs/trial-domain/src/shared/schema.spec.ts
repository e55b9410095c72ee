import { parseEnvelope } from './envelope';
import { ValidationFailed } from './errors';
import { checkChanges, checkObject } from './schema';
import { ADVERSE_EVENT_CHANGES_SCHEMA } from '../adverse-event/adverse-event.rules';
import { ENROLLMENT_SCHEMA } from '../enrollment/enroll-participant';
import { PARTICIPANT_COMMAND_SCHEMAS, type ParticipantCommandType } from '../participant/participant.commands';
import {
  enrollParticipantCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  recordProcedureCommand,
  reportAdverseEventCommand,
} from '../testing/builders';
import { rejectionOf } from '../testing/decider-spec';

const parse = (type: ParticipantCommandType, data: unknown) => parseEnvelope({ type, data }, 'http').data;

/** The field named by the 400 (fails the test on any other outcome). */
const rejected = (type: ParticipantCommandType, data: unknown): string | undefined => {
  const error = rejectionOf(() => parse(type, data));
  expect(error).toBeInstanceOf(ValidationFailed);
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.field;
};

const consent = recordConsentCommand().data;
const ref = { studyId: consent.studyId, participantId: consent.participantId };
const enrollment = enrollParticipantCommand().data;
const procedure = recordProcedureCommand().data;
const assessment = recordAssessmentCommand({ assessmentId: 'a-m3', visit: 'm3', globalImprovement: 40 }).data;
const adverseEvent = reportAdverseEventCommand().data;
const injection = { site: 'intravenous', cellsMillions: 100 };
const withInjection = (i: Record<string, unknown>) => ({ ...procedure, injections: [i] });

describe('fields', () => {
  describe('unknown fields (400)', () => {
    it('in data', () => expect(rejected('RecordConsent', { ...consent, witness: 'J. Doe' })).toBe('data.witness'));

    it('in injections[]', () =>
      expect(rejected('RecordProcedure', withInjection({ ...injection, dose: 1 }))).toBe('data.injections[0].dose'));

    it('in changes', () => {
      const error = rejectionOf(() =>
        checkChanges(ADVERSE_EVENT_CHANGES_SCHEMA, [], { grade: 2, severity: 'mild' }, 'data.changes'),
      );
      expect(error).toBeInstanceOf(ValidationFailed);
      expect(error.field).toBe('data.changes.severity');
    });

    it.each(['constructor', 'toString', '__proto__'])('named like an Object.prototype member: %s', (key) => {
      const extra = JSON.parse(`{"${key}": 1}`) as Record<string, unknown>;
      expect(rejected('RecordConsent', { ...consent, ...extra })).toBe(`data.${key}`);
      expect(rejected('RecordProcedure', withInjection({ ...injection, ...extra }))).toBe(`data.injections[0].${key}`);
      expect(rejectionOf(() => checkChanges(ENROLLMENT_SCHEMA, [], extra, 'data.changes')).field).toBe(
        `data.changes.${key}`,
      );
    });
  });

  describe('required fields (400 when missing)', () => {
    it.each(Object.keys(ENROLLMENT_SCHEMA))('EnrollParticipant without %s', (key) => {
      const { [key]: _, ...without } = enrollment;
      expect(rejected('EnrollParticipant', without)).toBe(`data.${key}`);
    });

    it.each(['studyId', 'participantId'])('any participant command without %s', (key) => {
      const { [key]: _, ...without } = consent;
      expect(rejected('RecordConsent', without)).toBe(`data.${key}`);
    });

    it('an injection without cellsMillions', () =>
      expect(rejected('RecordProcedure', withInjection({ site: 'intravenous' }))).toBe(
        'data.injections[0].cellsMillions',
      ));

    it('accepts the optional fields absent: level, side, globalImprovement, outcome', () => {
      expect(parse('RecordProcedure', withInjection(injection))['injections']).toEqual([injection]);
      const { globalImprovement: _, ...noGlobal } = assessment;
      expect(parse('RecordAssessment', noGlobal)).toEqual(noGlobal);
      expect(parse('ReportAdverseEvent', adverseEvent)).not.toHaveProperty('outcome');
    });

    it('every command type has a schema with studyId and participantId', () =>
      Object.values(PARTICIPANT_COMMAND_SCHEMAS).forEach((schema) =>
        expect(Object.keys(schema)).toEqual(expect.arrayContaining(['studyId', 'participantId'])),
      ));
  });

  describe('null', () => {
    it.each(Object.keys(ENROLLMENT_SCHEMA))('is 400 for %s', (key) =>
      expect(rejected('EnrollParticipant', { ...enrollment, [key]: null })).toBe(`data.${key}`),
    );

    it.each(['level', 'side'])('is 400 for the optional injection member %s', (key) =>
      expect(rejected('RecordProcedure', withInjection({ ...injection, [key]: null }))).toBe(
        `data.injections[0].${key}`,
      ),
    );

    it('counts as absent for globalImprovement', () =>
      expect(parse('RecordAssessment', { ...assessment, globalImprovement: null })).not.toHaveProperty(
        'globalImprovement',
      ));

    it('counts as absent for outcome', () =>
      expect(parse('ReportAdverseEvent', { ...adverseEvent, outcome: null })).not.toHaveProperty('outcome'));

    it('is 400 for a record id', () =>
      expect(rejected('RecordAssessment', { ...assessment, assessmentId: null })).toBe('data.assessmentId'));
  });

  describe('strings', () => {
    it.each([
      ['RecordConsent', 'consentVersion', consent],
      ['RecordProcedure', 'productLot', procedure],
      ['ReportAdverseEvent', 'term', adverseEvent],
      ['ReportAdverseEvent', 'bodySystem', adverseEvent],
      ['RecordSubsequentSurgery', 'description', { ...ref, surgeryId: 's-1', performedOn: '2024-05-01' }],
    ] as const)('%s: an empty %s is 400', (type, key, data) =>
      expect(rejected(type, { ...data, [key]: '' })).toBe(`data.${key}`),
    );

    it('accepts an empty level', () =>
      expect(parse('RecordProcedure', withInjection({ ...injection, level: '' }))['injections']).toEqual([
        { ...injection, level: '' },
      ]));

    it('accepts 2,000 characters and rejects 2,001 (also for level)', () => {
      expect(parse('RecordConsent', { ...consent, consentVersion: 'v'.repeat(2000) })['consentVersion']).toHaveLength(
        2000,
      );
      expect(rejected('RecordConsent', { ...consent, consentVersion: 'v'.repeat(2001) })).toBe('data.consentVersion');
      expect(rejected('RecordProcedure', withInjection({ ...injection, level: 'L'.repeat(2001) }))).toBe(
        'data.injections[0].level',
      );
    });

    it('counts UTF-16 code units: 1,000 astral characters are 2,000', () => {
      const astral = '\u{1F9EA}'.repeat(1000);
      expect(parse('RecordConsent', { ...consent, consentVersion: astral })['consentVersion']).toBe(astral);
      expect(rejected('RecordConsent', { ...consent, consentVersion: astral + 'x' })).toBe('data.consentVersion');
    });

    it.each([5, true, ['v1'], { v: 1 }])('is 400 when not a string: %j', (consentVersion) =>
      expect(rejected('RecordConsent', { ...consent, consentVersion })).toBe('data.consentVersion'),
    );
  });

  describe('ids', () => {
    it.each(['a b', 'a/b', 'é', '', 'x'.repeat(65), 'a.b', 'a\n'])('a record id %j is 400', (assessmentId) =>
      expect(rejected('RecordAssessment', { ...assessment, assessmentId })).toBe('data.assessmentId'),
    );

    it.each(['x'.repeat(64), 'A_z-9', '0'])('a record id %j is accepted', (assessmentId) =>
      expect(parse('RecordAssessment', { ...assessment, assessmentId })['assessmentId']).toBe(assessmentId),
    );

    it.each(['studyId', 'participantId'])('%s follows the id pattern', (key) =>
      expect(rejected('RecordConsent', { ...consent, [key]: 'P 001' })).toBe(`data.${key}`),
    );

    it.each([
      ['CorrectRecord', { recordId: 'a b', changes: { vas: 1 }, reason: 'r' }, 'data.recordId'],
      ['VoidRecord', { recordId: 'x'.repeat(65), reason: 'r' }, 'data.recordId'],
      ['SignRecord', { recordId: '', meaning: 'reviewed' }, 'data.recordId'],
      ['UpdateAdverseEvent', { adverseEventId: 'ae 1', changes: { grade: 2 } }, 'data.adverseEventId'],
      [
        'RecordSafetyReportSubmitted',
        { adverseEventId: 'ae/1', recipient: 'irb', submittedOn: '2024-02-05' },
        'data.adverseEventId',
      ],
    ] as const)('%s checks the pattern of its record id', (type, data, field) =>
      expect(rejected(type, { ...ref, ...data })).toBe(field),
    );
  });

  describe('enumerations', () => {
    it.each([
      ['painRegions', ['lumbar', 'lumbar']],
      ['diagnoses', ['other', 'herniated_disc', 'other']],
      ['currentMedications', ['nsaid', 'aspirin', 'nsaid']],
    ])('an enumerated array with a repeat is 400: %s', (key, value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, [key]: value })).toBe(`data.${key}`),
    );

    it('seriousCriteria with a repeat is 400', () =>
      expect(
        rejected('ReportAdverseEvent', {
          ...adverseEvent,
          grade: 3,
          serious: true,
          seriousCriteria: ['hospitalization', 'hospitalization'],
        }),
      ).toBe('data.seriousCriteria'));

    it('a value outside the enumeration is 400 and named by index', () =>
      expect(rejected('EnrollParticipant', { ...enrollment, diagnoses: ['other', 'sciatica'] })).toBe(
        'data.diagnoses[1]',
      ));

    it('painRegions may not be empty (400)', () =>
      expect(rejected('EnrollParticipant', { ...enrollment, painRegions: [] })).toBe('data.painRegions'));

    it('injections may not be empty (400)', () =>
      expect(rejected('RecordProcedure', { ...procedure, injections: [] })).toBe('data.injections'));

    it('diagnoses and currentMedications may be empty', () =>
      expect(parse('EnrollParticipant', { ...enrollment, diagnoses: [], currentMedications: [] })).toMatchObject({
        diagnoses: [],
        currentMedications: [],
      }));

    it.each([
      ['sex', 'Male'],
      ['sex', 'other'],
    ])('%s %j is 400', (key, value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, [key]: value })).toBe(`data.${key}`),
    );

    it.each([
      ['site', 'thoracic_epidural'],
      ['side', 'both'],
    ])('injection %s %j is 400', (key, value) =>
      expect(rejected('RecordProcedure', withInjection({ ...injection, [key]: value }))).toBe(
        `data.injections[0].${key}`,
      ),
    );

    it('a visit outside the schedule is 400', () =>
      expect(rejected('RecordAssessment', { ...assessment, visit: 'm9' })).toBe('data.visit'));

    it('a boolean given as a string is 400', () =>
      expect(rejected('EnrollParticipant', { ...enrollment, failedPhysicalTherapy: 'true' })).toBe(
        'data.failedPhysicalTherapy',
      ));
  });

  describe('numbers', () => {
    it('an integer field accepts 40.0 as 40', () =>
      expect(
        parse('EnrollParticipant', JSON.parse(JSON.stringify(enrollment).replace('"ageYears":45', '"ageYears":40.0')))[
          'ageYears'
        ],
      ).toBe(40));

    it.each([
      ['ageYears', 40.5],
      ['ageYears', 121],
      ['ageYears', -1],
      ['painDurationMonths', -1],
      ['painDurationMonths', 12.5],
    ])('%s %j is 400', (key, value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, [key]: value })).toBe(`data.${key}`),
    );

    it('1e400 reads as Infinity, which is not finite (400)', () => {
      const huge = (JSON.parse('{"v": 1e400}') as { v: number }).v;
      expect(huge).toBe(Infinity);
      expect(rejected('EnrollParticipant', { ...enrollment, weightKg: huge })).toBe('data.weightKg');
      expect(rejected('EnrollParticipant', { ...enrollment, painDurationMonths: huge })).toBe(
        'data.painDurationMonths',
      );
    });

    it.each([-Infinity, NaN])('%p is 400', (value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, heightCm: value })).toBe('data.heightCm'),
    );

    it.each(['70', true, null])('a number given as %j is 400', (value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, weightKg: value })).toBe('data.weightKg'),
    );

    it.each([
      ['heightCm', 100],
      ['heightCm', 230],
      ['weightKg', 30],
      ['weightKg', 300],
      ['ageYears', 0],
      ['ageYears', 120],
    ])('%s %p is accepted (bounds are inclusive)', (key, value) =>
      expect(parse('EnrollParticipant', { ...enrollment, [key]: value })[key]).toBe(value),
    );

    it.each([
      ['heightCm', 99.99],
      ['heightCm', 230.01],
      ['weightKg', 29.9],
      ['weightKg', 300.1],
    ])('%s %p is 400', (key, value) =>
      expect(rejected('EnrollParticipant', { ...enrollment, [key]: value })).toBe(`data.${key}`),
    );

    describe('vas: 0-10, at most one decimal', () => {
      it.each([0, 10, 5.1, 9.9, 0.1])('%p is accepted', (vas) =>
        expect(parse('RecordAssessment', { ...assessment, vas })['vas']).toBe(vas),
      );

      it('5.10 reads as 5.1 and is accepted', () =>
        expect(
          parse('RecordAssessment', JSON.parse(JSON.stringify({ ...assessment, vas: 5.1 }).replace('5.1', '5.10')))[
            'vas'
          ],
        ).toBe(5.1));

      it.each([5.15, 0.05, 1e-7, 10.1, -0.1, 11])('%p is 400', (vas) =>
        expect(rejected('RecordAssessment', { ...assessment, vas })).toBe('data.vas'),
      );
    });

    it.each([0, 100, 30, 45.5])('globalImprovement %p is accepted', (globalImprovement) =>
      expect(parse('RecordAssessment', { ...assessment, globalImprovement })['globalImprovement']).toBe(
        globalImprovement,
      ),
    );

    it.each([-1, 100.5])('globalImprovement %p is 400', (globalImprovement) =>
      expect(rejected('RecordAssessment', { ...assessment, globalImprovement })).toBe('data.globalImprovement'),
    );

    it.each([
      [0, 'quebec', 100],
      [101, 'quebec', null],
      [50.5, 'quebec', null],
    ])('quebec %p', (quebec, _, accepted) => {
      if (accepted === null) expect(rejected('RecordAssessment', { ...assessment, quebec })).toBe('data.quebec');
      else expect(parse('RecordAssessment', { ...assessment, quebec })['quebec']).toBe(quebec);
    });

    describe('cellsMillions: > 0 and <= 1000', () => {
      it.each([1000, 0.001, 1e-7, 22.5])('%p is accepted', (cellsMillions) =>
        expect(parse('RecordProcedure', withInjection({ ...injection, cellsMillions }))['injections']).toEqual([
          { ...injection, cellsMillions },
        ]),
      );

      it.each([0, -0, -1, 1000.1, 1e21])('%p is 400', (cellsMillions) =>
        expect(rejected('RecordProcedure', withInjection({ ...injection, cellsMillions }))).toBe(
          'data.injections[0].cellsMillions',
        ),
      );
    });

    it.each([0, 6])('grade %p is 400', (grade) =>
      expect(rejected('ReportAdverseEvent', { ...adverseEvent, grade })).toBe('data.grade'),
    );
  });

  describe('dates', () => {
    it.each(['2024-02-30', '2023-02-29', '2024-2-01', '2024-02-01T00:00:00Z', '01/02/2024', '', '2024-13-01'])(
      '%j is 400',
      (signedOn) => expect(rejected('RecordConsent', { ...consent, signedOn })).toBe('data.signedOn'),
    );

    it('2024-02-29 is a real date', () =>
      expect(parse('RecordConsent', { ...consent, signedOn: '2024-02-29' })['signedOn']).toBe('2024-02-29'));
  });

  describe('checkObject', () => {
    it('returns a clean copy without absent members', () => {
      const value = { ...assessment, globalImprovement: null };
      const out = checkObject(PARTICIPANT_COMMAND_SCHEMAS.RecordAssessment, value, 'data');
      expect(out).not.toBe(value);
      expect(Object.keys(out)).not.toContain('globalImprovement');
    });

    it('is 400 for a value that is not an object', () =>
      expect(rejectionOf(() => checkObject(ENROLLMENT_SCHEMA, [], 'data')).field).toBe('data'));
  });

  describe('checkChanges', () => {
    it('keeps null for a clearable field, 400 for another', () => {
      expect(checkChanges(ADVERSE_EVENT_CHANGES_SCHEMA, ['outcome'], { outcome: null }, 'c')).toEqual({
        outcome: null,
      });
      expect(
        rejectionOf(() => checkChanges(ADVERSE_EVENT_CHANGES_SCHEMA, ['outcome'], { grade: null }, 'c')).field,
      ).toBe('c.grade');
    });

    it('checks every value against its rule', () =>
      expect(rejectionOf(() => checkChanges(ENROLLMENT_SCHEMA, [], { painRegions: [] }, 'c')).field).toBe(
        'c.painRegions',
      ));

    it('is 400 for changes that are not an object', () =>
      expect(rejectionOf(() => checkChanges(ENROLLMENT_SCHEMA, [], [], 'data.changes')).field).toBe('data.changes'));
  });
});
