import { NotFound, ValidationFailed } from '../shared/errors';
import type { RecordKind } from '../shared/vocabulary';
import type { ParticipantEvent } from '../participant/participant.events';
import {
  aeReported,
  aeUpdated,
  assessed,
  consented,
  corrected,
  enrolledParticipant,
  procedureRecorded,
  screenFailed,
  signRecordCommand,
  signed,
  surgeryRecorded,
  voided,
  withdrawn,
} from '../testing/builders';
import { given, type CommandInput } from '../testing/decider-spec';

const investigator = { id: 'inv-07', role: 'investigator' };
const anyHash = expect.stringMatching(/^[0-9a-f]{64}$/) as string;

const history = [
  ...enrolledParticipant(),
  assessed({
    assessmentId: 'asmt-m3',
    visit: 'm3',
    assessedOn: '2024-03-20',
    globalImprovement: 40,
  }),
  procedureRecorded(),
  aeReported(),
  surgeryRecorded(),
];

/** The contentHash a SignRecord of `recordId` records after `events`. */
const hashAfter = (
  events: readonly ParticipantEvent[],
  recordId: string,
  command: CommandInput = signRecordCommand({ recordId }),
): string => {
  const [event] = given(events).when(command).events();
  if (event?.type !== 'RecordSigned') throw new Error('expected RecordSigned');
  return event.data.contentHash;
};

describe('SignRecord', () => {
  it.each<[string, RecordKind]>([
    ['enrollment', 'enrollment'],
    ['asmt-m3', 'assessment'],
    ['proc-1', 'procedure'],
    ['ae-1', 'adverse_event'],
    ['surg-1', 'surgery'],
  ])('signs %s (%s) by the actor, bound to a content hash', (recordId, recordKind) =>
    given(history)
      .when(signRecordCommand({ recordId, meaning: 'approved' }), {
        actor: investigator,
      })
      .then([
        signed({
          recordId,
          recordKind,
          meaning: 'approved',
          signedBy: investigator,
          contentHash: anyHash,
        }),
      ]),
  );

  it('signs a voided record', () =>
    given([...history, voided({ recordId: 'proc-1', recordKind: 'procedure' })])
      .when(signRecordCommand({ recordId: 'proc-1', meaning: 'authored' }))
      .then([
        signed({
          recordId: 'proc-1',
          recordKind: 'procedure',
          meaning: 'authored',
          contentHash: anyHash,
        }),
      ]));

  it('signs the enrollment of a screen-failed participant', () =>
    given([consented(), screenFailed()])
      .when(signRecordCommand())
      .then([signed({ contentHash: anyHash })]));

  it('signs a record of a withdrawn participant', () =>
    given([...history, withdrawn()])
      .when(signRecordCommand())
      .then([signed({ contentHash: anyHash })]));

  it('is 404 for `enrollment` of a participant never enrolled', () =>
    given([consented()]).when(signRecordCommand()).thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

  it('is 404 for an unknown record', () =>
    given(history)
      .when(signRecordCommand({ recordId: 'ae-2' }))
      .thenThrows(NotFound, 'UNKNOWN_RECORD', 'data.recordId'));

  it('is 404 for an unknown participant', () =>
    given([]).when(signRecordCommand()).thenThrows(NotFound, 'UNKNOWN_PARTICIPANT'));

  it('is 400 for an unknown meaning', () =>
    given(history)
      .when(signRecordCommand({ meaning: 'witnessed' as never }))
      .thenThrows(ValidationFailed, 'VALIDATION_FAILED', 'data.meaning'));

  describe('contentHash', () => {
    const vasChanged = corrected({ recordId: 'asmt-m3', changes: { vas: 6.5 } });
    const vasRestored = corrected({ recordId: 'asmt-m3', changes: { vas: 7.5 } });

    it('is the same for the same content, whoever signs and whatever the meaning', () =>
      expect(
        hashAfter(
          [...history, signed({ recordId: 'asmt-m3' })],
          'asmt-m3',
          signRecordCommand({ recordId: 'asmt-m3', meaning: 'approved' }),
        ),
      ).toBe(hashAfter(history, 'asmt-m3')));

    it('changes after a correction of the record', () =>
      expect(hashAfter([...history, vasChanged], 'asmt-m3')).not.toBe(hashAfter(history, 'asmt-m3')));

    it('changes after a correction of the enrollment', () =>
      expect(
        hashAfter(
          [
            ...history,
            corrected({
              recordId: 'enrollment',
              recordKind: 'enrollment',
              changes: { weightKg: 71 },
            }),
          ],
          'enrollment',
        ),
      ).not.toBe(hashAfter(history, 'enrollment')));

    it('changes after an update of an adverse event', () =>
      expect(hashAfter([...history, aeUpdated({ changes: { grade: 2 } })], 'ae-1')).not.toBe(
        hashAfter(history, 'ae-1'),
      ));

    it('equals the original once a correction is undone (equal content)', () =>
      expect(hashAfter([...history, vasChanged, vasRestored], 'asmt-m3')).toBe(hashAfter(history, 'asmt-m3')));

    it('does not depend on the order in which fields were amended', () => {
      const cleared = corrected({
        recordId: 'asmt-m3',
        changes: { globalImprovement: null },
      });
      const restored = corrected({
        recordId: 'asmt-m3',
        changes: { globalImprovement: 40 },
      });
      expect(hashAfter([...history, cleared, restored], 'asmt-m3')).toBe(hashAfter(history, 'asmt-m3'));
    });

    it('a cleared field is absent: equal to a record entered without it', () => {
      const m3 = assessed({
        assessmentId: 'asmt-m3',
        visit: 'm3',
        assessedOn: '2024-03-20',
        globalImprovement: 40,
      });
      const { globalImprovement: _, ...withoutGlobal } = m3.data;
      const cleared = corrected({
        recordId: 'asmt-m3',
        changes: { globalImprovement: null },
      });
      expect(hashAfter([...enrolledParticipant(), m3, cleared], 'asmt-m3')).toBe(
        hashAfter([...enrolledParticipant(), assessed(withoutGlobal)], 'asmt-m3'),
      );
    });

    it("differs between records of equal fields (the record's identity is bound)", () => {
      const twin = procedureRecorded({ procedureId: 'proc-2' });
      expect(hashAfter([...history, twin], 'proc-2')).not.toBe(hashAfter(history, 'proc-1'));
    });
  });
});
