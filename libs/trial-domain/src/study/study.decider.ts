import type { Command, CommandContext } from '../participant/command';
import { StateConflict } from '../shared/errors';
import { ID_PATTERN, type Schema } from '../shared/schema';
import type { StudyEvent, StudyRegistered } from './study.events';
import { requireRecordedInOrder } from './study.rules';

export interface StudyState {
  readonly registered: boolean;
  readonly studyId: string | null;
}

export const initialStudyState: StudyState = {
  registered: false,
  studyId: null,
};

export const evolveStudy = (s: StudyState, e: StudyEvent): StudyState =>
  e.type === 'StudyRegistered' ? { registered: true, studyId: e.data.studyId } : s;

export type RegisterStudy = Command<'RegisterStudy', StudyRegistered['data']>;

export const REGISTER_STUDY_SCHEMA: Schema = {
  studyId: { rule: { kind: 'string', pattern: ID_PATTERN } },
  title: { rule: { kind: 'string' } },
  irbApprovalNumber: { rule: { kind: 'string' } },
  protocolVersion: { rule: { kind: 'string' } },
};

/** A study id registers once; the reference protocol's rules then apply to it. */
export const registerStudy = (c: RegisterStudy, s: StudyState, ctx: CommandContext): StudyEvent[] => {
  requireRecordedInOrder(ctx);
  if (s.registered)
    throw new StateConflict('STUDY_EXISTS', `study ${c.data.studyId} is already registered`, 'data.studyId');
  return [{ type: 'StudyRegistered', data: c.data }];
};
