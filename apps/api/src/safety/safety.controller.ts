/** The safety desk's reads (safety.md): the adverse-event listing and missed visits, as of `asOf`. */
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
import { adverseEventFilters, READS, resolveAsOf, type Reads } from '../../../../libs/read-model/src';
import { ErrorBodyDto } from '../http/error-body.dto';
import { AS_OF_QUERY } from '../studies/studies.controller';
import { AdverseEventListingDto, MissedVisitsDto } from './safety.dto';

const BOOLEAN = { required: false, enum: ['true', 'false'] } as const;

@ApiTags('safety')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study' })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A bad asOf or filter' })
@Controller('api/v1/studies/:studyId')
export class SafetyController {
  constructor(
    @Inject(READS) private readonly reads: Reads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('adverse-events')
  @ApiOperation({ summary: 'Every non-voided adverse event of the study, as amended, with its IRB clock' })
  @ApiQuery(AS_OF_QUERY)
  @ApiQuery({ name: 'serious', ...BOOLEAN })
  @ApiQuery({ name: 'expedited', ...BOOLEAN })
  @ApiQuery({ name: 'open', ...BOOLEAN })
  @ApiQuery({ name: 'grade', required: false, type: 'integer', minimum: 1, maximum: 5 })
  @ApiQuery({ name: 'arm', required: false, example: 'L_EPI+L_FACET' })
  @ApiQuery({ name: 'participantId', required: false })
  @ApiOkResponse({ type: AdverseEventListingDto })
  adverseEvents(
    @Param('studyId') studyId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<AdverseEventListingDto> {
    const asOf = resolveAsOf(query['asOf'], this.clock.now());
    return this.reads.adverseEvents(studyId, asOf, adverseEventFilters(query)) as Promise<AdverseEventListingDto>;
  }

  @Get('visits/missed')
  @ApiOperation({ summary: 'Follow-up visits whose window closed before the as-of date with no assessment' })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: MissedVisitsDto })
  missedVisits(@Param('studyId') studyId: string, @Query('asOf') asOf: unknown): Promise<MissedVisitsDto> {
    return this.reads.missedVisits(studyId, resolveAsOf(asOf, this.clock.now())) as Promise<MissedVisitsDto>;
  }
}
