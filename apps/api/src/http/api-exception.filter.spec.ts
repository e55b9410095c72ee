import { BadRequestException, NotFoundException } from '@nestjs/common';
import { Forbidden } from '../../../../libs/ledger/src';
import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../../../../libs/trial-domain/src';
import { ApiError } from './api-error';
import { toErrorAnswer } from './api-exception.filter';

describe('toErrorAnswer', () => {
  it('keeps a DomainError’s status, code and field', () => {
    expect(toErrorAnswer(new ValidationFailed('data.vas must not be greater than 10', 'data.vas'))).toEqual({
      status: 400,
      body: { error: 'VALIDATION_FAILED', message: 'data.vas must not be greater than 10', field: 'data.vas' },
    });
    expect(toErrorAnswer(new NotFound('UNKNOWN_STUDY', 'unknown study S', 'data.studyId')).status).toBe(404);
    expect(toErrorAnswer(new StateConflict('NOT_ENROLLED', 'x', 'data.participantId')).status).toBe(409);
    expect(toErrorAnswer(new RuleViolated('DATE_IN_FUTURE', 'x', 'data.signedOn')).status).toBe(422);
  });

  it('omits an empty field', () => {
    expect(toErrorAnswer(new ValidationFailed('the command must be a JSON object', '')).body).toEqual({
      error: 'VALIDATION_FAILED',
      message: 'the command must be a JSON object',
    });
  });

  it('answers Forbidden 403 and edge errors with their own status', () => {
    expect(toErrorAnswer(new Forbidden('role admin may not run RecordConsent'))).toEqual({
      status: 403,
      body: { error: 'FORBIDDEN', message: 'role admin may not run RecordConsent', field: 'type' },
    });
    expect(toErrorAnswer(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'json only')).status).toBe(415);
  });

  it("maps Nest's HttpExceptions to a code and a string message", () => {
    expect(toErrorAnswer(new NotFoundException('Cannot GET /x'))).toEqual({
      status: 404,
      body: { error: 'NOT_FOUND', message: 'Cannot GET /x' },
    });
    expect(toErrorAnswer(new BadRequestException(['a is wrong', 'b is wrong'])).body).toEqual({
      error: 'BAD_REQUEST',
      message: 'a is wrong; b is wrong',
    });
  });

  it('answers anything else 500 without its details', () => {
    expect(toErrorAnswer(new Error('SQLITE_CORRUPT at /var/lib/ledger.db'))).toEqual({
      status: 500,
      body: { error: 'INTERNAL_ERROR', message: 'the server could not answer this request' },
    });
    expect(toErrorAnswer('a string').status).toBe(500);
  });
});
