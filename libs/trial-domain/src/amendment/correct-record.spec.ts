import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import {
  aeReported,
  assessed,
  consented,
  correctRecordCommand,
  corrected,
  enrolled,
  enrolledParticipant,
  procedureRecorded,
  recordProcedureCommand,
  screenFailed,
  surgeryRecorded,
  voided,
  withdrawn,
} from '../testing/builders';
import { given } from '../testing/decider-spec';
import type { RecordKind } from '../shared/vocabulary';

const m3 = assessed({
  assessmentId: 'asmt-m3',
  visit: 'm3',
  assessedOn: '2024-03-20',
  vas: 3,
  quebec: 30,
  globalImprovement: 40,
});
/** Every kind of record, one each: asmt-baseline, asmt-m3, proc-1, ae-1, surg-1, enrollment. */
const history = [...enrolledParticipant(), assessed(), m3, procedureRecorded(), aeReported(), surgeryRecorded()];

const correction = (recordId: string, recordKind: RecordKind, changes: Record<string, unknown>) => ({
  command: correctRecordCommand({ recordId, changes }),
  event: corrected({ recordId, recordKind, changes }),
});

describe('CorrectRecord', () => {
  describe('correctable fields of each kind', () => {
    it.each<[string, RecordKind, Record<string, unknown>]>([
      ['asmt-baseline', 'assessment', { assessedOn: '2024-01-21' }],
      ['asmt-baseline', 'assessment', { vas: 6.5 }],
      ['asmt-baseline', 'assessment', { quebec: 50 }],
      ['asmt-m3', 'assessment', { globalImprovement: 45 }],
      ['proc-1', 'procedure', { performedOn: '2024-02-02' }],
      ['proc-1', 'procedure', { weightKg: 71.5 }],
      ['proc-1', 'procedure', { sedation: true }],
      ['proc-1', 'procedure', { productLot: 'LOT-0002' }],
      ['proc-1', 'procedure', { injections: [{ site: 'intradiscal', side: 'right', cellsMillions: 25 }] }],
      ['ae-1', 'adverse_event', { onsetOn: '2024-02-04' }],
      ['ae-1', 'adverse_event', { term: 'Back pain' }],
      ['ae-1', 'adverse_event', { bodySystem: 'Musculoskeletal disorders' }],
      ['ae-1', 'adverse_event', { grade: 2 }],
      ['ae-1', 'adverse_event', { serious: true, seriousCriteria: ['hospitalization'] }],
      ['ae-1', 'adverse_event', { relatedToProcedure: 'definite' }],
      ['ae-1', 'adverse_event', { relatedToProduct: 'not_related' }],
      ['ae-1', 'adverse_event', { expected: false }],
      ['ae-1', 'adverse_event', { outcome: 'recovered' }],
      ['ae-1', 'adverse_event', { resolvedOn: '2024-02-10' }],
      ['surg-1', 'surgery', { performedOn: '2024-05-16' }],
      ['surg-1', 'surgery', { description: 'L5-S1 discectomy' }],
      ['enrollment', 'enrollment', { enrolledOn: '2024-01-16' }],
      ['enrollment', 'enrollment', { ageYears: 46 }],
      ['enrollment', 'enrollment', { sex: 'male' }],
      ['enrollment', 'enrollment', { heightCm: 170 }],
      ['enrollment', 'enrollment', { weightKg: 64.5 }],
      ['enrollment', 'enrollment', { painRegions: ['lumbar', 'cervical'] }],
      ['enrollment', 'enrollment', { painDurationMonths: 36 }],
      ['enrollment', 'enrollment', { failedPhysicalTherapy: false }],
      ['enrollment', 'enrollment', { axialPainWorseThanLegPain: false }],
      ['enrollment', 'enrollment', { diagnoses: ['herniated_disc', 'other'] }],
      ['enrollment', 'enrollment', { priorFailedBackSurgery: true }],
      ['enrollment', 'enrollment', { currentMedications: [] }],
    ])('%s (%s): %j', (recordId, kind, changes) => {
      const { command, event } = correction(recordId, kind, changes);
      given(history).when(command).then([event]);
    });

    it('accepts unchanged fields beside a changed one', () => {
      const { command, event } = correction('asmt-baseline', 'assessment', {
        vas: 7.5,
        quebec: 56,
      });
      given(history).when(command).then([event]);
    });
  });

  describe('fields not correctable for the kind (400)', () => {
    it.each([
      ['asmt-baseline', 'visit', 'm1'],
      ['asmt-baseline', 'assessmentId', 'asmt-x'],
      ['asmt-baseline', 'performedOn', '2024-02-02'],
      ['proc-1', 'procedureId', 'proc-x'],
      ['proc-1', 'assessedOn', '2024-02-02'],
      ['ae-1', 'adverseEventId', 'ae-x'],
      ['surg-1', 'surgeryId', 'surg-x'],
      ['surg-1', 'sedation', true],
      ['enrollment', 'failedCriteria', []],
      ['enrollment', 'participantId', 'P-002'],
      ['asmt-baseline', 'studyId', 'other-study'],
    ])('%s: %s', (recordId, field, value) =>
      given(history)
        .when(correctRecordCommand({ recordId, changes: { [field]: value } }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', `data.changes.${field}`),
    );

    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
      'an unknown field named like an Object.prototype member: %s',
      (field) =>
        given(history)
          .when(
            correctRecordCommand({
              recordId: 'surg-1',
              changes: JSON.parse(`{"${field}": "x"}`) as Record<string, unknown>,
            }),
          )
          .thenThrows(ValidationFailed, 'VALIDATION_FAILED', `data.changes.${field}`),
    );
  });

  describe("changed values obey the original command's shape (400)", () => {
    it.each([
      ['asmt-baseline', { vas: 10.5 }, 'data.changes.vas'],
      ['asmt-baseline', { vas: 5.15 }, 'data.changes.vas'],
      ['asmt-baseline', { quebec: 50.5 }, 'data.changes.quebec'],
      ['asmt-baseline', { vas: null }, 'data.changes.vas'],
      ['proc-1', { injections: [] }, 'data.changes.injections'],
      [
        'proc-1',
        { injections: [{ site: 'intravenous', cellsMillions: 100, dose: 1 }] },
        'data.changes.injections[0].dose',
      ],
      [
        'proc-1',
        { injections: [{ site: 'intravenous', cellsMillions: 0 }] },
        'data.changes.injections[0].cellsMillions',
      ],
      ['proc-1', { productLot: '' }, 'data.changes.productLot'],
      ['ae-1', { term: null }, 'data.changes.term'],
      ['ae-1', { seriousCriteria: ['death', 'death'] }, 'data.changes.seriousCriteria'],
      ['enrollment', { painRegions: [] }, 'data.changes.painRegions'],
      ['enrollment', { ageYears: 121 }, 'data.changes.ageYears'],
      ['enrollment', { heightCm: 99.9 }, 'data.changes.heightCm'],
      ['enrollment', { sex: null }, 'data.changes.sex'],
      ['surg-1', { performedOn: '2024-13-01' }, 'data.changes.performedOn'],
    ])('%s %j', (recordId, changes, field) =>
      given(history)
        .when(correctRecordCommand({ recordId, changes }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', field),
    );
  });

  describe('which record', () => {
    it('is 404 for an unknown record', () =>
      given(history)
        .when(correctRecordCommand({ recordId: 'asmt-m6' }))
        .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

    it('is 404 for `enrollment` of a participant never enrolled', () =>
      given([consented()])
        .when(correctRecordCommand({ recordId: 'enrollment', changes: { ageYears: 50 } }))
        .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

    it('is 404 for an unknown participant', () =>
      given([]).when(correctRecordCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

    it.each([
      ['asmt-baseline', 'assessment', { vas: 5 }],
      ['proc-1', 'procedure', { sedation: true }],
      ['ae-1', 'adverse_event', { grade: 2 }],
      ['surg-1', 'surgery', { description: 'other' }],
    ] as const)('is 409 for a voided %s (%s)', (recordId, recordKind, changes) =>
      given([...history, voided({ recordId, recordKind })])
        .when(correctRecordCommand({ recordId, changes }))
        .thenThrows(StateConflict, 'RECORD_VOIDED', 'data.recordId'),
    );

    it('corrects the enrollment of a screen-failed participant', () => {
      const { command, event } = correction('enrollment', 'enrollment', {
        painDurationMonths: 11,
      });
      given([consented(), screenFailed()]).when(command).then([event]);
    });
  });

  describe('nothing to change (422)', () => {
    it('is 422 for an empty changes', () =>
      given(history)
        .when(correctRecordCommand({ changes: {} }))
        .thenThrows(RuleViolated, 'EMPTY_CHANGES', 'data.changes'));

    it.each([
      ['asmt-baseline', { vas: 7.5, quebec: 55 }],
      ['asmt-baseline', { globalImprovement: null }],
      ['proc-1', { injections: procedureRecorded().data.injections }],
      ['ae-1', { outcome: null, resolvedOn: null }],
      ['enrollment', { diagnoses: ['degenerative_disc'], sex: 'female' }],
    ])('is 422 when every field of %s equals its current value: %j', (recordId, changes) =>
      given(history)
        .when(correctRecordCommand({ recordId, changes }))
        .thenThrows(RuleViolated, 'NO_CHANGE', 'data.changes'),
    );

    it('compares enumerated arrays as sets: diagnoses in another order', () =>
      given([consented(), enrolled({ diagnoses: ['herniated_disc', 'spinal_stenosis', 'other'] })])
        .when(
          correctRecordCommand({
            recordId: 'enrollment',
            changes: { diagnoses: ['other', 'herniated_disc', 'spinal_stenosis'] },
          }),
        )
        .thenThrows(RuleViolated, 'NO_CHANGE'));

    it('compares seriousCriteria as a set', () =>
      given([
        ...enrolledParticipant(),
        aeReported({
          grade: 3,
          serious: true,
          seriousCriteria: ['hospitalization', 'disability'],
        }),
      ])
        .when(
          correctRecordCommand({
            recordId: 'ae-1',
            changes: { seriousCriteria: ['disability', 'hospitalization'] },
          }),
        )
        .thenThrows(RuleViolated, 'NO_CHANGE'));

    it('compares injections in order: a reordering is a change', () => {
      const [first, second] = procedureRecorded().data.injections;
      const { command, event } = correction('proc-1', 'procedure', {
        injections: [second, first],
      });
      given(history).when(command).then([event]);
    });

    it("compares an injection's members as JSON values, whatever their order", () =>
      given(history)
        .when(
          correctRecordCommand({
            recordId: 'proc-1',
            changes: {
              injections: [
                { cellsMillions: 22.5, level: 'L4-L5', site: 'lumbar_epidural' },
                { cellsMillions: 100, site: 'intravenous' },
              ],
            },
          }),
        )
        .thenThrows(RuleViolated, 'NO_CHANGE'));
  });

  describe('reason', () => {
    it.each(['', ' ', '\t\n\r', '\u00a0', '\ufeff', '\u2028', '\u3000 \u00a0'])('is 422 when blank: %j', (reason) =>
      given(history).when(correctRecordCommand({ reason })).thenThrows(RuleViolated, 'REASON_REQUIRED', 'data.reason'),
    );

    it('accepts a zero-width space, which trim does not remove', () => {
      const command = correctRecordCommand({ reason: '\u200b' });
      given(history)
        .when(command)
        .then([corrected({ reason: '\u200b' })]);
    });

    it('is 400 when not a string', () =>
      given(history)
        .when(correctRecordCommand({ reason: null }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.reason'));

    it('is 400 when longer than 2,000 characters', () =>
      given(history)
        .when(correctRecordCommand({ reason: 'x'.repeat(2001) }))
        .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.reason'));
  });

  describe('dates in changes', () => {
    it('is 422 for a changed date later than the recorded date in UTC+14', () =>
      given(history)
        .when(correctRecordCommand({ changes: { assessedOn: '2024-06-03' } }))
        .thenThrows(RuleViolated, 'DATE_IN_FUTURE', 'data.changes.assessedOn'));

    it('is 422 for a changed date before the first consent', () =>
      given(history)
        .when(
          correctRecordCommand({
            recordId: 'enrollment',
            changes: { enrolledOn: '2024-01-09' },
          }),
        )
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.changes.enrolledOn'));

    it('is 422 for a surgery moved before the first consent', () =>
      given(history)
        .when(
          correctRecordCommand({
            recordId: 'surg-1',
            changes: { performedOn: '2023-01-01' },
          }),
        )
        .thenThrows(RuleViolated, 'DATE_BEFORE_CONSENT', 'data.changes.performedOn'));

    it('is not bound by the withdrawal date', () => {
      const { command, event } = correction('asmt-m3', 'assessment', {
        assessedOn: '2024-05-01',
      });
      given([...history, withdrawn()])
        .when(command)
        .then([event]);
    });

    it('moves a procedure after the withdrawal date', () => {
      const { command, event } = correction('proc-1', 'procedure', {
        performedOn: '2024-05-01',
      });
      given([...history, withdrawn()])
        .when(command)
        .then([event]);
    });
  });

  describe('assessment rules', () => {
    it('is 422 for globalImprovement at baseline', () =>
      given(history)
        .when(correctRecordCommand({ changes: { globalImprovement: 20 } }))
        .thenThrows(RuleViolated, 'GLOBAL_IMPROVEMENT_AT_BASELINE', 'data.changes.globalImprovement'));

    it('null clears globalImprovement', () => {
      const { command, event } = correction('asmt-m3', 'assessment', {
        globalImprovement: null,
      });
      given(history).when(command).then([event]);
    });

    it('a cleared globalImprovement is absent: clearing it again changes nothing', () =>
      given([
        ...history,
        corrected({
          recordId: 'asmt-m3',
          changes: { globalImprovement: null },
        }),
      ])
        .when(
          correctRecordCommand({
            recordId: 'asmt-m3',
            changes: { globalImprovement: null },
          }),
        )
        .thenThrows(RuleViolated, 'NO_CHANGE'));
  });

  describe('adverse event rules (checked as a whole after the change)', () => {
    it('is 422 for serious without criteria', () =>
      given(history)
        .when(correctRecordCommand({ recordId: 'ae-1', changes: { serious: true } }))
        .thenThrows(RuleViolated, 'SERIOUS_CRITERIA_REQUIRED', 'data.changes.seriousCriteria'));

    it('is 422 for grade 5 without death', () =>
      given(history)
        .when(correctRecordCommand({ recordId: 'ae-1', changes: { grade: 5 } }))
        .thenThrows(RuleViolated, 'DEATH_IFF_GRADE_5'));

    it('is 422 for a fatal outcome without death', () =>
      given(history)
        .when(correctRecordCommand({ recordId: 'ae-1', changes: { outcome: 'fatal' } }))
        .thenThrows(RuleViolated, 'FATAL_REQUIRES_DEATH'));

    it('is 422 for resolvedOn before onsetOn', () =>
      given(history)
        .when(
          correctRecordCommand({
            recordId: 'ae-1',
            changes: { resolvedOn: '2024-02-01' },
          }),
        )
        .thenThrows(RuleViolated, 'RESOLVED_BEFORE_ONSET', 'data.changes.resolvedOn'));

    it('null clears outcome and resolvedOn', () => {
      const { command, event } = correction('ae-1', 'adverse_event', {
        outcome: null,
        resolvedOn: null,
      });
      given([
        ...history,
        corrected({
          recordId: 'ae-1',
          recordKind: 'adverse_event',
          changes: { outcome: 'recovered', resolvedOn: '2024-02-10' },
        }),
      ])
        .when(command)
        .then([event]);
    });

    it('a cleared fatal outcome no longer needs death', () => {
      const fatalAe = aeReported({
        grade: 5,
        serious: true,
        seriousCriteria: ['death'],
        outcome: 'fatal',
      });
      const downgrade = {
        grade: 4,
        seriousCriteria: ['life_threatening'],
      };
      const clearOutcome = corrected({
        recordId: 'ae-1',
        recordKind: 'adverse_event',
        changes: { outcome: null },
      });
      given([...enrolledParticipant(), fatalAe])
        .when(correctRecordCommand({ recordId: 'ae-1', changes: downgrade }))
        .thenThrows(RuleViolated, 'FATAL_REQUIRES_DEATH');
      const { command, event } = correction('ae-1', 'adverse_event', downgrade);
      given([...enrolledParticipant(), fatalAe, clearOutcome])
        .when(command)
        .then([event]);
    });

    it('a cleared resolvedOn no longer bounds onsetOn', () => {
      const { command, event } = correction('ae-1', 'adverse_event', {
        onsetOn: '2024-03-01',
      });
      given([
        ...history,
        corrected({
          recordId: 'ae-1',
          recordKind: 'adverse_event',
          changes: { resolvedOn: '2024-02-10' },
        }),
        corrected({
          recordId: 'ae-1',
          recordKind: 'adverse_event',
          changes: { resolvedOn: null },
        }),
      ])
        .when(command)
        .then([event]);
    });
  });

  describe('enrollment', () => {
    it("does not change an enrolled participant's outcome", () =>
      given([
        ...enrolledParticipant(),
        corrected({
          recordId: 'enrollment',
          recordKind: 'enrollment',
          changes: { ageYears: 17 },
        }),
      ])
        .when(recordProcedureCommand())
        .then([procedureRecorded()]));

    it('does not enroll a screen-failed participant', () =>
      given([
        consented(),
        screenFailed(),
        corrected({
          recordId: 'enrollment',
          recordKind: 'enrollment',
          changes: { ageYears: 45 },
        }),
      ])
        .when(recordProcedureCommand())
        .thenThrows(StateConflict, 'NOT_ENROLLED'));

    it('accepts a correction that breaks a criterion (a deviation, not a rejection)', () => {
      const { command, event } = correction('enrollment', 'enrollment', {
        painDurationMonths: 12,
      });
      given(history).when(command).then([event]);
    });
  });
});
