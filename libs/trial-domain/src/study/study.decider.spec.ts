import { RuleViolated, StateConflict, ValidationFailed } from '../shared/errors';
import { parseEnvelope } from '../shared/envelope';
import { evolveStudy, initialStudyState, registerStudy, type RegisterStudy } from './study.decider';
import { DEFAULT_CONTEXT, rejectionOf } from '../testing/decider-spec';
import type { StudyEvent, StudyRegistered } from './study.events';

const study: StudyRegistered['data'] = {
  studyId: 'msc-spine',
  title: 'Umbilical-cord MSC injection for chronic back and neck pain',
  irbApprovalNumber: 'IRB-2023-042',
  protocolVersion: '1.0',
};
const registered: StudyRegistered = { type: 'StudyRegistered', data: study };
const fold = (events: StudyEvent[]) => events.reduce(evolveStudy, initialStudyState);
const command = (data: StudyRegistered['data']): RegisterStudy => ({ type: 'RegisterStudy', data });
const ctx = { ...DEFAULT_CONTEXT, study: { registered: false } };

describe('RegisterStudy', () => {
  it('registers a new study', () => expect(registerStudy(command(study), fold([]), ctx)).toStrictEqual([registered]));

  it('is 409 when the study id is already registered', () => {
    const error = rejectionOf(() =>
      registerStudy(command({ ...study, title: 'Another title' }), fold([registered]), {
        ...ctx,
        study: { registered: true },
      }),
    );
    expect(error).toBeInstanceOf(StateConflict);
    expect(error).toMatchObject({ code: 'STUDY_EXISTS', field: 'data.studyId' });
  });

  it("is 422 when its recorded time precedes the study's latest, before the repeat is judged", () => {
    const latestRecordedAt = '2024-06-01T12:00:00.000001Z';
    const error = rejectionOf(() =>
      registerStudy(command(study), fold([registered]), { ...ctx, study: { registered: true, latestRecordedAt } }),
    );
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({ code: 'RECORDED_OUT_OF_ORDER', field: 'recordedAt' });
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
