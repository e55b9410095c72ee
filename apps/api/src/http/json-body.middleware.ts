/**
 * Request bodies at the edge (commands.md "HTTP"): JSON only (415 otherwise), at most 1 MiB
 * (413, counted after decompression), valid JSON (400), sent as is or with Content-Encoding
 * gzip, deflate or br (415 for another encoding, 400 for bytes that do not decompress).
 * Nest's own body parser is switched off in createApp so that this runs after authentication.
 */
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { ApiError } from './api-error';

export const MAX_BODY_BYTES = 1024 * 1024;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * body-parser's errors, by their `type`, as the contract's answers. The decompressor's own error
 * (corrupt or truncated gzip, deflate or br bytes) is the one that reaches us without a type:
 * body-parser passes it on with status 400 only, which the filter would otherwise answer 500.
 */
const fromParserError = (err: unknown, contentEncoding: string): unknown => {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (type === undefined && status === 400 && contentEncoding !== 'identity')
    return new ApiError(
      400,
      'INVALID_JSON',
      `the request body is not valid ${contentEncoding} data (Content-Encoding: ${contentEncoding})`,
    );
  switch (type) {
    case 'entity.too.large':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`);
    case 'entity.parse.failed':
      return new ApiError(400, 'INVALID_JSON', `the request body is not valid JSON: ${(err as Error).message}`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', (err as Error).message);
    case 'request.aborted':
    case 'request.size.invalid':
      return new ApiError(400, 'BAD_REQUEST', (err as Error).message);
    default:
      return err;
  }
};

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse = json({ limit: MAX_BODY_BYTES, strict: true, type: () => true });

  use(req: Request, res: Response, next: NextFunction): void {
    const withBody = hasBody(req);
    if (!withBody && !WRITE_METHODS.has(req.method)) return next();
    if (!isJson(req.headers['content-type']))
      return next(
        new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON (Content-Type: application/json)'),
      );
    if (!withBody) return next();
    this.parse(req, res, (err?: unknown) => {
      // No depth limit: ignored envelope keys may hold anything, and nothing downstream
      // recurses on unvalidated input (canonical JSON is iterative).
      next(err ? fromParserError(err, (req.headers['content-encoding'] ?? 'identity').toLowerCase()) : undefined);
    });
  }
}
