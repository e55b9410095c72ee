/**
 * What changed between two reports of a study, leaf by leaf, and which events recorded in between
 * are responsible. Lists are keyed by what identifies their items (an expedited report by
 * participant and adverse event, a deviation by participant, record and code), so a reordering is
 * no change.
 */
import type { RecordedEvent } from '../../../event-store/src';
import { canonicalRecordedAt, formatInstant } from '../projection';
import { applyToStudyRecord, foldStudyRecord } from '../clinical-record/study-record';
import { deriveStudyReport } from './compute-study-report';
import type { StudyReport } from './study-report.types';

export interface LeafChange {
  readonly path: string;
  /** undefined: the leaf did not exist on that side. */
  readonly from: unknown;
  readonly to: unknown;
  /**
   * The events after which this value moved, in log order; empty when only the as-of date moved
   * it (a visit falling due, survivorship, an overdue clock). Absent when not attributed.
   */
  readonly causes?: readonly ResponsibleEvent[];
}

export interface ResponsibleEvent {
  readonly type: string;
  readonly participantId: string | null;
  readonly commandId: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly recordedAt: string;
  readonly recordId: string | null;
  readonly reason: string | null;
}

export interface ReportDiff {
  readonly studyId: string;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly LeafChange[];
  readonly events: readonly ResponsibleEvent[];
}

/**
 * Lists keyed by what identifies their items. An item is one leaf: one that appears or goes is one
 * change; one present on both sides is compared field by field.
 */
const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  expedited: ['participantId', 'adverseEventId'],
  items: ['participantId', 'recordId', 'code'],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Flattens a JSON value into leaf paths; lists become keyed maps. */
const leaves = (value: unknown, path: string, out: Map<string, unknown>, parentKey = ''): void => {
  if (Array.isArray(value)) {
    const keys = LIST_KEYS[parentKey];
    value.forEach((item, i) => {
      const id = keys && isObject(item) ? keys.map((k) => String(item[k])).join('/') : String(i);
      out.set(`${path}[${id}]`, item);
    });
    return;
  }
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out, k);
    return;
  }
  out.set(path, value);
};

/** Leaf changes from `a` to `b`, in path order (eventsApplied and asOf excluded: they always differ). */
export const diffReports = (a: StudyReport, b: StudyReport): LeafChange[] => {
  const la = new Map<string, unknown>();
  const lb = new Map<string, unknown>();
  const strip = ({ asOf: _a, eventsApplied: _e, ...rest }: StudyReport) => rest;
  leaves(strip(a), '', la);
  leaves(strip(b), '', lb);
  const paths = [...new Set([...la.keys(), ...lb.keys()])].sort();
  const changes: LeafChange[] = [];
  for (const path of paths) {
    const from = la.get(path);
    const to = lb.get(path);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (isObject(from) && isObject(to)) {
      for (const k of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort())
        if (JSON.stringify(from[k]) !== JSON.stringify(to[k]))
          changes.push({ path: `${path}.${k}`, from: from[k], to: to[k] });
    } else changes.push({ path, from, to });
  }
  return changes;
};

export const responsibleEvent = (e: RecordedEvent): ResponsibleEvent => {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const m = e.metadata;
  const participantId = typeof d['participantId'] === 'string' ? d['participantId'] : null;
  const recordId =
    m.recordId ??
    [d['recordId'], d['procedureId'], d['assessmentId'], d['adverseEventId'], d['surgeryId']].find(
      (x): x is string => typeof x === 'string',
    ) ??
    null;
  return {
    type: e.type,
    participantId,
    commandId: m.commandId,
    actor: { id: m.actor.id, role: m.actor.role },
    recordedAt: m.recordedAt,
    recordId,
    reason: m.reason ?? (typeof d['reason'] === 'string' ? d['reason'] : null),
  };
};

/** Beyond this many events in the window, attribution (one derivation per event) is skipped. */
export const ATTRIBUTION_LIMIT = 2000;

/**
 * The diff between the reports as of `from` and `to` (canonical instants; echoed in the compact
 * form), each change naming the events responsible:
 * the window's events are applied one at a time and the report re-derived after each (always as of
 * `to`, so that what the calendar alone moves is not pinned on an event). An auditor can then read
 * "m3 responders 28 -> 29: RecordCorrected c-123 by coord-01, reason ...".
 */
export const explainReportDiff = (
  studyId: string,
  eventsUpToTo: readonly RecordedEvent[],
  from: string,
  to: string,
  limit = ATTRIBUTION_LIMIT,
): ReportDiff & { readonly attributed: boolean } => {
  const inWindow = (e: RecordedEvent) => {
    const at = canonicalRecordedAt(e.metadata.recordedAt);
    return e.metadata.studyId === studyId && at > from && at <= to;
  };
  const window = eventsUpToTo.filter(inWindow);
  const study = foldStudyRecord(studyId, eventsUpToTo, from);
  const before = deriveStudyReport(study, from);
  let previous = deriveStudyReport(study, to);
  const causes = new Map<string, ResponsibleEvent[]>();
  const attributed = window.length <= limit;
  if (attributed) {
    for (const e of window) {
      applyToStudyRecord(study, e);
      const next = deriveStudyReport(study, to);
      for (const change of diffReports(previous, next))
        causes.set(change.path, [...(causes.get(change.path) ?? []), responsibleEvent(e)]);
      previous = next;
    }
  } else {
    for (const e of window) applyToStudyRecord(study, e);
  }
  const after = attributed ? previous : deriveStudyReport(study, to);
  return {
    studyId,
    from: formatInstant(from),
    to: formatInstant(to),
    attributed,
    changes: diffReports(before, after).map((c) => (attributed ? { ...c, causes: causes.get(c.path) ?? [] } : c)),
    events: window.map(responsibleEvent),
  };
};
