/**
 * The read model: every participant's state (the domain's one fold) and every study's registration,
 * as of a position in the log, plus per-study snapshots for as-of reads. It is derived, never a
 * source of truth: it can be dropped and rebuilt from the log at any time, byte for byte.
 *
 * Writers (the worker, and any reader that finds it behind the log) advance it page by page with a
 * compare-and-set on the position, so several processes can keep it without doubling or losing a fold.
 */
import type { RosterSummary } from '../../projections/src';
import type { ParticipantState } from '../../trial-domain/src';

export interface StudyRow {
  readonly studyId: string;
  /** The study's events folded (study stream and participant streams). */
  readonly eventsApplied: number;
  readonly registered: {
    readonly title: string;
    readonly irbApprovalNumber: string;
    readonly protocolVersion: string;
  } | null;
  /** Recorded time of the StudyRegistered event. */
  readonly registeredAt: string | null;
  /** Recorded time of the study's latest event (a study's recorded times never go backwards). */
  readonly lastRecordedAt: string | null;
}

export interface ParticipantRow {
  /** Log position of the participant's first event (their first consent): the roster's order. */
  readonly seq: bigint;
  readonly state: ParticipantState;
}

export interface ReadModelPage {
  /** The position the page was folded from: the commit fails when the model is no longer there. */
  readonly from: bigint;
  readonly to: bigint;
  readonly studies: readonly StudyRow[];
  readonly participants: readonly ParticipantRow[];
  /** Studies whose full state at `to` is kept as a snapshot (in the same transaction). */
  readonly snapshotStudies: readonly string[];
  /** Stored events that cannot be read (edited behind the ledger): their streams' views fail, naming them. */
  readonly corrupt?: readonly CorruptMark[];
}

export interface CorruptMark {
  readonly streamId: string;
  readonly studyId: string;
  readonly position: bigint;
  readonly revision: bigint | null;
  readonly detail: string;
}

export interface StudySnapshot {
  readonly position: bigint;
  readonly study: StudyRow;
  readonly participants: readonly ParticipantRow[];
}

export interface ParticipantKey {
  readonly studyId: string;
  readonly participantId: string;
}

export interface ReadModelStore {
  /** The log position folded so far (0n: nothing). */
  position(): Promise<bigint>;
  /** Writes a page atomically if the model is still at `page.from`; false when another writer moved it. */
  commit(page: ReadModelPage): Promise<boolean>;
  /** Empties the model (rows, snapshots, marks) back to position 0, in one transaction: a rebuild's start. */
  reset(): Promise<void>;
  studies(): Promise<StudyRow[]>;
  study(studyId: string): Promise<StudyRow | undefined>;
  /** The study's participants in roster order (seq). */
  participants(studyId: string): Promise<ParticipantRow[]>;
  participant(studyId: string, participantId: string): Promise<ParticipantRow | undefined>;
  participantsByKey(keys: readonly ParticipantKey[]): Promise<ParticipantRow[]>;
  /** The study's roster summaries (kept beside each participant's state), in roster order. */
  rosterSummaries(studyId: string): Promise<RosterSummary[]>;
  /** The latest snapshot of the study whose lastRecordedAt is at or before `asOf` (canonical). */
  nearestSnapshot(studyId: string, asOf: string): Promise<StudySnapshot | undefined>;
  /** The unreadable events met in the study's streams (all studies when omitted), in log order. */
  corruptions(studyId?: string): Promise<CorruptMark[]>;
  close(): Promise<void>;
}

export const participantKeyOf = (k: ParticipantKey): string => `${k.studyId}\u0000${k.participantId}`;
