/** Rules shared by several participant commands (commands.md "Participant lifecycle", "Dates"). */
import { latestClinicalDate } from '../shared/dates';
import { NotFound, RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import { ENROLLMENT_RECORD_ID } from '../shared/vocabulary';
import type { CommandContext } from './command';
import { recordById, type ClinicalRecord, type ParticipantState } from './participant.state';

export const requireParticipant = (s: ParticipantState): void => {
  if (s.consentedOn === null)
    throw new NotFound('UNKNOWN_PARTICIPANT', 'unknown participant: no consent is recorded', 'data.participantId');
};

export const requireEnrolled = (s: ParticipantState): void => {
  requireParticipant(s);
  if (s.enrollment?.outcome !== 'enrolled')
    throw new StateConflict(
      'NOT_ENROLLED',
      s.enrollment
        ? 'the participant failed screening and takes no clinical records'
        : 'the participant is not enrolled',
      'data.participantId',
    );
};

/** A procedure or assessment of a withdrawn participant may only be dated up to the withdrawal. */
export const requireNotAfterWithdrawal = (s: ParticipantState, date: string, field: string): void => {
  if (s.withdrawal && date > s.withdrawal.withdrawnOn)
    throw new StateConflict(
      'AFTER_WITHDRAWAL',
      `${field} ${date} is after the participant's withdrawal on ${s.withdrawal.withdrawnOn}`,
      field,
    );
};

/** No clinical date later than today in UTC+14, nor before the participant's first consent. */
export const checkClinicalDate = (s: ParticipantState, ctx: CommandContext, date: string, field: string): void => {
  const latest = latestClinicalDate(ctx.recordedAt);
  if (date > latest)
    throw new RuleViolated('DATE_IN_FUTURE', `${field} ${date} is later than the recorded date ${latest}`, field);
  if (s.consentedOn !== null && date < s.consentedOn)
    throw new RuleViolated(
      'DATE_BEFORE_CONSENT',
      `${field} ${date} precedes the participant's first consent on ${s.consentedOn}`,
      field,
    );
};

/** Dates inside `changes` (UpdateAdverseEvent, CorrectRecord) obey the same date rules as the original command's. */
export const checkChangedDates = (
  s: ParticipantState,
  ctx: CommandContext,
  changes: Readonly<Record<string, unknown>>,
): void => {
  for (const [k, v] of Object.entries(changes)) {
    if (typeof v === 'string' && /On$/.test(k)) checkClinicalDate(s, ctx, v, `data.changes.${k}`);
  }
};

/** A new record's id: not the reserved `enrollment`, not used by any record of the participant. */
export const checkNewRecordId = (s: ParticipantState, id: string, field: string): void => {
  if (id === ENROLLMENT_RECORD_ID)
    throw new ValidationFailed(`${field} must not be the reserved id "${ENROLLMENT_RECORD_ID}"`, field);
  if (recordById(s, id))
    throw new StateConflict('RECORD_ID_TAKEN', `${field} ${id} is already used by a record of this participant`, field);
};

/** A record of the participant by id, voided or not; 404 when unknown. */
export const findRecord = (s: ParticipantState, id: string, field = 'data.recordId'): ClinicalRecord => {
  const r = recordById(s, id);
  if (!r) throw new NotFound('UNKNOWN_RECORD', `${field}: no record ${id} for this participant`, field);
  return r;
};

/** A reason needs a character that is not whitespace (String.prototype.trim). */
export const checkReason = (reason: string, field = 'data.reason'): void => {
  if (reason.trim().length === 0) throw new RuleViolated('REASON_REQUIRED', `${field} must not be blank`, field);
};

/** Date fields of a record kind, for the date rules applied to corrections. */
export const DATE_FIELDS = ['enrolledOn', 'performedOn', 'assessedOn', 'onsetOn', 'resolvedOn'];
