// The entry errors of the example cohort: what a coordinator first typed, and why
// it was corrected a few days later (CorrectRecord, then an investigator's
// SignRecord). The corrected values are the true ones, so the paper's figures hold
// once the corrections are in; before them, a report shows the slip (a baseline
// outside the VAS >= 8 subgroup, a BMI band, a facet dose deviation, a visit out of
// its window).

import { addDays } from './calendar';

type Data = Record<string, unknown>;

export interface EntryError {
  /** the record first entered wrongly: `enrollment`, an assessment or a procedure id */
  recordId: string;
  /** the data as first entered */
  slip: (data: Data) => Data;
  reason: (entered: Data, correct: Data) => string;
  /** days from the entry to the correction */
  daysLater: number;
  meaning: 'reviewed' | 'approved';
}

/** A digit slip a coordinator could make: the last two digits swapped. */
function swapLastDigits(n: number): number {
  const s = String(n);
  const swapped = Number(s.slice(0, -2) + s.slice(-1) + s.slice(-2, -1));
  return swapped === n ? n + 10 : swapped;
}

export const ENTRY_ERRORS: Record<string, EntryError> = {
  'MSC-012': {
    recordId: 'enrollment',
    slip: (d) => ({ ...d, weightKg: swapLastDigits(Math.round(Number(d.weightKg) * 10)) / 10 }),
    reason: (e, c) =>
      `Weight transcribed as ${String(e.weightKg)} kg; the screening form reads ${String(c.weightKg)} kg`,
    daysLater: 5,
    meaning: 'reviewed',
  },
  'MSC-024': {
    recordId: 'A-BASELINE',
    slip: (d) => ({ ...d, vas: 6.8 }),
    reason: (e, c) => `VAS entered as ${String(e.vas)}; the patient marked ${String(c.vas)} on the baseline form`,
    daysLater: 2,
    meaning: 'reviewed',
  },
  'MSC-019': {
    recordId: 'PROC-1',
    // the second injection is the left L2-L3 facet: 2.5 million cells typed as 25
    slip: (d) => ({
      ...d,
      injections: (d.injections as Data[]).map((inj, i) => (i === 1 ? { ...inj, cellsMillions: 25 } : inj)),
    }),
    reason: () => 'Left L2-L3 facet dose entered as 25 million cells; the batch record shows 2.5 million',
    daysLater: 2,
    meaning: 'approved',
  },
  'MSC-005': {
    recordId: 'A-M3',
    slip: (d) => ({ ...d, quebec: swapLastDigits(Number(d.quebec)) }),
    reason: (e, c) =>
      `Quebec score transposed on entry (${String(e.quebec)}); the questionnaire totals ${String(c.quebec)}`,
    daysLater: 2,
    meaning: 'reviewed',
  },
  'MSC-030': {
    recordId: 'A-M1',
    slip: (d) => ({ ...d, assessedOn: addDays(String(d.assessedOn), -10) }),
    reason: (e, c) => `Visit date entered as ${String(e.assessedOn)}; the visit took place on ${String(c.assessedOn)}`,
    daysLater: 1,
    meaning: 'reviewed',
  },
};

/** The fields of `correct` that `entered` got wrong: a CorrectRecord's `changes`. */
export function changesBetween(entered: Data, correct: Data): Data {
  return Object.fromEntries(
    Object.entries(correct).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(entered[k])),
  );
}
