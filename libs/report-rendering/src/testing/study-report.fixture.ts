/**
 * A StudyReport for the rendering specs: the seed paper's "All patients" figures (Table 2 and 3),
 * two arms, subgroups, adverse events with one overdue expedited report, a deviation, and text
 * that must be escaped (a body system and a deviation detail holding markup).
 */
import type { Slice, StudyReport } from '../../../projections/src';

type Pair = readonly [number, number];

const VISITS = ['m1', 'm3', 'm6', 'm12', 'm18', 'm24'] as const;
const LATER = ['m6', 'm12', 'm18', 'm24'] as const;
const MEAN_VISITS = ['baseline', 'm1', 'm3', 'm6', 'm12', 'm18', 'm24'] as const;

interface SliceSpec {
  readonly population: number;
  /** [assessed, due] by follow-up visit m1..m24. */
  readonly followUp: readonly Pair[];
  /** [responders, assessed] by follow-up visit m1..m24. */
  readonly efficacy: readonly Pair[];
  /** [continued, responders] at m6..m24. */
  readonly durability: readonly Pair[];
  /** [n, vas, quebec, gi] at baseline..m24. */
  readonly means: readonly (readonly [number, number | null, number | null, number | null])[];
}

export const sliceOf = (s: SliceSpec): Slice => ({
  population: s.population,
  followUp: Object.fromEntries(
    VISITS.map((v, i) => [v, { assessed: s.followUp[i]?.[0] ?? 0, due: s.followUp[i]?.[1] ?? 0 }]),
  ) as Slice['followUp'],
  efficacy: Object.fromEntries(
    VISITS.map((v, i) => [v, { responders: s.efficacy[i]?.[0] ?? 0, assessed: s.efficacy[i]?.[1] ?? 0 }]),
  ) as Slice['efficacy'],
  durability: Object.fromEntries(
    LATER.map((v, i) => [v, { continued: s.durability[i]?.[0] ?? 0, responders: s.durability[i]?.[1] ?? 0 }]),
  ) as Slice['durability'],
  means: Object.fromEntries(
    MEAN_VISITS.map((v, i) => {
      const [n = 0, vas = null, quebec = null, gi = null] = s.means[i] ?? [];
      return [v, n === 0 ? { n: 0, vas: null, quebec: null, gi: null } : { n, vas, quebec, gi }];
    }),
  ) as Slice['means'],
});

const EMPTY_SLICE = sliceOf({ population: 0, followUp: [], efficacy: [], durability: [], means: [] });

export const allPatients = sliceOf({
  population: 48,
  followUp: [
    [46, 48],
    [39, 48],
    [36, 48],
    [29, 48],
    [16, 48],
    [0, 0],
  ],
  efficacy: [
    [31, 46],
    [29, 39],
    [22, 36],
    [18, 29],
    [6, 16],
    [0, 0],
  ],
  durability: [
    [22, 26],
    [18, 22],
    [6, 10],
    [0, 0],
  ],
  means: [
    [48, 6.7, 32, null],
    [46, 4.1, 21, 43],
    [39, 4.000000000000001, 21, 47],
    [36, 4, 21, 48],
    [29, 3.599999999999999, 18, 50],
    [16, 3.3000000000000007, 13, 38],
  ],
});

