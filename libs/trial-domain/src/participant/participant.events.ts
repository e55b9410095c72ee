/**
 * The facts the ledger records about a participant, in the trial's words. Every event's
 * data carries studyId and participantId so that a projection needs nothing but the event.
 * Event data never changes once written; amendments are events of their own.
 */
import type {
  AdverseEventFields,
  AssessmentFields,
  EnrollmentFields,
  FollowUpVisit,
  MedicationClass,
  ProcedureFields,
  RecordKind,
  SignatureMeaning,
  WithdrawalReason,
} from '../shared/vocabulary';

interface ParticipantRef {
  readonly studyId: string;
  readonly participantId: string;
}

export type ConsentRecorded = {
  readonly type: 'ConsentRecorded';
  readonly data: ParticipantRef & {
    readonly consentVersion: string;
    readonly signedOn: string;
  };
};
/** Enrollment whose eligibility criteria all held. */
export type ParticipantEnrolled = {
  readonly type: 'ParticipantEnrolled';
  readonly data: ParticipantRef & EnrollmentFields;
};
/** Enrollment attempt that failed eligibility; failedCriteria are protocol.md codes. */
export type ParticipantScreenFailed = {
  readonly type: 'ParticipantScreenFailed';
  readonly data: ParticipantRef & EnrollmentFields & { readonly failedCriteria: readonly string[] };
};
export type MedicationHoldStarted = {
  readonly type: 'MedicationHoldStarted';
  readonly data: ParticipantRef & {
    readonly medicationClass: MedicationClass;
    readonly startedOn: string;
  };
};
export type MedicationHoldEnded = {
  readonly type: 'MedicationHoldEnded';
  readonly data: ParticipantRef & {
    readonly medicationClass: MedicationClass;
    readonly endedOn: string;
  };
};
export type ProcedureRecorded = {
  readonly type: 'ProcedureRecorded';
  readonly data: ParticipantRef & {
    readonly procedureId: string;
  } & ProcedureFields;
};
export type AssessmentRecorded = {
  readonly type: 'AssessmentRecorded';
  readonly data: ParticipantRef & {
    readonly assessmentId: string;
  } & AssessmentFields;
};
export type AdverseEventReported = {
  readonly type: 'AdverseEventReported';
  readonly data: ParticipantRef & {
    readonly adverseEventId: string;
  } & AdverseEventFields;
};
/** New clinical information on an evolving adverse event (not an entry-error correction). */
export type AdverseEventUpdated = {
  readonly type: 'AdverseEventUpdated';
  readonly data: ParticipantRef & {
    readonly adverseEventId: string;
    readonly changes: Readonly<Record<string, unknown>>;
  };
};
export type SafetyReportSubmitted = {
  readonly type: 'SafetyReportSubmitted';
  readonly data: ParticipantRef & {
    readonly adverseEventId: string;
    readonly recipient: 'irb' | 'regulator';
    readonly submittedOn: string;
  };
};
export type SubsequentSurgeryRecorded = {
  readonly type: 'SubsequentSurgeryRecorded';
  readonly data: ParticipantRef & {
    readonly surgeryId: string;
    readonly performedOn: string;
    readonly description: string;
  };
};
export type ParticipantWithdrawn = {
  readonly type: 'ParticipantWithdrawn';
  readonly data: ParticipantRef & {
    readonly withdrawnOn: string;
    readonly reason: WithdrawalReason;
  };
};
/** An entry error fixed: `changes` holds the new values (null clears a clearable field). */
export type RecordCorrected = {
  readonly type: 'RecordCorrected';
  readonly data: ParticipantRef & {
    readonly recordId: string;
    readonly recordKind: RecordKind;
    readonly changes: Readonly<Record<string, unknown>>;
    readonly reason: string;
  };
};
/** An entry made in error: it counts nowhere but in the history. */
export type RecordVoided = {
  readonly type: 'RecordVoided';
  readonly data: ParticipantRef & {
    readonly recordId: string;
    readonly recordKind: RecordKind;
    readonly reason: string;
  };
};
/** An electronic signature bound to the SHA-256 of the record's content as it stood. */
export type RecordSigned = {
  readonly type: 'RecordSigned';
  readonly data: ParticipantRef & {
    readonly recordId: string;
    readonly recordKind: RecordKind;
    readonly meaning: SignatureMeaning;
    readonly signedBy: { readonly id: string; readonly role: string };
    readonly contentHash: string;
  };
};

/**
 * Alerts the ledger records by itself (safety.md "Alerts the ledger records by itself"), actor
 * `{ id: 'ledger', role: 'system' }`: facts about the ledger's own monitoring, not clinical data.
 * An expedited event's IRB report was not submitted by its due date.
 */
export type SafetyReportOverdue = {
  readonly type: 'SafetyReportOverdue';
  readonly data: ParticipantRef & {
    readonly adverseEventId: string;
    readonly recipient: 'irb';
    readonly dueOn: string;
  };
};
/** A follow-up visit's window closed with no assessment at that visit. */
export type VisitMissed = {
  readonly type: 'VisitMissed';
  readonly data: ParticipantRef & {
    readonly visit: FollowUpVisit;
    readonly windowClosedOn: string;
  };
};

export type ParticipantEvent =
  | ConsentRecorded
  | ParticipantEnrolled
  | ParticipantScreenFailed
  | MedicationHoldStarted
  | MedicationHoldEnded
  | ProcedureRecorded
  | AssessmentRecorded
  | AdverseEventReported
  | AdverseEventUpdated
  | SafetyReportSubmitted
  | SubsequentSurgeryRecorded
  | ParticipantWithdrawn
  | RecordCorrected
  | RecordVoided
  | RecordSigned
  | SafetyReportOverdue
  | VisitMissed;

export type ParticipantEventType = ParticipantEvent['type'];

export const participantStreamId = (studyId: string, participantId: string): string =>
  `participant-${studyId}.${participantId}`;
