/**
 * Adverse events of every participant as they stand (reports, updates, corrections, voids and
 * safety-report submissions), with each event's expedited clock. Whether an expedited report is
 * overdue depends on the day it is read, so that is derived on reading, as of a date.
 */
import type { RecordedEvent } from '../../../event-store/src';
import { contentOf } from '../clinical-record/participant-record';
import { perParticipantProjection, type Projection } from '../projection';
import type { AdverseEventFields } from '../../../trial-domain/src';
import { evolveAdverseEvent, reportedAdverseEvent, type AdverseEventEntry } from './adverse-event-entry';
import { expeditedReport, type ExpeditedReport } from './expedited';

export interface ParticipantAdverseEvents {
  readonly studyId: string;
  readonly participantId: string;
  readonly adverseEvents: readonly AdverseEventEntry[];
  /** Records entered so far (every kind), for the order of original entries. */
  readonly entries: number;
}

const RECORD_CREATED = new Set(['ProcedureRecorded', 'AssessmentRecorded', 'SubsequentSurgeryRecorded']);

const update = (
  p: ParticipantAdverseEvents,
  id: unknown,
  f: (ae: AdverseEventEntry) => AdverseEventEntry,
): ParticipantAdverseEvents => ({
  ...p,
  adverseEvents: p.adverseEvents.map((ae) => (ae.id === id ? f(ae) : ae)),
});

/** Pure: the participant's adverse events after one of their events. */
export const evolveParticipantAdverseEvents = (
  p: ParticipantAdverseEvents,
  e: RecordedEvent,
): ParticipantAdverseEvents => {
  const d = e.data as Record<string, unknown>;
  const at = e.metadata.recordedAt;
  switch (e.type) {
    case 'AdverseEventReported': {
      const entry = {
        id: String(d['adverseEventId']),
        order: p.entries,
        voided: false,
        fields: contentOf<AdverseEventFields>(d),
      };
      return { ...p, adverseEvents: [...p.adverseEvents, reportedAdverseEvent(entry, at)], entries: p.entries + 1 };
    }
    case 'AdverseEventUpdated':
      return update(p, d['adverseEventId'], (ae) =>
        evolveAdverseEvent(ae, { kind: 'changes', changes: (d['changes'] ?? {}) as Record<string, unknown> }, at),
      );
    case 'RecordCorrected':
      return d['recordKind'] !== 'adverse_event'
        ? p
        : update(p, d['recordId'], (ae) =>
            evolveAdverseEvent(ae, { kind: 'changes', changes: (d['changes'] ?? {}) as Record<string, unknown> }, at),
          );
    case 'RecordVoided':
      return d['recordKind'] !== 'adverse_event'
        ? p
        : update(p, d['recordId'], (ae) => evolveAdverseEvent(ae, { kind: 'void' }, at));
    case 'SafetyReportSubmitted':
      return update(p, d['adverseEventId'], (ae) =>
        evolveAdverseEvent(
          ae,
          {
            kind: 'submission',
            recipient: d['recipient'] === 'irb' ? 'irb' : 'regulator',
            submittedOn: String(d['submittedOn']),
          },
          at,
        ),
      );
    default:
      return RECORD_CREATED.has(e.type) ? { ...p, entries: p.entries + 1 } : p;
  }
};

export const adverseEventsProjection: Projection<Map<string, ParticipantAdverseEvents>> = perParticipantProjection(
  'adverse-events',
  (studyId, participantId) => ({ studyId, participantId, adverseEvents: [], entries: 0 }),
  evolveParticipantAdverseEvents,
);

export interface AdverseEventListing {
  readonly participantId: string;
  readonly adverseEventId: string;
  readonly voided: boolean;
  readonly fields: AdverseEventFields;
  readonly submissions: AdverseEventEntry['submissions'];
  readonly expedited: ExpeditedReport | null;
}

/** The study's adverse events (voided ones flagged), each with its expedited status as of `asOfDate`. */
export const studyAdverseEvents = (
  state: ReadonlyMap<string, ParticipantAdverseEvents>,
  studyId: string,
  asOfDate: string,
): AdverseEventListing[] => {
  const out: AdverseEventListing[] = [];
  for (const p of state.values()) {
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
