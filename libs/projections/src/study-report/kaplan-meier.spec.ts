import { kaplanMeier, survivalAt, type SurvivalObservation } from './kaplan-meier';

const event = (days: number): SurvivalObservation => ({ days, event: true });
const censored = (days: number): SurvivalObservation => ({ days, event: false });

describe('the Kaplan-Meier estimate', () => {
  it('given no observation, has no step and survival 1', () => {
    expect(kaplanMeier([])).toEqual([]);
    expect(survivalAt([], 100)).toBe(1);
  });

  it('given no censoring, is the proportion still event-free', () => {
    // 4 at risk: one event at day 10 (3/4), one at day 20 (2/4); two censored at day 30
    const steps = kaplanMeier([event(20), censored(30), event(10), censored(30)]);
    expect(steps).toEqual([
      { days: 10, atRisk: 4, events: 1, censored: 0, survival: 0.75 },
      { days: 20, atRisk: 3, events: 1, censored: 0, survival: 0.5 },
      { days: 30, atRisk: 2, events: 0, censored: 2, survival: 0.5 },
    ]);
  });

  it('given censorings, leaves the censored out of the later risk sets (hand-checked)', () => {
    // n = 6: event at 2 -> 5/6; censored at 3; two events at 5 among 4 at risk -> 5/6 * 2/4 = 5/12;
    // censored at 8; event at 10 among 1 at risk -> 0.
    const steps = kaplanMeier([event(2), censored(3), event(5), event(5), censored(8), event(10)]);
    expect(steps.map((s) => [s.days, s.atRisk, s.events, s.censored])).toEqual([
      [2, 6, 1, 0],
      [3, 5, 0, 1],
      [5, 4, 2, 0],
      [8, 2, 0, 1],
      [10, 1, 1, 0],
    ]);
    expect(steps.map((s) => s.survival)).toEqual([5 / 6, 5 / 6, 5 / 12, 5 / 12, 0]);
  });

  it('given an event and a censoring on the same day, counts the censored as still at risk', () => {
    // 3 at risk at day 7: one event -> 2/3; then the one censored that day leaves; 1 left
    const steps = kaplanMeier([event(7), censored(7), censored(40)]);
    expect(steps.map((s) => [s.days, s.atRisk, s.events, s.censored])).toEqual([
      [7, 3, 1, 1],
      [40, 1, 0, 1],
    ]);
    expect(steps[0]?.survival).toBeCloseTo(2 / 3, 12);
    expect(steps[1]?.survival).toBeCloseTo(2 / 3, 12);
  });

  it('when read at a day, gives the last step on or before it, and null past the last observation', () => {
    // n = 5: 4/5 after day 2; at day 5, 3 at risk, two events: 4/5 * 1/3 = 4/15
    const steps = kaplanMeier([event(2), censored(3), event(5), event(5), censored(8)]);
    expect(survivalAt(steps, 1)).toBe(1);
    expect(survivalAt(steps, 2)).toBeCloseTo(4 / 5, 12);
    expect(survivalAt(steps, 7)).toBeCloseTo(4 / 15, 12);
    expect(survivalAt(steps, 8)).toBeCloseTo(4 / 15, 12);
    expect(survivalAt(steps, 9)).toBeNull();
    expect(survivalAt(kaplanMeier([event(4)]), 400)).toBe(0);
  });
});
