/**
 * The reads a study team works from (read.md), served from the read model. Every read first brings
 * the model up to the log's head (usually nothing to do: the worker keeps it), so a read always
 * sees every acknowledged command. A read as of a past instant starts from the study's nearest
 * snapshot at or before it and folds only the study's events recorded after the snapshot and at
 * or before the instant (a study's recorded times never go backwards, so those are a prefix).
 */
import { CorruptEvent, type EventStore, type RecordedEvent } from '../../event-store/src';
import { renderReportHtml } from '../../report-rendering/src/report-html';
import {
  deriveStudyReport,
  explainReportDiff,
  formatInstant,
  readStudyEvents,
  type ReportDiff,
  matchesFilters,
  participantAdverseEvents,
  participantMissedVisits,
  participantView,
  reportSafetyDetail,
  recordHistory,
  rosterEntryOf,
  type RecordHistory,
  rosterSummary,
  type RosterSummary,
  type AdverseEventFilters,
  type AdverseEventListingEntry,
  type MissedVisit,
  type ParticipantView,
  type RosterEntry,
  type StudyReport,
} from '../../projections/src';
import {
  NotFound,
  participantStreamId,
  ValidationFailed,
  type ParticipantStatus,
  type RecordedParticipantEvent,
  type ParticipantState,
} from '../../trial-domain/src';
import { evolveParticipantRecord, newParticipantRecord } from '../../projections/src';
import type { ParticipantRow, ReadModelStore, StudyRow } from './read-model.port';
import { ReadModelProjector, type ProjectorOptions } from './projector';
import { applyToStudyFold, newStudyFold, participantRowsOf, studyFoldFrom, type StudyFold } from './study-fold';
import { toHistoryEntry, type HistoryEntry } from './history-entry';

export interface StudySummary {
  readonly studyId: string;
  readonly title: string;
  readonly irbApprovalNumber: string;
  readonly protocolVersion: string;
  readonly participants: number;
}

export interface Roster {
  readonly studyId: string;
  readonly asOf: string;
  readonly participants: readonly RosterEntry[];
}

export const PARTICIPANT_STATUSES: readonly ParticipantStatus[] = [
  'consented',
  'screen_failed',
  'enrolled',
  'treated',
  'withdrawn',
];

const STATUS_SET: ReadonlySet<string> = new Set(PARTICIPANT_STATUSES);

export class ReadSide {
  readonly projector: ReadModelProjector;

  constructor(
    private readonly store: EventStore,
    readonly model: ReadModelStore,
    options: ProjectorOptions = {},
  ) {
    this.projector = new ReadModelProjector(store, model, options);
  }

  /** Brings the model up to the log's head. */
  async fresh(): Promise<void> {
    await this.projector.catchUp();
  }

  /** Every registered study with the size of its roster as of `asOf` (canonical). */
  async studies(asOf: string): Promise<{ studies: StudySummary[] }> {
    await this.fresh();
    const out: StudySummary[] = [];
    for (const row of await this.model.studies()) {
      const summary = await this.summaryOf(row, asOf);
      if (summary !== undefined) out.push(summary);
    }
    return { studies: out };
  }

  async study(studyId: string, asOf: string): Promise<StudySummary> {
    await this.fresh();
    const row = await this.model.study(studyId);
    const summary = row === undefined ? undefined : await this.summaryOf(row, asOf);
    if (summary === undefined) throw unknownStudy(studyId);
    return summary;
  }

  private async summaryOf(row: StudyRow, asOf: string): Promise<StudySummary | undefined> {
    if (row.registered === null || row.registeredAt === null || row.registeredAt > asOf) return undefined;
    // The roster's length: participants whose first consent was recorded by then.
    const participants = (await this.model.participants(row.studyId)).filter(
      (p) => p.state.consentRecordedAt !== null && p.state.consentRecordedAt <= asOf,
    ).length;
    return { studyId: row.studyId, ...row.registered, participants };
  }

