/** Response shapes of the report routes, for the OpenAPI document (report.md is the contract). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class FlowDto {
  @ApiProperty({ type: 'integer', description: 'Participants with a consent' })
  consented!: number;

  @ApiProperty({ type: 'integer' })
  screenFailed!: number;

  @ApiProperty({ type: 'integer', description: 'Enrolled (withdrawn ones stay enrolled)' })
  enrolled!: number;

  @ApiProperty({ type: 'integer', description: 'Enrolled with at least one non-voided procedure' })
  treated!: number;

  @ApiProperty({ ...COUNTS, description: 'Withdrawn participants by reason (all four reasons present)' })
  withdrawn!: Record<string, number>;
}

export class SurvivorshipDto {
  @ApiProperty({ type: 'integer', description: 'Treated at least 365 days before the as-of date' })
  atRisk!: number;

  @ApiProperty({ type: 'integer', description: 'Of those, without a subsequent surgery' })
  surgeryFree!: number;
}

export class ExpeditedReportDto {
  @ApiProperty()
  participantId!: string;

  @ApiProperty()
  adverseEventId!: string;

  @ApiProperty({ format: 'date' })
  clockStartedOn!: string;

  @ApiProperty({ format: 'date' })
  dueOn!: string;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  submittedToIrbOn!: string | null;

  @ApiProperty()
  overdue!: boolean;
}

export class SafetyDto {
  @ApiProperty({ type: 'integer', description: 'Treated participants' })
  participantsExposed!: number;

  @ApiProperty({ type: 'integer' })
  participantsWithAe!: number;

  @ApiProperty({ type: 'integer' })
  participantsWithSae!: number;

  @ApiProperty({ type: 'integer' })
  adverseEvents!: number;

  @ApiProperty({ type: 'integer' })
  seriousAdverseEvents!: number;

  @ApiProperty({ type: 'integer' })
  deaths!: number;

  @ApiProperty({ ...COUNTS, description: 'Grades "1" to "5", all present' })
  byGrade!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Serious events listing each criterion (zeros may be omitted)' })
  bySeriousCriterion!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Events by verbatim body system (zeros may be omitted)' })
  byBodySystem!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Events by relatedness to the product (zeros may be omitted)' })
  relatedToProduct!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        participants: { type: 'integer' },
        participantsWithAe: { type: 'integer' },
        adverseEvents: { type: 'integer' },
        seriousAdverseEvents: { type: 'integer' },
      },
    },
    description: 'By bare arm key, one entry per arm present among treated participants',
  })
  byArm!: Record<string, unknown>;

  @ApiProperty({ type: [ExpeditedReportDto], description: 'Any order' })
  expedited!: ExpeditedReportDto[];
}

export class DeviationDto {
  @ApiProperty()
  participantId!: string;

  @ApiProperty({ description: 'The record named: a procedure, a session name, an assessment or `enrollment`' })
  recordId!: string;

  @ApiProperty({ example: 'FACET_DOSE_OUT_OF_RANGE' })
  code!: string;

  @ApiProperty({ description: 'Free text' })
  detail!: string;
}

export class DeviationsDto {
  @ApiProperty({ ...COUNTS, description: 'Zeros may be omitted' })
  byCode!: Record<string, number>;

  @ApiProperty({ type: [DeviationDto], description: 'Any order' })
  items!: DeviationDto[];
}

export class StudyReportDto {
  @ApiProperty({ example: 'MSC-SPINE-1' })
  studyId!: string;

  @ApiProperty({ format: 'date-time', description: 'The as-of instant (recorded time), canonical UTC' })
  asOf!: string;

  @ApiProperty({ type: 'integer', description: "The study's stored events recorded at or before asOf" })
  eventsApplied!: number;

  @ApiProperty({ type: FlowDto })
  flow!: FlowDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: '`all` and each bare arm key: `{ n, age, sex, bmi }` (Table 1)',
  })
  demographics!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description:
      '`all`, `arm:<key>`, `subgroup:<name>`: `{ population, followUp, efficacy, durability, means }` (Tables 2-4)',
  })
  slices!: Record<string, unknown>;

  @ApiProperty({ type: SurvivorshipDto })
  survivorship!: SurvivorshipDto;

  @ApiProperty({ type: SafetyDto })
  safety!: SafetyDto;

  @ApiProperty({ type: DeviationsDto })
  deviations!: DeviationsDto;
}

export class LeafChangeDto {
  @ApiProperty({ example: 'slices.all.efficacy.m3.responders' })
  path!: string;

  @ApiPropertyOptional({ description: 'The value before; absent when the leaf did not exist' })
  from?: unknown;

  @ApiPropertyOptional({ description: 'The value after; absent when the leaf no longer exists' })
  to?: unknown;
}

export class ResponsibleEventDto {
  @ApiProperty({ example: 'RecordCorrected' })
  type!: string;

  @ApiProperty({ nullable: true, type: String })
  participantId!: string | null;

  @ApiProperty()
  commandId!: string;

  @ApiProperty({ type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } })
  actor!: { id: string; role: string };

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  recordId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;
}

export class ReportDiffDto {
  @ApiProperty()
  studyId!: string;

  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: [LeafChangeDto], description: 'Leaf by leaf, in path order (asOf and eventsApplied excluded)' })
  changes!: LeafChangeDto[];

  @ApiProperty({ type: [ResponsibleEventDto], description: 'The events recorded in (from, to], in log order' })
  events!: ResponsibleEventDto[];
}
