/**
 * A rejection decided at the HTTP edge (identity, media type, body size, JSON syntax), before a
 * command reaches the pipeline. It carries the same three things a DomainError does, so that
 * one filter answers every 4xx with the contract's error body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (message: string): ApiError => new ApiError(401, 'UNAUTHORIZED', message);
