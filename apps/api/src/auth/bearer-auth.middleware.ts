/**
 * Identity first (commands.md "Roles": 401 before anything else): the bearer token is checked
 * before the body is read, so an unknown caller cannot make the server parse a megabyte. It runs
 * for every route but the public ones (see PUBLIC_ROUTES in app.module.ts); the guard then
 * insists on the principal, so a route cannot be reached without one by a middleware mix-up.
 */
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from './authenticated-request';
import { PrincipalRegistry } from './principals';

@Injectable()
export class BearerAuthMiddleware implements NestMiddleware {
  constructor(private readonly principals: PrincipalRegistry) {}

  use(req: AuthenticatedRequest, _res: Response, next: NextFunction): void {
    try {
      req.principal = this.principals.authenticate(req.headers.authorization);
      next();
    } catch (e) {
      next(e);
    }
  }
}
