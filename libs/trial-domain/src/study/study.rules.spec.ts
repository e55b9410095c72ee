import { NotFound, RuleViolated } from '../shared/errors';
import { DEFAULT_CONTEXT, rejectionOf } from '../testing/decider-spec';
import { recordedAtFor, requireRecordedInOrder, requireRegisteredStudy } from './study.rules';

const NOW = '2024-06-01T12:00:00.000000Z';
const EARLIER = '2024-06-01T11:00:00.000000Z';
const LATER = '2024-06-01T13:00:00.000000Z';

describe('recordedAtFor (commands.md recordedAt)', () => {
  describe('over HTTP (no time supplied)', () => {
    it('is the ledger clock', () => expect(recordedAtFor({ now: NOW }, undefined)).toBe(NOW));
    it('is the ledger clock when the study is behind it', () => expect(recordedAtFor({ now: NOW }, EARLIER)).toBe(NOW));
    it("is the study's latest when that is later, so the log never goes back", () =>
      expect(recordedAtFor({ now: NOW }, LATER)).toBe(LATER));
  });

  describe('on import (the line supplies its time)', () => {
    it("is the line's time", () => expect(recordedAtFor({ now: NOW, supplied: EARLIER }, undefined)).toBe(EARLIER));
    it("may equal the ledger's clock", () => expect(recordedAtFor({ now: NOW, supplied: NOW }, undefined)).toBe(NOW));
    it("is 422 when later than the ledger's clock", () => {
      const error = rejectionOf(() => recordedAtFor({ now: NOW, supplied: LATER }, undefined));
      expect(error).toBeInstanceOf(RuleViolated);
      expect(error).toMatchObject({
        code: 'RECORDED_IN_FUTURE',
        field: 'recordedAt',
        message: `recordedAt ${LATER} is later than the ledger's clock`,
      });
    });
    it("leaves the study's order to the decider", () =>
      expect(recordedAtFor({ now: NOW, supplied: EARLIER }, NOW)).toBe(EARLIER));
  });
});

describe('requireRecordedInOrder', () => {
  const at = (recordedAt: string, latestRecordedAt?: string) => ({
    ...DEFAULT_CONTEXT,
    recordedAt,
    study: { registered: true, ...(latestRecordedAt !== undefined && { latestRecordedAt }) },
  });

  it('accepts the first command of a study', () => expect(() => requireRecordedInOrder(at(EARLIER))).not.toThrow());
  it("accepts a time equal to the study's latest", () =>
    expect(() => requireRecordedInOrder(at(NOW, NOW))).not.toThrow());
  it("is 422 for a time before the study's latest", () => {
    const error = rejectionOf(() => requireRecordedInOrder(at(EARLIER, NOW)));
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({
      code: 'RECORDED_OUT_OF_ORDER',
      field: 'recordedAt',
      message: `recordedAt ${EARLIER} precedes the study's latest ${NOW}`,
    });
  });
});

describe('requireRegisteredStudy', () => {
  it('accepts a registered study', () => expect(() => requireRegisteredStudy(DEFAULT_CONTEXT, 'S1')).not.toThrow());
  it('is 404 for a study never registered', () => {
    const error = rejectionOf(() => requireRegisteredStudy({ ...DEFAULT_CONTEXT, study: { registered: false } }, 'S1'));
    expect(error).toBeInstanceOf(NotFound);
    expect(error).toMatchObject({ code: 'UNKNOWN_STUDY', field: 'data.studyId', message: 'unknown study S1' });
  });
});
