import type { ClientBase } from 'pg';
import type { CommandAnswer, CommandCommit, CommitOutcome, StoredCommand } from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import { EventColumns, INSERT_EVENTS_FROM_ARRAYS, toStoredCommand, type CommandRow } from './postgres-rows';

/**
 * Commits a group inside a write transaction that holds the write lock, in two round trips
 * whatever the group's size: one read of everything the judging needs, and one statement
 * writing every accepted commit's events and command rows. No savepoint is taken: each would be
 * a round trip and a subtransaction (past 64 of them in one transaction, as in an import's
 * batch, every snapshot of every session slows down: a 500-append batch fell to ~870
 * events/s). Everything is judged before anything is written, so only a statement the database
 * itself refuses can fail here; that aborts the transaction, and the caller rolls it back and
 * commits the group again one commit per transaction (PostgresEventStore.commit), or, inside a
 * batch, which acknowledged nothing yet, fails the batch.
 */
export async function commitGroup(client: ClientBase, commits: readonly CommandCommit[]): Promise<CommitOutcome[]> {
  const view = await readGroupView(client, commits);
  // Fresh ids never collide; a repeated one is committed commit by commit, so that the UNIQUE
  // constraint refuses only its own commit (as on SQLite).
  if (view.eventIdsCollide && commits.length > 1) throw new GroupNeedsSplitting();
  const judged = planGroup(commits, view);
  if (judged.planned.length > 0) await writeGroup(client, judged);
  return judged.outcomes;
}

/** A group that must be committed one commit at a time to tell which one the database refuses. */
export class GroupNeedsSplitting extends Error {
  constructor() {
    super('the group repeats an event id; committing it commit by commit');
    this.name = 'GroupNeedsSplitting';
  }
}

export const SELECT_COMMAND = 'SELECT envelope_hash, answer FROM commands WHERE command_id = $1';
export const SELECT_LATEST = 'SELECT max(recorded_at) AS latest FROM events WHERE study_id = $1';

/** What a group of commits is judged against: the store as the write transaction sees it. */
interface GroupView {
  readonly commands: ReadonlyMap<string, CommandRow>;
  /** Head revision of each stream the group writes to; absent when the stream does not exist. */
  readonly heads: ReadonlyMap<string, bigint>;
  /** Latest recorded_at of each study the group touches; absent when it has no events. */
  readonly latest: ReadonlyMap<string, string>;
  /**
   * Some event id of the group is already stored, or appears twice in it: the group then goes
   * one commit at a time, so that only the commits whose events the database refuses fail.
   */
  readonly eventIdsCollide: boolean;
}

interface ViewRow {
  readonly kind: 'command' | 'head' | 'latest' | 'event';
  readonly key: string;
  readonly text_a: string | null;
  readonly text_b: string | null;
  readonly num: bigint | null;
}

/** One round trip for everything the judging reads, whatever the size of the group. */
const READ_VIEW = `
  SELECT 'command' AS kind, command_id AS key, envelope_hash AS text_a, answer AS text_b, NULL::bigint AS num
    FROM commands WHERE command_id = ANY($1::text[])
  UNION ALL
  SELECT 'head', s.stream_id, NULL, NULL, (SELECT max(e.revision) FROM events e WHERE e.stream_id = s.stream_id)
    FROM unnest($2::text[]) AS s(stream_id)
  UNION ALL
  SELECT 'latest', s.study_id, (SELECT max(e.recorded_at) FROM events e WHERE e.study_id = s.study_id), NULL, NULL
    FROM unnest($3::text[]) AS s(study_id)
  UNION ALL
  SELECT 'event', event_id, NULL, NULL, NULL FROM events WHERE event_id = ANY($4::text[])`;

/** The group's events, then its command rows, each command taking its last event's position. */
const INSERT_GROUP = `
  WITH inserted AS (${INSERT_EVENTS_FROM_ARRAYS} RETURNING position, stream_id, revision)
  INSERT INTO commands (command_id, envelope_hash, study_id, answer, position)
  SELECT c.command_id, c.envelope_hash, c.study_id, c.answer, i.position
  FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bigint[])
    AS c(command_id, envelope_hash, study_id, answer, stream_id, revision)
  JOIN inserted i ON i.stream_id = c.stream_id AND i.revision = c.revision
  RETURNING command_id, position`;

