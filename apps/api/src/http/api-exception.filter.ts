/**
 * The one place errors become HTTP answers (STYLE.md "Errors"): a DomainError keeps its status
 * and code, Forbidden is 403, an edge rejection (ApiError) and Nest's own HttpExceptions (an
 * unknown route) keep theirs, and anything else is a 500 whose details go to the log, never to
 * the client. Every answer has the contract's body { error, message, field? }.
 */
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CorruptEvent, StoreBusy, StoreUnavailable } from '../../../../libs/event-store/src';
import { Forbidden } from '../../../../libs/ledger/src';
import { DomainError } from '../../../../libs/trial-domain/src';
import { ApiError } from './api-error';
import type { ErrorBody } from './error-body.dto';

export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  /** Seconds a client should wait before trying again (503). */
  readonly retryAfter?: number;
}

/** Codes for statuses that reach us without a code of their own (Nest's HttpExceptions). */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

const body = (error: string, message: string, field?: string): ErrorBody => ({
  error,
  message,
  ...(field !== undefined && field !== '' && { field }),
});

/** Nest's exception response is a string or { message: string | string[] }. */
const messageOf = (e: HttpException): string => {
  const r = e.getResponse();
  if (typeof r === 'string') return r;
  const m = (r as { message?: unknown }).message;
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) return m.map(String).join('; ');
  return e.message;
};

export const toErrorAnswer = (e: unknown): ErrorAnswer => {
  if (e instanceof DomainError) return { status: e.status, body: body(e.code, e.message, e.field) };
  if (e instanceof Forbidden) return { status: 403, body: body(e.code, e.message, e.field) };
  if (e instanceof ApiError) return { status: e.status, body: body(e.code, e.message, e.field) };
  if (e instanceof HttpException) {
    const status = e.getStatus();
    return {
      status,
      body: body(CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), messageOf(e)),
    };
  }
  // The store is busy or away: nothing was recorded, and the same request may simply be sent again.
  if (e instanceof StoreBusy)
    return { status: 503, retryAfter: e.retryAfterSeconds, body: body('STORE_BUSY', e.message) };
  if (e instanceof StoreUnavailable)
    return { status: 503, retryAfter: 5, body: body('STORE_UNAVAILABLE', 'the event store cannot be reached') };
  // Said plainly (which event, where) so that an operator can find it; only reads of it fail.
  if (e instanceof CorruptEvent) return { status: 500, body: body('STORED_EVENT_CORRUPT', e.message) };
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: body('INTERNAL_ERROR', 'the server could not answer this request'),
  };
};

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { status, body: answer, retryAfter } = toErrorAnswer(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, method: req.method, url: req.originalUrl }, 'request failed');
      // pino-http logs the request with this error rather than a generic "failed with status code 500"
      (res as Response & { err?: unknown }).err = exception instanceof Error ? exception : new Error(String(exception));
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(answer);
  }
}
