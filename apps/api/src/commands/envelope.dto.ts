/**
 * The command envelope as the OpenAPI document shows it; nothing here validates. The pipeline
 * judges the envelope for both doors alike, with the domain's rules and messages: the role
 * first (403, HTTP only), then `commandId` (absent, or a string of 1-128 UTF-16 code units;
 * `null` is 400), then idempotency (a reused id with another envelope is 409 even when that
 * envelope is malformed), then `type` and `data`. `recordedAt`, `actor` and any other top-level
 * key are ignored over HTTP.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMAND_TYPES, type CommandType } from '../../../../libs/trial-domain/src';

export class EnvelopeDto {
  @ApiPropertyOptional({
    description: 'Idempotency key, unique across the ledger; assigned by the server when absent. `null` is 400.',
    minLength: 1,
    maxLength: 128,
    example: 'c-000123',
  })
  commandId?: string;

  @ApiProperty({ enum: COMMAND_TYPES, enumName: 'CommandType', example: 'RecordAssessment' })
  type!: CommandType;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The command's fields, per `type` (commands.md); unknown fields are 400.",
    example: {
      studyId: 'MSC-SPINE',
      participantId: 'P0001',
      assessmentId: 'A-m3',
      visit: 'm3',
      assessedOn: '2024-04-03',
      vas: 3.5,
      quebec: 22,
    },
  })
  data!: Record<string, unknown>;
}

export class EventRefDto {
  @ApiProperty({ example: 'AssessmentRecorded' })
  type!: string;

  @ApiProperty({ example: 'participant-MSC-SPINE-1.MSC-001' })
  streamId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: "The event's 0-based position in its stream" })
  revision!: number;
}

/** 201 when accepted; 200 with the same body for a duplicate. */
export class CommandAcceptedDto {
  @ApiProperty({ example: 'c-000123' })
  commandId!: string;

  @ApiProperty({ type: [EventRefDto] })
  events!: EventRefDto[];
}
