/**
 * Domain rejections. Each carries a stable machine code, the HTTP-like status the contract
 * assigns to its class of rule, and the field it concerns. A command that throws records nothing.
 */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 404 | 409 | 422;
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The shape of the input: type, range, enum, pattern, missing or unknown field (400). */
export class ValidationFailed extends DomainError {
  readonly status = 400 as const;
  constructor(message: string, field?: string) {
    super('VALIDATION_FAILED', message, field);
  }
}

/** A date-order or cross-field rule (422). */
export class RuleViolated extends DomainError {
  readonly status = 422 as const;
}

/** Unknown study, participant or record (404). */
export class NotFound extends DomainError {
  readonly status = 404 as const;
}

/** A state conflict: the participant's record does not allow this command now (409). */
export class StateConflict extends DomainError {
  readonly status = 409 as const;
}
