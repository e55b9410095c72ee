/**
 * What the HTTP door reads: the read side's queries, answered in-process (the CLI) or by a pool
 * of read threads (the API), so a heavy read never blocks the event loop that takes commands.
 */
import type { AdverseEventFilters, ReportDiff, StudyReport } from '../../projections/src';
import type { ReadSide } from './read-side';

export interface Reads {
  studies(asOf: string): ReturnType<ReadSide['studies']>;
  study(studyId: string, asOf: string): ReturnType<ReadSide['study']>;
  roster(studyId: string, asOf: string, filters?: { status?: string; arm?: string }): ReturnType<ReadSide['roster']>;
  participant(studyId: string, participantId: string, asOf: string): ReturnType<ReadSide['participant']>;
  history(studyId: string, participantId: string, asOf: string): ReturnType<ReadSide['history']>;
  recordHistory(
    studyId: string,
    participantId: string,
    recordId: string,
    asOf: string,
  ): ReturnType<ReadSide['recordHistory']>;
  adverseEvents(studyId: string, asOf: string, filters?: AdverseEventFilters): ReturnType<ReadSide['adverseEvents']>;
  missedVisits(studyId: string, asOf: string): ReturnType<ReadSide['missedVisits']>;
  report(studyId: string, asOf: string): Promise<StudyReport>;
  reportHtml(studyId: string, asOf: string): Promise<{ report: StudyReport; html: string }>;
  reportDiff(studyId: string, from: string, to: string): Promise<ReportDiff>;
}

/** The read side's query names, as the read threads accept them. */
export const READ_OPERATIONS = [
  'studies',
  'study',
  'roster',
  'participant',
  'history',
  'recordHistory',
  'adverseEvents',
  'missedVisits',
  'report',
  'reportHtml',
  'reportDiff',
] as const satisfies readonly (keyof Reads)[];

export type ReadOperation = (typeof READ_OPERATIONS)[number];

export const READS = Symbol('READS');
