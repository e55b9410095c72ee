/** Response shapes of the participant reads, for the OpenAPI document (commands.md "HTTP"). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../../../../libs/trial-domain/src';

export class ActorDto {
  @ApiProperty({ example: 'coord-01' })
  id!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: string;
}

export class HistoryMetadataDto {
  @ApiProperty({ type: ActorDto })
  actor!: ActorDto;

  @ApiProperty({ format: 'date-time', description: 'The clinical record time (server clock over HTTP)' })
  recordedAt!: string;

  @ApiProperty({ format: 'date-time', description: "The ledger's clock when the event was written" })
  storedAt!: string;

  @ApiProperty()
  commandId!: string;

  @ApiPropertyOptional({ description: 'Present (true) on imported events' })
  imported?: boolean;

  @ApiPropertyOptional({ description: 'Amendments only: why' })
  reason?: string;

  @ApiPropertyOptional({ description: 'Amendments only: the record amended' })
  recordId?: string;

  @ApiProperty({ description: "Hash chaining the event to its stream's previous one (docs/audit/event-hash.md)" })
  hash!: string;

  @ApiProperty({ description: "The stream's previous event's hash ('' at revision 0)" })
  prevHash!: string;

  @ApiProperty({ description: 'The study the event belongs to' })
  studyId!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty()
  causationId!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the command envelope that recorded it' })
  envelopeHash?: string;
}

export class HistoryEventDto {
  @ApiProperty({ example: 'AssessmentRecorded' })
  type!: string;

  @ApiProperty({ description: 'The event id (hashed)' })
  eventId!: string;

  @ApiProperty({ type: 'integer', description: "The event's schema version (hashed)" })
  schemaVersion!: number;

  @ApiProperty()
  streamId!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  revision!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: unknown;

  @ApiProperty({ type: HistoryMetadataDto })
  metadata!: HistoryMetadataDto;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryEventDto], description: 'Every event of the participant, in stream order' })
  events!: HistoryEventDto[];
}

export class ParticipantRecordDto {
  @ApiProperty()
  recordId!: string;

  @ApiProperty({ enum: ['procedure', 'assessment', 'adverse_event', 'surgery'] })
  kind!: string;

  @ApiProperty()
  voided!: boolean;
}

export class ParticipantStateDto {
  @ApiProperty()
  studyId!: string;

  @ApiProperty()
  participantId!: string;

  @ApiProperty({ type: 'integer', description: "Revision of the participant's stream this state is folded up to" })
  revision!: number;

  @ApiProperty({ enum: ['consented', 'screen_failed', 'enrolled', 'treated', 'withdrawn'], description: 'read.md' })
  status!: string;

  @ApiProperty({ format: 'date-time', description: 'The as-of instant echoed' })
  asOf!: string;

  @ApiProperty({ type: String, nullable: true, example: 'L_EPI+L_FACET', description: 'From the first session' })
  arm!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  treatmentDate!: string | null;

  @ApiProperty({ type: [String], description: 'Non-voided assessments, in visit order' })
  visitsAssessed!: string[];

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: '{ visit, windowOpensOn, windowClosesOn }',
  })
  nextVisit!: unknown;

  @ApiProperty({ type: [Object], description: 'Every consent: { consentVersion, signedOn }' })
  consents!: unknown[];

  @ApiProperty({ type: [Object], description: 'Every medication hold: { medicationClass, startedOn, endedOn }' })
  holds!: unknown[];

  @ApiProperty({
    type: [Object],
    description: 'Every IRB or regulator submission: { adverseEventId, recipient, submittedOn, recordedAt, commandId }',
  })
  safetySubmissions!: unknown[];

  @ApiProperty({
    type: [Object],
    description:
      "Every signature: { recordId, recordKind, meaning, signedBy, signedAt, contentHash, commandId, current } (current: still on the record's content as it stands)",
  })
  signatures!: unknown[];

  @ApiProperty({ type: [Object], description: 'Protocol deviations the record as it stands gives (protocol.md)' })
  deviations!: unknown[];

  @ApiProperty({ type: [String], description: 'Ids of records whose current content carries no signature' })
  recordsAwaitingSignature!: string[];

  @ApiProperty({ type: 'integer', description: 'Corrections and voids recorded' })
  amendments!: number;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  consentedOn!: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      '{ outcome, fields, failedCriteria, amendedBy }, as amended; amendedBy: field → the amendment that set it',
  })
  enrollment!: unknown;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: '{ withdrawnOn, reason }' })
  withdrawal!: unknown;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'date' },
    description: 'Active holds: class → startedOn',
  })
  activeMedicationHolds!: Record<string, string>;

  @ApiProperty({
    type: [ParticipantRecordDto],
    description:
      'Every record with its current (amended) fields beside these; amendedBy: field → { type, commandId, recordedAt, actor, reason } of the amendment that set it; voidedBy: who voided it, when and why',
  })
  records!: ParticipantRecordDto[];
}

export class RecordHistoryDto {
  @ApiProperty() recordId!: string;
  @ApiProperty({ enum: ['enrollment', 'procedure', 'assessment', 'adverse_event', 'surgery'] }) kind!: string;
  @ApiProperty() voided!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The content as it stands' })
  current!: Record<string, unknown>;
  @ApiProperty({
    type: [Object],
    description:
      'The original entry, then every correction, update and void, in log order: { version, type, recordedAt, actor, commandId, reason, contentHash, changes: [{ field, old, new }], signatures: [{ signer: { id, role, name }, meaning, signedAt, imported }] }',
  })
  versions!: unknown[];
  @ApiProperty({
    type: [Object],
    description: 'Every signature with the version it signed and whether it is on the current content',
  })
  signatures!: unknown[];
  @ApiProperty({ description: 'Signed once, and no signature is on the content as it stands' })
  awaitingSignature!: boolean;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
}
