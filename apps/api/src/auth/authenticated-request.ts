import type { Request } from 'express';
import type { Principal } from './principals';

/** A request once BearerAuthMiddleware (or the guard) has established who sent it. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