async function readGroupView(client: ClientBase, commits: readonly CommandCommit[]): Promise<GroupView> {
  const eventIds = commits.flatMap((c) => c.events.map((e) => e.eventId));
  const studies = new Set<string>();
  for (const c of commits) {
    studies.add(c.studyId);
    for (const e of c.events) if (typeof e.metadata?.studyId === 'string') studies.add(e.metadata.studyId);
  }
  const { rows } = await client.query<ViewRow>({
    name: 'ledger-group-view',
    text: READ_VIEW,
    values: [
      [...new Set(commits.map((c) => c.commandId))],
      [...new Set(commits.map((c) => c.streamId))],
      [...studies],
      eventIds,
    ],
  });
  const commands = new Map<string, CommandRow>();
  const heads = new Map<string, bigint>();
  const latest = new Map<string, string>();
  let storedEventIds = false;
  for (const row of rows) {
    if (row.kind === 'command') commands.set(row.key, { envelope_hash: row.text_a ?? '', answer: row.text_b ?? '' });
    else if (row.kind === 'head' && row.num !== null) heads.set(row.key, row.num);
    else if (row.kind === 'latest' && row.text_a !== null) latest.set(row.key, row.text_a);
    else if (row.kind === 'event') storedEventIds = true;
  }
  return { commands, heads, latest, eventIdsCollide: storedEventIds || new Set(eventIds).size !== eventIds.length };
}

interface PlannedCommit {
  readonly index: number;
  readonly commit: CommandCommit;
  readonly answer: CommandAnswer;
  readonly lastRevision: bigint;
}

interface GroupPlan {
  /** Every commit's outcome; the planned ones are 'committed' once their rows are written. */
  readonly outcomes: CommitOutcome[];
  readonly planned: readonly PlannedCommit[];
  readonly events: EventColumns;
}

/**
 * Judges each commit in order exactly as SqliteEventStore.commitOne does, against the view as
 * the earlier commits of the group leave it. Pure: nothing is written here.
 */
function planGroup(commits: readonly CommandCommit[], view: GroupView): GroupPlan {
  const commands = new Map<string, () => StoredCommand>(
    [...view.commands].map(([id, row]) => [id, () => toStoredCommand(id, row)]),
  );
  const heads = new Map(view.heads);
  const latest = new Map(view.latest);
  const outcomes: CommitOutcome[] = [];
  const planned: PlannedCommit[] = [];
  const events = new EventColumns();
  commits.forEach((c, index) => {
    try {
      const known = commands.get(c.commandId);
      if (known !== undefined) {
        outcomes[index] = { kind: 'known', command: known() };
        return;
      }
      const current = heads.get(c.streamId);
      const expected = c.expectedRevision;
      if (expected === 'no_stream' ? current !== undefined : expected !== 'any' && current !== expected) {
        outcomes[index] = { kind: 'revision-conflict', actual: current ?? 'no_stream' };
        return;
      }
      const recordedAt = normaliseInstant(c.recordedAt, 'recordedAt');
      const latestOfStudy = latest.get(c.studyId);
      if (latestOfStudy !== undefined && recordedAt < latestOfStudy) {
        outcomes[index] = { kind: 'clock-conflict', latest: latestOfStudy };
        return;
      }
      if (c.events.length === 0) throw new Error('unreachable: empty batch');
      const first = current === undefined ? 0n : current + 1n;
      // Prepared before any is added: a commit that cannot be written adds nothing.
      const rows = c.events.map((e, i) => EventColumns.prepare(c.streamId, first + BigInt(i), e));
      for (const row of rows) {
        events.add(row);
        const studyLatest = row.studyId === null ? undefined : latest.get(row.studyId);
        if (row.studyId !== null && (studyLatest === undefined || row.recordedAt > studyLatest))
          latest.set(row.studyId, row.recordedAt);
      }
      const lastRevision = first + BigInt(rows.length - 1);
      heads.set(c.streamId, lastRevision);
      const answer: CommandAnswer = {
        commandId: c.commandId,
        events: c.events.map((e, i) => ({ type: e.type, streamId: c.streamId, revision: Number(first + BigInt(i)) })),
      };
      commands.set(c.commandId, () => ({ envelopeHash: c.envelopeHash, answer }));
      planned.push({ index, commit: c, answer, lastRevision });
    } catch (error) {
      outcomes[index] = { kind: 'failed', error };
    }
  });
  return { outcomes, planned, events };
}

/** Writes the planned commits in one statement and fills in their outcomes. */
async function writeGroup(client: ClientBase, plan: GroupPlan): Promise<void> {
  const { planned } = plan;
  const { rows } = await client.query<{ command_id: string; position: bigint }>({
    name: 'ledger-group-insert',
    text: INSERT_GROUP,
    values: [
      ...plan.events.params(),
      planned.map((p) => p.commit.commandId),
      planned.map((p) => p.commit.envelopeHash),
      planned.map((p) => p.commit.studyId),
      planned.map((p) => JSON.stringify(p.answer)),
      planned.map((p) => p.commit.streamId),
      planned.map((p) => p.lastRevision),
    ],
  });
  const positions = new Map(rows.map((r) => [r.command_id, r.position]));
  for (const p of planned) {
    const position = positions.get(p.commit.commandId);
    if (position === undefined) throw new Error(`group commit wrote no command row for ${p.commit.commandId}`);
    plan.outcomes[p.index] = { kind: 'committed', answer: p.answer, position };
  }
}
