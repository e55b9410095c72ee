// Scores for every assessment: VAS (kept here in integer tenths), Quebec (0-100)
// and global improvement (%), consistent with each row's outcome string, and
// tuned so that the means over all assessed patients are exactly Table 4's.
//
// MCID (protocol.md): VAS fell by >= 2 from baseline, or GI >= 30, or Quebec fell
// by >= 15. A '+' visit meets at least one of them, a '-' visit none.

import { Random } from './calendar';
import { TABLE_4_MEANS } from './paper';
import { outcomeAt, VISITS, type FollowUpVisit, type ParticipantRow } from './participants';

export interface Score {
  vasTenths: number;
  quebec: number;
  gi?: number;
}

export interface ParticipantScores {
  baseline: Score;
  visits: Partial<Record<FollowUpVisit, Score>>;
}

/** A value being tuned, kept within [lo, hi]; lo === hi marks a fixed value. */
interface Slot {
  value: number;
  lo: number;
  hi: number;
}

const slot = (value: number, lo: number, hi: number): Slot => ({
  value: Math.min(hi, Math.max(lo, value)),
  lo,
  hi,
});
const fixed = (value: number): Slot => ({ value, lo: value, hi: value });

/**
 * Moves the slots one unit at a time, in turn, until they sum to `target`:
 * the spread of the initial draw is kept and no slot leaves its bounds.
 */
function tune(slots: Slot[], target: number, what: string): void {
  let diff = target - slots.reduce((s, x) => s + x.value, 0);
  while (diff !== 0) {
    const step = Math.sign(diff);
    let moved = false;
    for (const s of slots) {
      if (diff === 0) break;
      if (s.value + step < s.lo || s.value + step > s.hi) continue;
      s.value += step;
      diff -= step;
      moved = true;
    }
    if (!moved) throw new Error(`cannot reach the mean of ${what}`);
  }
}

// Visits whose three scores are fixed to sit exactly on an MCID threshold, so that
// a ledger comparing thresholds in binary floating point gets them wrong
// (4.6 - 2.6 is 1.9999999999999996 in a double).
type EdgeCase = (b: Score) => Score;
const EDGE_CASES: Record<string, Partial<Record<FollowUpVisit, EdgeCase>>> = {
  // no MCID: every component one step short
  'MSC-001': { m3: (b) => ({ vasTenths: b.vasTenths - 19, quebec: b.quebec - 14, gi: 29 }) },
  // MCID by VAS alone, a fall of exactly 2.0 (4.6 -> 2.6)
  'MSC-032': { m1: (b) => ({ vasTenths: b.vasTenths - 20, quebec: b.quebec - 10, gi: 25 }) },
  // MCID by VAS alone, 8.2 -> 6.2
  'MSC-040': { m3: (b) => ({ vasTenths: b.vasTenths - 20, quebec: b.quebec - 8, gi: 20 }) },
  // MCID by global improvement alone, exactly 30
  'MSC-009': { m3: (b) => ({ vasTenths: b.vasTenths - 19, quebec: b.quebec - 14, gi: 30 }) },
  // MCID by Quebec alone, a fall of exactly 15
  'MSC-036': { m1: (b) => ({ vasTenths: b.vasTenths - 10, quebec: b.quebec - 15, gi: 25 }) },
};

/** Baselines fixed for the edge cases above and for the baseline VAS >= 8 bound. */
const FIXED_BASELINE_VAS: Record<string, number> = {
  'MSC-032': 46,
  'MSC-040': 82,
  'MSC-024': 86, // entered as 6.8 first, then corrected (generate-example-cohort.ts)
  'MSC-038': 80, // exactly 8.0: in the baseline VAS >= 8 subgroup
  'MSC-047': 79, // 7.9: not in it
};

/** "The second injections completely eliminated his residual pain." */
const PAIN_FREE_AFTER_REPEAT: Partial<Record<FollowUpVisit, Score>> = {
  m12: { vasTenths: 0, quebec: 2, gi: 95 },
  m18: { vasTenths: 0, quebec: 0, gi: 100 },
};

