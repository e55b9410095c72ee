import { StateConflict } from '../shared/errors';
import type { StudyEvent, StudyRegistered } from './study.events';

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

/** A study id registers once; the reference protocol's rules then apply to it. */
export const registerStudy = (data: StudyRegistered['data'], s: StudyState): StudyEvent[] => {
  if (s.registered)
    throw new StateConflict('STUDY_EXISTS', `study ${data.studyId} is already registered`, 'data.studyId');
  return [{ type: 'StudyRegistered', data }];
};