  /** The study's roster as of `asOf` (canonical), filtered by status and arm when given. */
  async roster(studyId: string, asOf: string, filters: { status?: string; arm?: string } = {}): Promise<Roster> {
    if (filters.status !== undefined && !STATUS_SET.has(filters.status))
      throw new ValidationFailed(`status must be one of ${PARTICIPANT_STATUSES.join(', ')}`, 'status');
    const asOfDate = asOf.slice(0, 10);
    const entries = (await this.rosterAsOf(studyId, asOf))
      .map((r) => rosterEntryOf(r, asOfDate))
      .filter((r) => filters.status === undefined || r.status === filters.status)
      .filter((r) => filters.arm === undefined || r.arm === filters.arm);
    return { studyId, asOf: formatInstant(asOf), participants: entries };
  }

  /** The study's non-voided adverse events as of `asOf` (safety.md), filtered (AND). */
  async adverseEvents(
    studyId: string,
    asOf: string,
    filters: AdverseEventFilters = {},
  ): Promise<{ studyId: string; asOf: string; adverseEvents: AdverseEventListingEntry[] }> {
    const participants = await this.participantsAsOf(studyId, asOf);
    await this.knownStudy(studyId, asOf);
    const asOfDate = asOf.slice(0, 10);
    const adverseEvents = participants
      .flatMap((p) => participantAdverseEvents(p.state, asOfDate))
      .filter((e) => matchesFilters(e, filters));
    return { studyId, asOf: formatInstant(asOf), adverseEvents };
  }

  /** Follow-up visits whose window closed before the as-of date with no assessment (safety.md). */
  async missedVisits(
    studyId: string,
    asOf: string,
  ): Promise<{ studyId: string; asOf: string; missedVisits: MissedVisit[] }> {
    const participants = await this.participantsAsOf(studyId, asOf);
    await this.knownStudy(studyId, asOf);
    const asOfDate = asOf.slice(0, 10);
    return {
      studyId,
      asOf: formatInstant(asOf),
      missedVisits: participants.flatMap((p) => participantMissedVisits(p.state, asOfDate)),
    };
  }

  /**
   * The roster's summaries as of `asOf`: kept beside each participant when nothing was recorded
   * later (no state is parsed), else derived from the study as it stood then.
   */
  private async rosterAsOf(studyId: string, asOf: string): Promise<RosterSummary[]> {
    await this.fresh();
    const row = await this.model.study(studyId);
    if (row === undefined || row.registeredAt === null || row.registeredAt > asOf) throw unknownStudy(studyId);
    await this.refuseCorrupt(studyId);
    if (row.lastRecordedAt !== null && row.lastRecordedAt <= asOf) return this.model.rosterSummaries(studyId);
    return (await this.participantsAsOf(studyId, asOf)).map((p) => rosterSummary(p.state));
  }

  /** The study's participants as the ledger knew them at `asOf`, in roster order. */
  async participantsAsOf(studyId: string, asOf: string): Promise<ParticipantRow[]> {
    const fold = await this.studyAsOf(studyId, asOf);
    return participantRowsOf(fold);
  }

  /** The study's fold as of `asOf`: current rows when nothing later was recorded, else snapshot + tail. */
  async studyAsOf(studyId: string, asOf: string): Promise<StudyFold> {
    await this.fresh();
    const row = await this.model.study(studyId);
    // A study registered after the instant is known, and had nothing recorded yet.
    if (row === undefined) throw unknownStudy(studyId);
    await this.refuseCorrupt(studyId);
    if (row.lastRecordedAt !== null && row.lastRecordedAt <= asOf)
      return studyFoldFrom(row, await this.model.participants(studyId));
    const snapshot = await this.model.nearestSnapshot(studyId, asOf);
    const fold = snapshot === undefined ? newStudyFold(studyId) : studyFoldFrom(snapshot.study, snapshot.participants);
    const from = snapshot?.position ?? 0n;
    for await (const e of this.store.readAll({ fromPosition: from, studyId, recordedAtOrBefore: asOf })) {
      // The store filters at its own precision; the fold filters exactly.
      if (e.metadata.recordedAt > asOf) continue;
      applyToStudyFold(fold, e);
    }
    return fold;
  }

  /** The study report (report.md) as of `asOf` (canonical). */
  async report(studyId: string, asOf: string): Promise<StudyReport> {
    const fold = await this.studyAsOf(studyId, asOf);
    return deriveStudyReport(fold.record, asOf);
  }

