/**
 * Role before anything else but identity (commands.md "Roles": 403 is judged before idempotency
 * and before the envelope's shape). The pipeline checks again; this makes the order hold at the
 * edge and keeps a forbidden command out of the pipeline's queue.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { checkRole } from '../../../../libs/ledger/src';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { unauthorized } from '../http/api-error';

@Injectable()
export class CommandRoleGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.principal) throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
    const body: unknown = req.body;
    const type =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)['type']
        : undefined;
    checkRole(req.principal.role, type);
    return true;
  }
}
