/** Response shapes of the study and roster reads (read.md), for the OpenAPI document. */
import { ApiProperty } from '@nestjs/swagger';
import { WITHDRAWAL_REASONS } from '../../../../libs/trial-domain/src';
import { PARTICIPANT_STATUSES } from '../../../../libs/read-model/src';

export class StudySummaryDto {
  @ApiProperty({ example: 'MSC-SPINE-1' })
  studyId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  irbApprovalNumber!: string;

  @ApiProperty()
  protocolVersion!: string;

  @ApiProperty({ type: 'integer', description: "Participants with a consent recorded by asOf (the roster's length)" })
  participants!: number;
}

export class StudiesDto {
  @ApiProperty({ type: [StudySummaryDto] })
  studies!: StudySummaryDto[];
}

export class WithdrawalDto {
  @ApiProperty({ format: 'date' })
  withdrawnOn!: string;

  @ApiProperty({ enum: WITHDRAWAL_REASONS })
  reason!: string;
}

export class NextVisitDto {
  @ApiProperty({ enum: ['m1', 'm3', 'm6', 'm12', 'm18', 'm24'] })
  visit!: string;

  @ApiProperty({ format: 'date' })
  windowOpensOn!: string;

  @ApiProperty({ format: 'date' })
  windowClosesOn!: string;
}

export class RosterEntryDto {
  @ApiProperty()
  participantId!: string;

  @ApiProperty({ format: 'date', description: 'signedOn of the first consent' })
  consentedOn!: string;

  @ApiProperty({ enum: PARTICIPANT_STATUSES })
  status!: string;

  @ApiProperty({ type: [String], description: "The failed criteria's codes, as recorded by the EnrollParticipant" })
  screenFailures!: string[];

  @ApiProperty({ type: WithdrawalDto, nullable: true })
  withdrawal!: WithdrawalDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'L_EPI+L_FACET', description: 'From the first session' })
  arm!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  treatmentDate!: string | null;

  @ApiProperty({ type: [String], description: 'Non-voided assessments, in visit order' })
  visitsAssessed!: string[];

  @ApiProperty({
    type: NextVisitDto,
    nullable: true,
    description: 'The first follow-up visit not yet assessed whose window has not closed before the as-of date',
  })
  nextVisit!: NextVisitDto | null;

  @ApiProperty({ type: 'integer', description: 'Non-voided adverse events without a resolution date' })
  openAdverseEvents!: number;

  @ApiProperty({ type: 'integer', description: 'Protocol deviations the record as it stands gives (protocol.md)' })
  deviations!: number;

  @ApiProperty({
    type: 'integer',
    description: 'The enrollment and non-voided clinical records whose current content carries no signature',
  })
  recordsAwaitingSignature!: number;
}

export class RosterDto {
  @ApiProperty()
  studyId!: string;

  @ApiProperty({ format: 'date-time' })
  asOf!: string;

  @ApiProperty({ type: [RosterEntryDto], description: 'In the order first consents were recorded' })
  participants!: RosterEntryDto[];
}
