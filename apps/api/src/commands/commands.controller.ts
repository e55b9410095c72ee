/**
 * POST /api/v1/commands: one envelope, run as the authenticated principal (never the body's
 * `actor`; the recorded time is the server's) through the same CommandBus handler as the import.
 * The body goes on untouched: the pipeline judges the role, then the commandId, then idempotency,
 * then the envelope's shape, each once and in the order commands.md gives them.
 */
import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ExecuteCommand, mayRun } from '../../../../libs/ledger/src';
import { SIGNING_PASSWORD_HEADER, SigningGate } from '../auth/signing-gate';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principals';
import { ErrorBodyDto } from '../http/error-body.dto';
import { CommandAcceptedDto, EnvelopeDto } from './envelope.dto';

@ApiTags('commands')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No bearer token, or an unknown one' })
@Controller('api/v1/commands')
export class CommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly signing: SigningGate,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Run one command',
    description: '`recordedAt` and `actor` in the body are ignored: the actor is the principal.',
  })
  @ApiBody({ type: EnvelopeDto })
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: 'Accepted: the events recorded' })
  @ApiOkResponse({
    type: CommandAcceptedDto,
    description: 'A duplicate (same commandId and body): the first answer, nothing recorded',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'The shape of the input, or invalid JSON' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: "The principal's role may not run this command" })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown study, participant or record' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'A state conflict, or a commandId reused for another command',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyDto, description: 'Body over 1 MiB' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'Body not application/json' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'A date-order or cross-field rule' })
  async execute(
    @Body() envelope: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Headers(SIGNING_PASSWORD_HEADER) signingPassword: unknown,
  ): Promise<CommandAcceptedDto> {
    // A signer re-enters the signing password (Part 11 §11.200), judged with identity: after the
    // role (a coordinator's SignRecord is 403 in the pipeline), before idempotency.
    const type = typeof envelope === 'object' && envelope !== null ? (envelope as { type?: unknown }).type : undefined;
    if (type === 'SignRecord' && mayRun(principal.role, 'SignRecord'))
      await this.signing.check(principal, signingPassword);
    const door = {
      kind: 'http' as const,
      principal: {
        id: principal.id,
        role: principal.role,
        ...(principal.name !== undefined && { name: principal.name }),
      },
    };
    const outcome = await this.commandBus.execute(new ExecuteCommand(envelope, door));
    res.status(outcome.status === 'accepted' ? 201 : 200);
    return outcome.result as CommandAcceptedDto;
  }
}
