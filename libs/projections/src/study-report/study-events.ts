/**
 * Reading a study's events for an as-of report. The store's recordedAt filter works at millisecond
 * precision, which can only let through a few more events than asked; the fold filters again
 * exactly (canonical microsecond instants), so the report never depends on the store's rounding.
 */
import type { EventStore, ReadAllOptions, RecordedEvent } from '../../../event-store/src';

interface SyncReader {
  readAllSync(options: ReadAllOptions): RecordedEvent[];
}

const hasSyncRead = (store: EventStore): store is EventStore & SyncReader =>
  typeof (store as Partial<SyncReader>).readAllSync === 'function';

/** The study's events recorded at or before `asOf` (omitted: all), in log order. */
export const readStudyEvents = async (store: EventStore, studyId: string, asOf?: string): Promise<RecordedEvent[]> => {
  const options: ReadAllOptions = asOf === undefined ? { studyId } : { studyId, recordedAtOrBefore: asOf };
  if (hasSyncRead(store)) return store.readAllSync(options);
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll(options)) events.push(e);
  return events;
};
