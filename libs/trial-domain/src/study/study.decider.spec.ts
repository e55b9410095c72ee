import { StateConflict, ValidationFailed } from '../shared/errors';
import { parseEnvelope } from '../shared/envelope';
import { evolveStudy, initialStudyState, registerStudy } from './study.decider';
import { rejectionOf } from '../testing/decider-spec';
import type { StudyEvent, StudyRegistered } from './study.events';

const study: StudyRegistered['data'] = {
  studyId: 'msc-spine',
  title: 'Umbilical-cord MSC injection for chronic back and neck pain',
  irbApprovalNumber: 'IRB-2023-042',
  protocolVersion: '1.0',
};
const registered: StudyRegistered = { type: 'StudyRegistered', data: study };
const fold = (events: StudyEvent[]) => events.reduce(evolveStudy, initialStudyState);

describe('RegisterStudy', () => {
  it('registers a new study', () => expect(registerStudy(study, fold([]))).toStrictEqual([registered]));

  it('is 409 when the study id is already registered', () => {
    const error = rejectionOf(() => registerStudy({ ...study, title: 'Another title' }, fold([registered])));
    expect(error).toBeInstanceOf(StateConflict);
    expect(error).toMatchObject({ code: 'STUDY_EXISTS', field: 'data.studyId' });
  });

  it.each([
    ['a study id outside the pattern', { studyId: 'msc spine' }, 'data.studyId'],
    ['a study id of 65 characters', { studyId: 'x'.repeat(65) }, 'data.studyId'],
    ['an empty title', { title: '' }, 'data.title'],
    ['an unknown field', { sponsor: 'ACME' }, 'data.sponsor'],
  ])('is 400 for %s', (_, data, field) => {
    const error = rejectionOf(() => parseEnvelope({ type: 'RegisterStudy', data: { ...study, ...data } }, 'http'));
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error.field).toBe(field);
  });

  it('accepts a study id of 64 characters', () =>
    expect(parseEnvelope({ type: 'RegisterStudy', data: { ...study, studyId: 'x'.repeat(64) } }, 'http').data).toEqual({
      ...study,
      studyId: 'x'.repeat(64),
    }));
});
