/**
 * Reading a study's events for an as-of report. The store's recordedAt filter works at millisecond
 * precision, which can only let through a few more events than asked; the fold filters again
 * exactly (canonical microsecond instants), so the report never depends on the store's rounding.
 */
import type { EventStore, RecordedEvent } from '../../../event-store/src';

/** The study's events recorded at or before `asOf` (omitted: all), in log order. */
export const readStudyEvents = (store: EventStore, studyId: string, asOf?: string): Promise<RecordedEvent[]> =>
  store.readAllEvents(asOf === undefined ? { studyId } : { studyId, recordedAtOrBefore: asOf });
