/**
 * A second process for the PostgreSQL store's spec: opens the store at the URL it is given,
 * waits for a shared start instant, sends its commits (`each`: one commit() call per command, all
 * at once; `group`: one call with them all) and prints one JSON object: commandId → outcome kind.
 */
import { randomUUID } from 'node:crypto';
import type { CommandCommit } from '../../event-store.port';
import { PostgresEventStore } from '../postgres-event-store';

interface Job {
  readonly url: string;
  readonly startAt: number;
  readonly studyId: string;
  readonly mode: 'each' | 'group';
  /** Each commit writes one event to its own stream. */
  readonly commits: readonly { readonly commandId: string; readonly streamId: string }[];
}

const main = async (): Promise<void> => {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const store = PostgresEventStore.connect(job.url);
  // Connected and warm before the start, so that the race is between the commits themselves.
  await store.ready();
  await store.latestRecordedAt(job.studyId);
  const recordedAt = '2024-03-01T10:00:00.000000Z';
  const commits = job.commits.map(({ commandId, streamId }): CommandCommit => ({
    commandId,
    envelopeHash: `h-${process.pid}`,
    studyId: job.studyId,
    recordedAt,
    streamId,
    expectedRevision: 'no_stream',
    events: [
      {
        eventId: randomUUID(),
        type: 'Raced',
        schemaVersion: 1,
        data: { pid: process.pid },
        metadata: {
          actor: { id: 'racer', role: 'system' },
          commandId,
          correlationId: commandId,
          causationId: commandId,
          recordedAt,
          storedAt: new Date().toISOString(),
          studyId: job.studyId,
          prevHash: '',
          hash: 'x',
        },
      },
    ],
  }));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  const outcomes =
    job.mode === 'group'
      ? (await store.commit(commits)).map((o, i) => [commits[i]?.commandId, o.kind])
      : await Promise.all(commits.map(async (c) => [c.commandId, (await store.commit([c]))[0]?.kind]));
  await store.close();
  process.stdout.write(JSON.stringify(Object.fromEntries(outcomes)));
};

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
