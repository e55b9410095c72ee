/**
 * The study's rules every command obeys before its own (commands.md "recordedAt"): a participant
 * command names a registered study, and a study's recorded times never go back. The store checks
 * the clock again when it commits; these are the rules a command is refused by.
 */
import type { CommandContext } from '../participant/command';
import { NotFound, RuleViolated } from '../shared/errors';

/** How the door dates a command: the ledger's clock, and on import the line's own recordedAt. */
export interface CommandTime {
  /** The ledger's clock when the command arrived (canonical UTC instant). */
  readonly now: string;
  /** Import only: the source system's time, normalised to a canonical UTC instant. */
  readonly supplied?: string;
}

/**
 * The instant a command is recorded at. HTTP: the ledger's clock, or the study's latest recorded
 * time if that is later, so that a study's log never goes back. Import: the line's own time, which
 * may not be later than the ledger's clock (whether it precedes the study's latest is for
 * requireRecordedInOrder, in the decider).
 */
export const recordedAtFor = (time: CommandTime, latestRecordedAt: string | undefined): string => {
  if (time.supplied === undefined)
    return latestRecordedAt !== undefined && latestRecordedAt > time.now ? latestRecordedAt : time.now;
  if (time.supplied > time.now)
    throw new RuleViolated(
      'RECORDED_IN_FUTURE',
      `recordedAt ${time.supplied} is later than the ledger's clock`,
      'recordedAt',
    );
  return time.supplied;
};

/** A command's recorded time may equal, but not precede, the latest among the study's accepted commands. */
export const requireRecordedInOrder = (ctx: CommandContext): void => {
  const latest = ctx.study.latestRecordedAt;
  if (latest !== undefined && ctx.recordedAt < latest)
    throw new RuleViolated(
      'RECORDED_OUT_OF_ORDER',
      `recordedAt ${ctx.recordedAt} precedes the study's latest ${latest}`,
      'recordedAt',
    );
};

/** Participants are recorded only in a registered study. */
export const requireRegisteredStudy = (ctx: CommandContext, studyId: string): void => {
  if (!ctx.study.registered) throw new NotFound('UNKNOWN_STUDY', `unknown study ${studyId}`, 'data.studyId');
};