  /** The report rendered for IRB auditors (one self-contained HTML page). */
  async reportHtml(studyId: string, asOf: string): Promise<{ report: StudyReport; html: string }> {
    const fold = await this.studyAsOf(studyId, asOf);
    const report = deriveStudyReport(fold.record, asOf);
    // The safety tables' detail, from the same fold (report.md's JSON stays as it is).
    const safety = reportSafetyDetail(fold.record.participants.values(), report.asOf.slice(0, 10));
    return {
      report,
      html: await renderReportHtml(report, { eventsApplied: report.eventsApplied, asOf: report.asOf, safety }),
    };
  }

  /** What changed between two instants (canonical, from <= to) and the events behind each change. */
  async reportDiff(studyId: string, from: string, to: string): Promise<ReportDiff> {
    await this.fresh();
    if ((await this.model.study(studyId)) === undefined) throw unknownStudy(studyId);
    return explainReportDiff(studyId, await readStudyEvents(this.store, studyId, to), from, to);
  }

  /** One participant as the ledger knew them at `asOf` (canonical). */
  async participant(studyId: string, participantId: string, asOf: string): Promise<ParticipantView & { asOf: string }> {
    await this.fresh();
    await this.refuseCorrupt(studyId, participantStreamId(studyId, participantId));
    const row = await this.model.participant(studyId, participantId);
    let state: ParticipantState | undefined = row?.state;
    if (state !== undefined && (state.lastRecordedAt ?? '') > asOf) {
      state = newParticipantRecord(studyId, participantId);
      for (const e of await this.streamAsOf(studyId, participantId, asOf)) state = evolveParticipantRecord(state, e);
    }
    if (state === undefined || state.consentedOn === null || state.events === 0) {
      await this.knownStudy(studyId, asOf);
      throw unknownParticipant(participantId);
    }
    return { ...participantView(state, state.events - 1, asOf.slice(0, 10)), asOf: formatInstant(asOf) };
  }

  /** The participant's events recorded at or before `asOf` (canonical), in stream order. */
  async history(
    studyId: string,
    participantId: string,
    asOf: string,
  ): Promise<{ asOf: string; events: HistoryEntry[] }> {
    const events = await this.streamAsOf(studyId, participantId, asOf);
    if (events.length === 0) {
      await this.fresh();
      await this.knownStudy(studyId, asOf);
      throw unknownParticipant(participantId);
    }
    return { asOf: formatInstant(asOf), events: events.map(toHistoryEntry) };
  }

  /** One record's versions and signatures as the ledger knew them at `asOf` (audit.md "Record history"). */
  async recordHistory(
    studyId: string,
    participantId: string,
    recordId: string,
    asOf: string,
  ): Promise<RecordHistory & { asOf: string }> {
    const events = await this.streamAsOf(studyId, participantId, asOf);
    if (events.length === 0) {
      await this.fresh();
      await this.knownStudy(studyId, asOf);
      throw unknownParticipant(participantId);
    }
    const history = recordHistory(events as unknown as RecordedParticipantEvent[], recordId);
    if (history === undefined)
      throw new NotFound('UNKNOWN_RECORD', `no record ${recordId} for participant ${participantId}`, 'recordId');
    return { ...history, asOf: formatInstant(asOf) };
  }

  private async streamAsOf(studyId: string, participantId: string, asOf: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(participantStreamId(studyId, participantId));
    const out: RecordedEvent[] = [];
    for (const e of events) {
      if (e.metadata.recordedAt > asOf) break;
      out.push(e);
    }
    return out;
  }

  /** A view built on an unreadable stored event fails, naming it (never a silently partial answer). */
  private async refuseCorrupt(studyId: string, streamId?: string): Promise<void> {
    const mark = (await this.model.corruptions(studyId)).find((c) => streamId === undefined || c.streamId === streamId);
    if (mark !== undefined)
      throw new CorruptEvent(
        {
          position: mark.position,
          streamId: mark.streamId,
          ...(mark.revision !== null && { revision: mark.revision }),
        },
        mark.detail,
      );
  }

  private async knownStudy(studyId: string, asOf: string): Promise<void> {
    const row = await this.model.study(studyId);
    if (row === undefined || row.registeredAt === null || row.registeredAt > asOf) throw unknownStudy(studyId);
  }
}

const unknownStudy = (studyId: string) => new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'studyId');
const unknownParticipant = (participantId: string) =>
  new NotFound('UNKNOWN_PARTICIPANT', `unknown participant ${participantId}`, 'participantId');
