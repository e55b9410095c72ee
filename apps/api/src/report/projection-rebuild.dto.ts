/** Response shapes of the read-model rebuild routes, for the OpenAPI document. */
import { ApiProperty } from '@nestjs/swagger';

export class RebuildAnswerDto {
  @ApiProperty({ description: 'The log position the rebuilt read model stands at (a decimal bigint)', example: '1234' })
  position!: string;

  @ApiProperty({ type: 'integer', description: 'Events folded from position zero' })
  eventsFolded!: number;
}

export class RebuildJobDto {
  @ApiProperty({ example: '7', description: 'The BullMQ job id on the `projections` queue' })
  jobId!: string;

  @ApiProperty({
    enum: ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'],
    description: 'waiting: no worker has taken it yet; active: a worker is folding the log',
  })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  @ApiProperty({ type: RebuildAnswerDto, nullable: true, description: 'When completed' })
  answer!: RebuildAnswerDto | null;

  @ApiProperty({ nullable: true, type: String, description: 'When failed: why' })
  failedReason!: string | null;
}
