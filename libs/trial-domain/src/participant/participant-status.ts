/** Where a participant stands in the lifecycle (read.md "Roster"). */
import { treatmentOf } from '../treatment/treatment';
import type { ParticipantState, ParticipantStatus } from './participant.state';

/**
 * `withdrawn` once a withdrawal is recorded (whatever came before); otherwise `treated` for an
 * enrolled participant with a non-voided procedure, `enrolled`, `screen_failed`, or `consented`.
 */
export const statusOf = (s: ParticipantState): ParticipantStatus =>
  s.withdrawal !== null
    ? 'withdrawn'
    : treatmentOf(s) !== null
      ? 'treated'
      : s.enrollment === null
        ? 'consented'
        : s.enrollment.outcome;
