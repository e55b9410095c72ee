/**
 * Deviations of every participant, kept current: each event re-derives only its participant's
 * deviations from the amended record, so a correction that fixes a dose removes its deviation at
 * once (and a fold up to an earlier instant still shows it).
 */
import {
  evolveParticipantRecord,
  newParticipantRecord,
  type ParticipantRecord,
} from '../clinical-record/participant-record';
import { perParticipantProjection, type Projection } from '../projection';
import { countByCode, participantDeviations, type Deviation } from './deviations';

export interface ParticipantDeviations {
  readonly record: ParticipantRecord;
  readonly deviations: readonly Deviation[];
}

export const evolveParticipantDeviations = (
  p: ParticipantDeviations,
  e: Parameters<typeof evolveParticipantRecord>[1],
): ParticipantDeviations => {
  const record = evolveParticipantRecord(p.record, e);
  return { record, deviations: participantDeviations(record) };
};

export const deviationsProjection: Projection<Map<string, ParticipantDeviations>> = perParticipantProjection(
  'deviations',
  (studyId, participantId) => ({ record: newParticipantRecord(studyId, participantId), deviations: [] }),
  evolveParticipantDeviations,
);

/** The study's deviations, by code and listed. */
export const studyDeviations = (
  state: ReadonlyMap<string, ParticipantDeviations>,
  studyId: string,
): { byCode: Record<string, number>; items: Deviation[] } => {
  const items: Deviation[] = [];
  for (const p of state.values()) if (p.record.studyId === studyId) items.push(...p.deviations);
  return { byCode: countByCode(items), items };
};
