/**
 * The read model's rebuild, as a job on the BullMQ queue `projections` that the worker runs (admin
 * only): POST queues it (202, or the job already waiting or running), GET follows it.
 */
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Forbidden } from '../../../../libs/ledger/src';
import { NotFound } from '../../../../libs/trial-domain/src';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principals';
import { ErrorBodyDto } from '../http/error-body.dto';
import { RebuildJobDto } from './projection-rebuild.dto';
import { ProjectionRebuilds } from './projection-rebuilds.service';

const JOB_ID = /^[A-Za-z0-9:_-]{1,128}$/;

const adminOnly = (principal: Principal): void => {
  if (principal.role !== 'admin')
    throw new Forbidden(`role ${principal.role} may not rebuild the read model (admin only)`, '');
};

@ApiTags('projections')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No bearer token, or an unknown one' })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'The principal is not an admin' })
@ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'Redis cannot be reached (QUEUE_UNAVAILABLE)' })
@Controller('api/v1/projections')
export class ProjectionsController {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue a rebuild of the read model (admin only)',
    description:
      'As `ledger rebuild`. The worker folds the whole log again and replaces the read model in one transaction; ' +
      'follow the job at the `Location` given. While a rebuild is waiting or running, asking again answers that job. ' +
      'Send `Content-Type: application/json` (the body, if any, is ignored).',
  })
  @ApiAcceptedResponse({
    type: RebuildJobDto,
    description: 'Queued (or joined)',
    headers: { Location: { description: 'The job: /api/v1/projections/rebuilds/{jobId}', schema: { type: 'string' } } },
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'Not Content-Type: application/json' })
  async rebuild(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RebuildJobDto> {
    adminOnly(principal);
    const job = await this.rebuilds.request();
    res.setHeader('Location', `/api/v1/projections/rebuilds/${encodeURIComponent(job.jobId)}`);
    return job;
  }

  @Get('rebuilds/:jobId')
  @ApiOperation({ summary: "A rebuild job's state, and its answer once completed (admin only)" })
  @ApiParam({ name: 'jobId', example: '7' })
  @ApiOkResponse({ type: RebuildJobDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such rebuild job (UNKNOWN_JOB), or no longer kept' })
  rebuildJob(@Param('jobId') jobId: string, @CurrentPrincipal() principal: Principal): Promise<RebuildJobDto> {
    adminOnly(principal);
    if (!JOB_ID.test(jobId)) throw new NotFound('UNKNOWN_JOB', `no rebuild job ${jobId}`, 'jobId');
    return this.rebuilds.find(jobId);
  }
}