export const studyReportFixture = (): StudyReport => ({
  studyId: 'MSC-SPINE-1',
  asOf: '2026-11-26T00:00:00Z',
  eventsApplied: 1234,
  flow: {
    consented: 50,
    screenFailed: 2,
    enrolled: 48,
    treated: 48,
    withdrawn: { consent_withdrawn: 0, lost_to_follow_up: 1, investigator_decision: 0, other: 0 },
  },
  demographics: {
    all: {
      n: 48,
      age: { '<35': 3, '35-54': 10, '>=55': 35 },
      sex: { male: 35, female: 13 },
      bmi: { '<25': 16, '25-29.9': 23, '>=30': 9 },
    },
    'L_EPI+L_FACET': {
      n: 22,
      age: { '<35': 2, '35-54': 3, '>=55': 17 },
      sex: { male: 16, female: 6 },
      bmi: { '<25': 9, '25-29.9': 8, '>=30': 5 },
    },
    'L_EPI+L_FACET+DISK': {
      n: 26,
      age: { '<35': 1, '35-54': 7, '>=55': 18 },
      sex: { male: 19, female: 7 },
      bmi: { '<25': 7, '25-29.9': 15, '>=30': 4 },
    },
  },
  slices: {
    all: allPatients,
    'arm:L_EPI+L_FACET': sliceOf({
      population: 22,
      followUp: [
        [21, 22],
        [17, 22],
        [16, 22],
        [14, 22],
        [7, 22],
      ],
      efficacy: [
        [15, 21],
        [10, 17],
        [9, 16],
        [9, 14],
        [2, 7],
      ],
      durability: [
        [9, 10],
        [9, 10],
        [2, 3],
      ],
      means: [
        [22, 6.3, 30, null],
        [21, 3.7, 20, 50],
        [17, 4.5, 22, 42],
      ],
    }),
    'arm:L_EPI+L_FACET+DISK': sliceOf({
      population: 26,
      followUp: [
        [25, 26],
        [22, 26],
        [20, 26],
        [15, 26],
        [9, 26],
      ],
      efficacy: [
        [16, 25],
        [19, 22],
        [13, 20],
        [9, 15],
        [4, 9],
      ],
      durability: [
        [13, 16],
        [9, 12],
        [4, 7],
      ],
      means: [
        [26, 7.1, 33, null],
        [25, 4.4, 22, 37],
        [22, 3.6, 20, 51],
      ],
    }),
    'subgroup:herniated_disc': sliceOf({
      population: 21,
      followUp: [
        [20, 21],
        [18, 21],
        [16, 21],
        [13, 21],
        [4, 21],
      ],
      efficacy: [
        [14, 20],
        [15, 18],
        [11, 16],
        [11, 13],
        [2, 4],
      ],
      durability: [
        [11, 13],
        [11, 12],
        [2, 3],
      ],
      means: [[21, 6.7, 29, null]],
    }),
    'subgroup:spondylolisthesis': EMPTY_SLICE,
    'subgroup:prior_failed_surgery': EMPTY_SLICE,
    'subgroup:baseline_vas_ge_8': EMPTY_SLICE,
  },
  survivorship: { atRisk: 31, surgeryFree: 28 },
  safety: {
    participantsExposed: 48,
    participantsWithAe: 3,
    participantsWithSae: 2,
    adverseEvents: 4,
    seriousAdverseEvents: 2,
    deaths: 0,
    byGrade: { '1': 2, '2': 0, '3': 2, '4': 0, '5': 0 },
    bySeriousCriterion: { hospitalization: 2 },
    byBodySystem: { 'Nervous system disorders': 2, '<script>alert("x")</script> & other disorders': 2 },
    relatedToProduct: { not_related: 1, possible: 2, probable: 1 },
    byArm: {
      'L_EPI+L_FACET': { participants: 22, participantsWithAe: 1, adverseEvents: 1, seriousAdverseEvents: 0 },
      'L_EPI+L_FACET+DISK': { participants: 26, participantsWithAe: 2, adverseEvents: 3, seriousAdverseEvents: 2 },
    },
    expedited: [
      {
        participantId: 'P-03',
        adverseEventId: 'AE-2',
        clockStartedOn: '2024-05-01',
        dueOn: '2024-05-16',
        submittedToIrbOn: '2024-05-10',
        overdue: false,
      },
      {
        participantId: 'P-07',
        adverseEventId: 'AE-1',
        clockStartedOn: '2024-03-02',
        dueOn: '2024-03-17',
        submittedToIrbOn: null,
        overdue: true,
      },
    ],
  },
  deviations: {
    byCode: { FACET_DOSE_OUT_OF_RANGE: 1 },
    items: [
      {
        participantId: 'P-03',
        recordId: 'PROC-1',
        code: 'FACET_DOSE_OUT_OF_RANGE',
        detail: 'left L2-L3 facet: 25 million cells, outside 1.5-3 <b>"million"</b>',
      },
    ],
  },
});
