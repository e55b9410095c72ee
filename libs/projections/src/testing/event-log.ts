/**
 * A study's log for given/then specs: builders that append recorded events (what the ledger
 * would have stored) with a recorded time that advances a minute per event unless set with `at`.
 */
import type { RecordedEvent } from '../../../event-store/src';
import { participantStreamId } from '../../../trial-domain/src';
import type {
  AdverseEventFields,
  EnrollmentFields,
  Injection,
  ProcedureFields,
  RecordKind,
  Visit,
} from '../../../trial-domain/src';

export const GOOD_INJECTIONS: Injection[] = [
  { site: 'lumbar_epidural', level: 'L4-L5', cellsMillions: 22 },
  { site: 'lumbar_facet', cellsMillions: 2 },
  { site: 'intravenous', cellsMillions: 120 },
];

export const ELIGIBLE: EnrollmentFields = {
  enrolledOn: '2024-01-05',
  ageYears: 50,
  sex: 'female',
  heightCm: 165,
  weightKg: 60,
  painRegions: ['lumbar'],
  painDurationMonths: 24,
  failedPhysicalTherapy: true,
  axialPainWorseThanLegPain: true,
  diagnoses: ['degenerative_disc'],
  priorFailedBackSurgery: false,
  currentMedications: [],
};

export const SERIOUS_UNEXPECTED_RELATED: AdverseEventFields = {
  onsetOn: '2024-02-01',
  term: 'Meningitis',
  bodySystem: 'Infections and infestations',
  grade: 3,
  serious: true,
  seriousCriteria: ['hospitalization'],
  relatedToProcedure: 'probable',
  relatedToProduct: 'possible',
  expected: false,
};

export const MILD_EXPECTED: AdverseEventFields = {
  onsetOn: '2024-02-01',
  term: 'Injection site pain',
  bodySystem: 'General disorders and administration site conditions',
  grade: 1,
  serious: false,
  seriousCriteria: [],
  relatedToProcedure: 'definite',
  relatedToProduct: 'not_related',
  expected: true,
};

interface Extra {
  readonly recordId?: string;
  readonly reason?: string;
}

export class EventLog {
  readonly events: RecordedEvent[] = [];
  private clock = Date.parse('2024-01-01T09:00:00Z');
  private commands = 0;

  constructor(readonly studyId = 'S1') {}

  /** Sets the recorded time of the next event (ISO instant); later events advance from it. */
  at(instant: string): this {
    this.clock = Date.parse(instant);
    return this;
  }

  /** The recorded instant of the last event, canonical. */
  get lastRecordedAt(): string {
    return this.events[this.events.length - 1]?.metadata.recordedAt ?? '';
  }

  add(type: string, data: Record<string, unknown>, extra: Extra = {}): this {
    const recordedAt = new Date(this.clock).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    this.clock += 60_000;
    const n = this.events.length + 1;
    const participantId = data['participantId'];
    this.events.push({
      eventId: `e-${n}`,
      type,
      schemaVersion: 1,
      data: { studyId: this.studyId, ...data },
      metadata: {
        actor: { id: 'coord-01', role: 'coordinator' },
        commandId: `c-${++this.commands}`,
        correlationId: `c-${this.commands}`,
        causationId: `c-${this.commands}`,
        recordedAt,
        storedAt: recordedAt,
        studyId: this.studyId,
        ...(extra.recordId !== undefined && { recordId: extra.recordId }),
        ...(extra.reason !== undefined && { reason: extra.reason }),
        prevHash: '',
        hash: `h-${n}`,
      },
      streamId:
        typeof participantId === 'string' ? participantStreamId(this.studyId, participantId) : `study-${this.studyId}`,
      revision: 0n,
      position: BigInt(n),
    });
    return this;
  }

  study(): this {
    return this.add('StudyRegistered', { title: 'T', irbApprovalNumber: 'IRB-1', protocolVersion: '1.0' });
  }

