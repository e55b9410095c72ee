/** Reads of one participant: its current state as amended, and its full history. */
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ParticipantQueries } from '../../../../libs/ledger/src';
import { ErrorBodyDto } from '../http/error-body.dto';
import { HistoryDto, ParticipantStateDto } from './participant.dto';

@ApiTags('participants')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study or participant' })
@Controller('api/v1/studies/:studyId/participants/:participantId')
export class ParticipantsController {
  constructor(private readonly queries: ParticipantQueries) {}

  @Get()
  @ApiOperation({ summary: "The participant's current state, as amended" })
  @ApiOkResponse({ type: ParticipantStateDto })
  currentState(
    @Param('studyId') studyId: string,
    @Param('participantId') participantId: string,
  ): Promise<ParticipantStateDto> {
    return this.queries.currentState(studyId, participantId) as Promise<ParticipantStateDto>;
  }

  @Get('history')
  @ApiOperation({ summary: 'Every event of the participant in stream order, with who, when and why' })
  @ApiOkResponse({ type: HistoryDto })
  history(@Param('studyId') studyId: string, @Param('participantId') participantId: string): Promise<HistoryDto> {
    return this.queries.history(studyId, participantId) as Promise<HistoryDto>;
  }
}
