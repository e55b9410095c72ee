/**
 * The live study report: every study's clinical records kept current from the log; the report is
 * derived on reading. A report as of a past instant is not read from here but recomputed by
 * replaying the log up to that instant (computeStudyReport), so it is reproducible forever.
 */
import { clinicalRecordsProjection, type StudiesState } from '../clinical-record/study-record';
import type { Projection } from '../projection';
import { deriveStudyReport } from './compute-study-report';
import type { StudyReport } from './study-report.types';
import { newStudyRecord } from '../clinical-record/study-record';

export const studyReportProjection: Projection<StudiesState> = { ...clinicalRecordsProjection, name: 'study-report' };

/**
 * The report from the live state, as of `asOf` (canonical instant, at or after the last event
 * applied: the state holds everything recorded so far).
 */
export const liveStudyReport = (state: StudiesState, studyId: string, asOf: string): StudyReport =>
  deriveStudyReport(state.get(studyId) ?? newStudyRecord(studyId), asOf);