export function scoreCohort(rows: readonly ParticipantRow[]): Map<string, ParticipantScores> {
  const baselineVas: Slot[] = [];
  const baselineQuebec: Slot[] = [];
  for (const row of rows) {
    const r = new Random(`${row.id}/baseline`);
    const responder = outcomeAt(row, 'm3') === '+';
    const pinned = FIXED_BASELINE_VAS[row.id];
    baselineVas.push(
      pinned !== undefined
        ? fixed(pinned)
        : row.severe
          ? slot(r.int(80, 88), 80, 98)
          : slot(responder ? r.int(50, 72) : r.int(40, 66), 35, 79),
    );
    baselineQuebec.push(slot(r.int(18, 48) + (row.severe ? 8 : 0), 16, 72));
  }
  tune(baselineVas, TABLE_4_MEANS.baseline.vas * 10 * rows.length, 'baseline VAS');
  tune(baselineQuebec, TABLE_4_MEANS.baseline.quebec * rows.length, 'baseline Quebec');

  const result = new Map<string, ParticipantScores>();
  rows.forEach((row, i) => {
    const vasTenths = baselineVas[i]?.value ?? NaN;
    const quebec = baselineQuebec[i]?.value ?? NaN;
    result.set(row.id, { baseline: { vasTenths, quebec }, visits: {} });
  });

  for (const visit of VISITS) {
    const vas: Slot[] = [];
    const que: Slot[] = [];
    const gi: Slot[] = [];
    const owners: ParticipantScores[] = [];
    for (const row of rows) {
      const mark = outcomeAt(row, visit);
      if (mark === '.') continue;
      const scores = result.get(row.id);
      if (!scores) throw new Error(row.id);
      const b = scores.baseline;
      const r = new Random(`${row.id}/${visit}`);
      const edge = EDGE_CASES[row.id]?.[visit];
      const painFree = row.story === 'repeat-spinal-with-disks' ? PAIN_FREE_AFTER_REPEAT[visit] : undefined;
      const pinned = edge ? edge(b) : painFree;
      if (pinned) {
        vas.push(fixed(pinned.vasTenths));
        que.push(fixed(pinned.quebec));
        gi.push(fixed(pinned.gi ?? NaN));
      } else if (mark === '+') {
        // improved: VAS down by at least 2 points
        const fall = 0.3 + 0.45 * r.next();
        vas.push(slot(Math.round(b.vasTenths * (1 - fall)), 0, b.vasTenths - 20));
        que.push(slot(Math.round(b.quebec * (0.35 + 0.4 * r.next())), 0, b.quebec + 5));
        gi.push(slot(r.int(35, 80), 20, 100));
      } else {
        // not improved: every component short of its threshold
        const hiVas = Math.min(100, b.vasTenths + 15);
        vas.push(slot(b.vasTenths - r.int(-6, 14), Math.max(0, b.vasTenths - 19), hiVas));
        que.push(slot(b.quebec - r.int(-4, 10), Math.max(0, b.quebec - 14), b.quebec + 10));
        gi.push(slot(r.int(5, 25), 0, 29));
      }
      owners.push(scores);
    }
    const target = TABLE_4_MEANS[visit];
    tune(vas, Math.round(target.vas * 10 * owners.length), `${visit} VAS`);
    tune(que, target.quebec * owners.length, `${visit} Quebec`);
    tune(gi, (target.gi ?? 0) * owners.length, `${visit} GI`);
    owners.forEach((scores, k) => {
      scores.visits[visit] = {
        vasTenths: vas[k]?.value ?? NaN,
        quebec: que[k]?.value ?? NaN,
        gi: gi[k]?.value ?? NaN,
      };
    });
  }
  for (const row of rows) checkOutcome(row, result.get(row.id));
  return result;
}

/** MCID on integers (tenths of VAS), as protocol.md defines it. */
export function hasMcid(baseline: Score, s: Score): boolean {
  return (
    baseline.vasTenths - s.vasTenths >= 20 || (s.gi !== undefined && s.gi >= 30) || baseline.quebec - s.quebec >= 15
  );
}

function checkOutcome(row: ParticipantRow, scores: ParticipantScores | undefined): void {
  if (!scores) throw new Error(`no scores for ${row.id}`);
  const all = [scores.baseline, ...Object.values(scores.visits)];
  for (const s of all) {
    const ok =
      Number.isInteger(s.vasTenths) &&
      s.vasTenths >= 0 &&
      s.vasTenths <= 100 &&
      Number.isInteger(s.quebec) &&
      s.quebec >= 0 &&
      s.quebec <= 100 &&
      (s.gi === undefined || (Number.isInteger(s.gi) && s.gi >= 0 && s.gi <= 100));
    if (!ok) throw new Error(`${row.id}: score out of range ${JSON.stringify(s)}`);
  }
  if (row.severe !== scores.baseline.vasTenths >= 80) {
    throw new Error(`${row.id}: baseline VAS ${scores.baseline.vasTenths / 10} vs subgroup`);
  }
  for (const visit of VISITS) {
    const mark = outcomeAt(row, visit);
    const s = scores.visits[visit];
    if ((mark === '.') !== (s === undefined)) throw new Error(`${row.id} ${visit}`);
    if (s && hasMcid(scores.baseline, s) !== (mark === '+')) {
      throw new Error(`${row.id} ${visit}: MCID does not match '${mark}'`);
    }
  }
}
