/** POST /api/v1/projections/:name/rebuild: an admin rebuilds a projection from position zero. */
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Forbidden } from '../../../../libs/ledger/src';
import { PROJECTIONS } from '../../../../libs/projections/src';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principals';
import { ErrorBodyDto } from '../http/error-body.dto';
import { ProjectionRebuilds, type RebuildOutcome } from './projection-rebuilds.service';
import { RebuildResultDto } from './report.dto';

@ApiTags('projections')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No bearer token, or an unknown one' })
@Controller('api/v1/projections')
export class ProjectionsController {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  @Post(':name/rebuild')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rebuild a projection from position zero and replace its durable checkpoint (admin only)',
    description:
      'As `ledger rebuild --projection <name>`. Send `Content-Type: application/json` (the body, if any, is ignored).',
  })
  @ApiParam({ name: 'name', enum: PROJECTIONS.map((p) => p.name) })
  @ApiOkResponse({ type: RebuildResultDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'The principal is not an admin' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown projection' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'Not Content-Type: application/json' })
  rebuild(@Param('name') name: string, @CurrentPrincipal() principal: Principal): Promise<RebuildOutcome> {
    if (principal.role !== 'admin')
      throw new Forbidden(`role ${principal.role} may not rebuild projections (admin only)`, '');
    return this.rebuilds.rebuild(name);
  }
}
