/** Reads of one participant (read.md "One participant"): the state as amended and the history, as of `asOf`. */
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
import { READS, resolveAsOf, type Reads } from '../../../../libs/read-model/src';
import { ErrorBodyDto } from '../http/error-body.dto';
import { AS_OF_QUERY } from '../studies/studies.controller';
import { HistoryDto, ParticipantStateDto, RecordHistoryDto } from './participant.dto';

@ApiTags('participants')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({
  type: ErrorBodyDto,
  description: 'asOf not an ISO-8601 instant with a zone, or in the future',
})
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study or participant' })
@Controller('api/v1/studies/:studyId/participants/:participantId')
export class ParticipantsController {
  constructor(
    @Inject(READS) private readonly reads: Reads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The participant as the ledger knew them at asOf, every amended value marked' })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: ParticipantStateDto })
  currentState(
    @Param('studyId') studyId: string,
    @Param('participantId') participantId: string,
    @Query('asOf') asOf: unknown,
  ): Promise<ParticipantStateDto> {
    return this.reads.participant(
      studyId,
      participantId,
      resolveAsOf(asOf, this.clock.now()),
    ) as unknown as Promise<ParticipantStateDto>;
  }

  @Get('records/:recordId/history')
  @ApiOperation({
    summary:
      "One record's versions (the entry, every correction, update and void, old → new) and its signatures on the version they signed",
  })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: RecordHistoryDto })
  recordHistory(
    @Param('studyId') studyId: string,
    @Param('participantId') participantId: string,
    @Param('recordId') recordId: string,
    @Query('asOf') asOf: unknown,
  ): Promise<RecordHistoryDto> {
    return this.reads.recordHistory(
      studyId,
      participantId,
      recordId,
      resolveAsOf(asOf, this.clock.now()),
    ) as unknown as Promise<RecordHistoryDto>;
  }

  @Get('history')
  @ApiOperation({
    summary: 'The events of the participant recorded at or before asOf, in stream order, with who, when and why',
  })
  @ApiQuery(AS_OF_QUERY)
  @ApiOkResponse({ type: HistoryDto })
  history(
    @Param('studyId') studyId: string,
    @Param('participantId') participantId: string,
    @Query('asOf') asOf: unknown,
  ): Promise<HistoryDto> {
    return this.reads.history(studyId, participantId, resolveAsOf(asOf, this.clock.now())) as Promise<HistoryDto>;
  }
}
