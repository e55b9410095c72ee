/**
 * Every participant's state, keyed by `studyId/participantId`: the domain's one participant fold
 * applied to the log. Every participant view (roster, participant view, adverse-event listing,
 * deviations, summaries) is derived from these states, never folded again.
 */
import type { ParticipantState } from '../../../trial-domain/src';
import { evolveParticipantRecord, newParticipantRecord } from '../clinical-record/participant-record';
import { perParticipantProjection, type Projection } from '../projection';

export type ParticipantsState = Map<string, ParticipantState>;

export const participantsProjection: Projection<ParticipantsState> = perParticipantProjection(
  'participants',
  newParticipantRecord,
  evolveParticipantRecord,
);

/** The study's participants in the order their first consent was recorded. */
export const participantsOf = (states: Iterable<ParticipantState>, studyId: string): ParticipantState[] =>
  [...states]
    .filter((p) => p.studyId === studyId && p.consentedOn !== null)
    .sort((a, b) => ((a.consentRecordedAt ?? '') < (b.consentRecordedAt ?? '') ? -1 : 0));
