/** Valid envelopes of every command type, with dates well in the past of any test clock. */
export interface TestEnvelope {
  readonly commandId?: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly [ignored: string]: unknown;
}

type Ref = { studyId: string; participantId: string };

const at = (ref: Ref, type: string, data: Record<string, unknown>): TestEnvelope => ({
  type,
  data: { studyId: ref.studyId, participantId: ref.participantId, ...data },
});

export const withId = (commandId: string, e: TestEnvelope): TestEnvelope => ({ commandId, ...e });

export const registerStudy = (studyId: string): TestEnvelope => ({
  type: 'RegisterStudy',
  data: { studyId, title: `Study ${studyId}`, irbApprovalNumber: 'IRB-2024-001', protocolVersion: '1.0' },
});

export const recordConsent = (ref: Ref, signedOn = '2024-01-10'): TestEnvelope =>
  at(ref, 'RecordConsent', { consentVersion: 'v1', signedOn });

export const enrollParticipant = (ref: Ref, over: Record<string, unknown> = {}): TestEnvelope =>
  at(ref, 'EnrollParticipant', {
    enrolledOn: '2024-01-15',
    ageYears: 45,
    sex: 'female',
    heightCm: 168,
    weightKg: 70.5,
    painRegions: ['lumbar'],
    painDurationMonths: 24,
    failedPhysicalTherapy: true,
    axialPainWorseThanLegPain: true,
    diagnoses: ['degenerative_disc'],
    priorFailedBackSurgery: false,
    currentMedications: ['nsaid'],
    ...over,
  });

export const startMedicationHold = (ref: Ref, medicationClass = 'nsaid', startedOn = '2024-01-16'): TestEnvelope =>
  at(ref, 'StartMedicationHold', { medicationClass, startedOn });

export const endMedicationHold = (ref: Ref, medicationClass = 'nsaid', endedOn = '2024-02-20'): TestEnvelope =>
  at(ref, 'EndMedicationHold', { medicationClass, endedOn });

export const recordProcedure = (ref: Ref, procedureId = 'PROC-1', performedOn = '2024-02-01'): TestEnvelope =>
  at(ref, 'RecordProcedure', {
    procedureId,
    performedOn,
    weightKg: 70,
    sedation: false,
    productLot: 'LOT-42',
    injections: [{ site: 'lumbar_epidural', level: 'L4-L5', side: 'left', cellsMillions: 50 }],
  });

export const recordAssessment = (
  ref: Ref,
  assessmentId = 'A-baseline',
  over: Record<string, unknown> = {},
): TestEnvelope =>
  at(ref, 'RecordAssessment', {
    assessmentId,
    visit: 'baseline',
    assessedOn: '2024-01-20',
    vas: 7.5,
    quebec: 40,
    ...over,
  });

export const reportAdverseEvent = (
  ref: Ref,
  adverseEventId = 'AE-1',
  over: Record<string, unknown> = {},
): TestEnvelope =>
  at(ref, 'ReportAdverseEvent', {
    adverseEventId,
    onsetOn: '2024-02-03',
    term: 'Injection site pain',
    bodySystem: 'General disorders and administration site conditions',
    grade: 1,
    serious: false,
    seriousCriteria: [],
    relatedToProcedure: 'probable',
    relatedToProduct: 'unlikely',
    expected: true,
    ...over,
  });

export const updateAdverseEvent = (
  ref: Ref,
  adverseEventId = 'AE-1',
  changes: Record<string, unknown> = { outcome: 'recovered', resolvedOn: '2024-02-10' },
): TestEnvelope => at(ref, 'UpdateAdverseEvent', { adverseEventId, changes });

export const recordSafetyReportSubmitted = (ref: Ref, adverseEventId = 'AE-1'): TestEnvelope =>
  at(ref, 'RecordSafetyReportSubmitted', { adverseEventId, recipient: 'irb', submittedOn: '2024-02-05' });

export const recordSubsequentSurgery = (ref: Ref, surgeryId = 'SURG-1'): TestEnvelope =>
  at(ref, 'RecordSubsequentSurgery', { surgeryId, performedOn: '2024-03-01', description: 'L4-L5 microdiscectomy' });

export const withdrawParticipant = (ref: Ref, withdrawnOn = '2024-03-15'): TestEnvelope =>
  at(ref, 'WithdrawParticipant', { withdrawnOn, reason: 'lost_to_follow_up' });

export const correctRecord = (
  ref: Ref,
  recordId: string,
  changes: Record<string, unknown>,
  reason = 'transcription error',
): TestEnvelope => at(ref, 'CorrectRecord', { recordId, changes, reason });

export const voidRecord = (ref: Ref, recordId: string, reason = 'entered for the wrong participant'): TestEnvelope =>
  at(ref, 'VoidRecord', { recordId, reason });

export const signRecord = (ref: Ref, recordId: string, meaning = 'reviewed'): TestEnvelope =>
  at(ref, 'SignRecord', { recordId, meaning });