  consent(participantId: string, signedOn = '2024-01-01'): this {
    return this.add('ConsentRecorded', { participantId, consentVersion: 'v1', signedOn });
  }

  enroll(participantId: string, fields: Partial<EnrollmentFields> = {}): this {
    return this.add('ParticipantEnrolled', { participantId, ...ELIGIBLE, ...fields });
  }

  screenFail(participantId: string, failedCriteria: string[], fields: Partial<EnrollmentFields> = {}): this {
    return this.add('ParticipantScreenFailed', { participantId, ...ELIGIBLE, ...fields, failedCriteria });
  }

  /** consent + enroll. */
  enrolled(participantId: string, fields: Partial<EnrollmentFields> = {}): this {
    return this.consent(participantId).enroll(participantId, fields);
  }

  hold(participantId: string, medicationClass: string, startedOn: string): this {
    return this.add('MedicationHoldStarted', { participantId, medicationClass, startedOn });
  }

  endHold(participantId: string, medicationClass: string, endedOn: string): this {
    return this.add('MedicationHoldEnded', { participantId, medicationClass, endedOn });
  }

  procedure(
    participantId: string,
    procedureId: string,
    performedOn: string,
    fields: Partial<ProcedureFields> = {},
  ): this {
    return this.add('ProcedureRecorded', {
      participantId,
      procedureId,
      performedOn,
      weightKg: 70,
      sedation: false,
      productLot: 'LOT-1',
      injections: GOOD_INJECTIONS,
      ...fields,
    });
  }

  assessment(
    participantId: string,
    assessmentId: string,
    visit: Visit,
    assessedOn: string,
    vas: number,
    quebec: number,
    globalImprovement?: number,
  ): this {
    return this.add('AssessmentRecorded', {
      participantId,
      assessmentId,
      visit,
      assessedOn,
      vas,
      quebec,
      ...(globalImprovement !== undefined && { globalImprovement }),
    });
  }

  adverseEvent(participantId: string, adverseEventId: string, fields: Partial<AdverseEventFields> = {}): this {
    return this.add('AdverseEventReported', {
      participantId,
      adverseEventId,
      ...SERIOUS_UNEXPECTED_RELATED,
      ...fields,
    });
  }

  updateAdverseEvent(participantId: string, adverseEventId: string, changes: Record<string, unknown>): this {
    return this.add('AdverseEventUpdated', { participantId, adverseEventId, changes });
  }

  submit(participantId: string, adverseEventId: string, recipient: 'irb' | 'regulator', submittedOn: string): this {
    return this.add('SafetyReportSubmitted', { participantId, adverseEventId, recipient, submittedOn });
  }

  surgery(participantId: string, surgeryId: string, performedOn: string): this {
    return this.add('SubsequentSurgeryRecorded', { participantId, surgeryId, performedOn, description: 'fusion' });
  }

  withdraw(participantId: string, withdrawnOn: string, reason = 'lost_to_follow_up'): this {
    return this.add('ParticipantWithdrawn', { participantId, withdrawnOn, reason });
  }

  correct(
    participantId: string,
    recordId: string,
    recordKind: RecordKind,
    changes: Record<string, unknown>,
    reason = 'entry error',
  ): this {
    return this.add('RecordCorrected', { participantId, recordId, recordKind, changes, reason }, { recordId, reason });
  }

  void(participantId: string, recordId: string, recordKind: RecordKind, reason = 'entered in error'): this {
    return this.add('RecordVoided', { participantId, recordId, recordKind, reason }, { recordId, reason });
  }

  sign(participantId: string, recordId: string, recordKind: RecordKind, meaning = 'reviewed'): this {
    return this.add('RecordSigned', {
      participantId,
      recordId,
      recordKind,
      meaning,
      signedBy: { id: 'inv-01', role: 'investigator' },
      contentHash: 'abc',
    });
  }
}
