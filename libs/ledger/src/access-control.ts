/**
 * Who may run what over HTTP (commands.md "Roles"). Every role may read. The import is a trusted
 * migration and is not checked here. CommandPipeline.execute judges a command's role, once, for
 * the http door.
 */
import { COMMAND_TYPES, type Role } from '../../trial-domain/src';

export class Forbidden extends Error {
  readonly status = 403 as const;
  readonly code = 'FORBIDDEN';
  constructor(
    message: string,
    readonly field = 'type',
  ) {
    super(message);
    this.name = 'Forbidden';
  }
}

const PARTICIPANT_WRITERS: readonly Role[] = ['coordinator', 'investigator'];

export const mayRun = (role: Role, type: string): boolean => {
  if (type === 'RegisterStudy') return role === 'admin';
  if (type === 'SignRecord') return role === 'investigator';
  // The safety desk files expedited reports, and records nothing else.
  if (type === 'RecordSafetyReportSubmitted' && role === 'safety_monitor') return true;
  return PARTICIPANT_WRITERS.includes(role);
};

/** Throws Forbidden when the role may not run the command; unknown types are left to validation (400). */
export const checkRole = (role: Role, type: unknown): void => {
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) return;
  if (!mayRun(role, type)) throw new Forbidden(`role ${role} may not run ${type}`);
};
