import type { ParticipantEvent } from '../participant/participant.events';
import { foldParticipant, type RecordedParticipantEvent } from '../participant/participant.state';
import { aeReported, aeUpdated, consented, corrected, safetyReportSubmitted } from '../testing/builders';

/** Folds events recorded one day apart from 2024-05-01. */
const fold = (events: ParticipantEvent[]) =>
  foldParticipant(
    events.map(
      (e, i) =>
        ({
          ...e,
          metadata: {
            recordedAt: `2024-05-${String(i + 1).padStart(2, '0')}T09:00:00.000000Z`,
            commandId: `c-${i}`,
            actor: { id: 'coord-01', role: 'coordinator' },
          },
        }) as RecordedParticipantEvent,
    ),
  ).adverseEvents[0];

const SERIOUS = { grade: 3, serious: true, seriousCriteria: ['hospitalization'] } as const;
const LIFE_THREATENING = { grade: 4, serious: true, seriousCriteria: ['life_threatening'] } as const;

describe('the upgrade mark (evolve): an event made fatal or life-threatening by an amendment', () => {
  it('given a serious event, a submission and an update to life-threatening, marks the update and the submissions before it', () =>
    expect(
      fold([consented(), aeReported(SERIOUS), safetyReportSubmitted(), aeUpdated({ changes: LIFE_THREATENING })])
        ?.upgradedToFatalOrLifeThreatening,
    ).toEqual({ recordedAt: '2024-05-04T09:00:00.000000Z', submissionsBefore: 1 }));

  it('given a correction to fatal, marks it too', () =>
    expect(
      fold([
        consented(),
        aeReported(SERIOUS),
        corrected({
          recordId: 'ae-1',
          recordKind: 'adverse_event',
          changes: { grade: 5, seriousCriteria: ['death'], outcome: 'fatal' },
        }),
      ])?.upgradedToFatalOrLifeThreatening,
    ).toEqual({ recordedAt: '2024-05-03T09:00:00.000000Z', submissionsBefore: 0 }));

  it('given an event reported life-threatening and amended since, leaves no mark', () =>
    expect(
      fold([consented(), aeReported(LIFE_THREATENING), aeUpdated({ changes: { term: 'Anaphylaxis' } })])
        ?.upgradedToFatalOrLifeThreatening,
    ).toBeUndefined());

  it('given an upgrade, a downgrade and a second upgrade, keeps the latest', () =>
    expect(
      fold([
        consented(),
        aeReported(SERIOUS),
        aeUpdated({ changes: LIFE_THREATENING }),
        safetyReportSubmitted(),
        aeUpdated({ changes: SERIOUS }),
        aeUpdated({ changes: LIFE_THREATENING }),
      ])?.upgradedToFatalOrLifeThreatening,
    ).toEqual({ recordedAt: '2024-05-06T09:00:00.000000Z', submissionsBefore: 1 }));
});
