/** Every projection the ledger runs, by name. */
import { adverseEventsProjection } from '../adverse-events/adverse-events.projection';
import { deviationsProjection } from '../deviations/deviations.projection';
import { participantSummaryProjection } from '../participant-summary/participant-summary';
import type { AnyProjection } from '../projection';
import { studyReportProjection } from '../study-report/study-report.projection';
import { studyRosterProjection } from '../study-roster/study-roster';

export const PROJECTIONS: readonly AnyProjection[] = [
  studyReportProjection,
  participantSummaryProjection,
  studyRosterProjection,
  deviationsProjection,
  adverseEventsProjection,
];

export const projectionNamed = (name: string): AnyProjection | undefined => PROJECTIONS.find((p) => p.name === name);
