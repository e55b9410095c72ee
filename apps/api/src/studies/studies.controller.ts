/** The studies and their rosters (read.md), as the ledger knew them at `asOf`. Every role may read. */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLOCK, type Clock } from '../../../../libs/ledger/src';
import { PARTICIPANT_STATUSES, READS, resolveAsOf, type Reads } from '../../../../libs/read-model/src';
import { ErrorBodyDto } from '../http/error-body.dto';
import { RosterDto, StudiesDto, StudySummaryDto } from './studies.dto';

export const AS_OF_QUERY = {
  name: 'asOf',
  required: false,
  description:
    "Recorded time: only events recorded at or before it count. ISO-8601 instant with a zone; default now; later than the ledger's clock is 400 AS_OF_IN_FUTURE.",
  example: '2024-12-31T23:59:59Z',
} as const;

const optional = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

@ApiTags('studies')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({
  type: ErrorBodyDto,
  description: 'asOf not an ISO-8601 instant with a zone, or in the future',
})
@Controller('api/v1/studies')
export class StudiesController {
  constructor(
    @Inject(READS) private readonly reads: Reads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every registered study with the size of its roster' })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: StudiesDto })
  studies(@Query('asOf') asOf: unknown): Promise<StudiesDto> {
    return this.reads.studies(resolveAsOf(asOf, this.clock.now()));
  }

  @Get(':studyId')
  @ApiOperation({ summary: 'One study' })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: StudySummaryDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study' })
  study(@Param('studyId') studyId: string, @Query('asOf') asOf: unknown): Promise<StudySummaryDto> {
    return this.reads.study(studyId, resolveAsOf(asOf, this.clock.now()));
  }

  @Get(':studyId/participants')
  @ApiOperation({ summary: "The study's roster: every consented participant and where they stand" })
  @ApiQuery(AS_OF_QUERY)
  @ApiQuery({ name: 'status', required: false, enum: PARTICIPANT_STATUSES })
  @ApiQuery({ name: 'arm', required: false, example: 'L_EPI+L_FACET' })
  @ApiOkResponse({ type: RosterDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study' })
  roster(
    @Param('studyId') studyId: string,
    @Query('asOf') asOf: unknown,
    @Query('status') status: unknown,
    @Query('arm') arm: unknown,
  ): Promise<RosterDto> {
    const instant = resolveAsOf(asOf, this.clock.now());
    const filters = {
      ...(optional(status) !== undefined && { status: optional(status) }),
      ...(optional(arm) !== undefined && { arm: optional(arm) }),
    };
    return this.reads.roster(studyId, instant, filters) as Promise<RosterDto>;
  }
}
