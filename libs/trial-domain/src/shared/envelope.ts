/**
 * The command envelope of commands.md, checked the same way for every door. The import is a
 * trusted migration and brings its own recordedAt and actor; over HTTP both come from the server.
 */
import { ValidationFailed } from './errors';
import { parseInstant } from './dates';
import { checkObject, checkValue } from './schema';
import {
  COMMAND_TYPES,
  PARTICIPANT_COMMAND_SCHEMAS,
  STUDY_COMMAND_SCHEMAS,
  type CommandType,
} from '../participant/participant.commands';
import { ROLES, type Role } from './vocabulary';

export interface Envelope {
  readonly commandId?: string;
  readonly type: CommandType;
  /** Canonical UTC instant (import only). */
  readonly recordedAt?: string;
  /** Import only. */
  readonly actor?: { readonly id: string; readonly role: Role };
  readonly data: Readonly<Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Only the commandId, checked before anything else so that idempotency can be judged first. */
export const readCommandId = (raw: unknown): string | undefined => {
  if (!isObject(raw)) throw new ValidationFailed('the command must be a JSON object', '');
  if (!has(raw, 'commandId')) return undefined;
  const id = raw['commandId'];
  if (typeof id !== 'string' || id.length < 1 || id.length > 128)
    throw new ValidationFailed('commandId must be a string of 1-128 characters', 'commandId');
  return id;
};

/** `commandId`: what readCommandId already read from `raw`, when the caller judged it first (read once per path). */
export const parseEnvelope = (
  raw: unknown,
  door: 'import' | 'http',
  commandId: string | undefined = readCommandId(raw),
): Envelope => {
  const o = raw as Record<string, unknown>;
  const type = o['type'];
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type))
    throw new ValidationFailed(`type must be one of ${COMMAND_TYPES.join(', ')}`, 'type');
  let recordedAt: string | undefined;
  let actor: Envelope['actor'];
  if (door === 'import') {
    const at = o['recordedAt'];
    if (at === undefined) throw new ValidationFailed('recordedAt is required on import', 'recordedAt');
    recordedAt = (typeof at === 'string' ? parseInstant(at) : null) ?? undefined;
    if (recordedAt === undefined)
      throw new ValidationFailed('recordedAt must be an ISO-8601 instant with an explicit zone', 'recordedAt');
    const a = o['actor'];
    if (!isObject(a)) throw new ValidationFailed('actor is required on import: { id, role }', 'actor');
    const id = a['id'];
    if (typeof id !== 'string' || id.length < 1 || id.length > 128)
      throw new ValidationFailed('actor.id must be a string of 1-128 characters', 'actor.id');
    checkValue({ kind: 'enum', values: ROLES }, a['role'], 'actor.role');
    actor = { id, role: a['role'] as Role };
  }
  const schema =
    (
      PARTICIPANT_COMMAND_SCHEMAS as Record<
        string,
        (typeof PARTICIPANT_COMMAND_SCHEMAS)[keyof typeof PARTICIPANT_COMMAND_SCHEMAS]
      >
    )[type] ?? STUDY_COMMAND_SCHEMAS.RegisterStudy;
  const data = checkObject(schema, o['data'], 'data');
  return {
    ...(commandId !== undefined && { commandId }),
    type: type as CommandType,
    recordedAt,
    actor,
    data,
  };
};

export const isStudyCommand = (type: CommandType): type is 'RegisterStudy' => type === 'RegisterStudy';
