import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { unauthorized } from '../http/api-error';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Principal } from './principals';

/** The authenticated caller; the actor of every command sent over HTTP. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
  return principal;
});
