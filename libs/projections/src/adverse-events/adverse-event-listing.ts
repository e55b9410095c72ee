/**
 * A study's adverse events as they stand (reports, updates, corrections, voids and safety-report
 * submissions folded by the domain), each with its expedited clock. Whether an expedited report
 * is overdue depends on the day it is read, so that is derived on reading, as of a date.
 */
import type { AdverseEventFields, ParticipantState } from '../../../trial-domain/src';
import { expeditedReport, type ExpeditedReport } from './expedited';

export interface AdverseEventListing {
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly voided: boolean;
  readonly fields: AdverseEventFields;
  readonly submissions: ParticipantState['adverseEvents'][number]['submissions'];
  readonly expedited: ExpeditedReport | null;
}

/** The study's adverse events (voided ones flagged), each with its expedited status as of `asOfDate`. */
export const studyAdverseEvents = (
  participants: Iterable<ParticipantState>,
  studyId: string,
  asOfDate: string,
): AdverseEventListing[] => {
  const out: AdverseEventListing[] = [];
  for (const p of participants) {
    if (p.studyId !== studyId) continue;
    for (const ae of p.adverseEvents)
      out.push({
        participantId: p.participantId,
        adverseEventId: ae.id,
        voided: ae.voided,
        fields: ae.fields,
        submissions: ae.submissions,
        expedited: expeditedReport(p.participantId, ae, asOfDate),
      });
  }
  return out;
};
