import { WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import {
  CorruptEvent,
  StoreBusy,
  type CommandCommit,
  type CommitOutcome,
  type StoredCommand,
} from '../event-store.port';
import { normaliseInstant } from '../recorded-at';
import {
  ABANDONED,
  CLAIMED,
  abandonedEvent,
  admissionEvent,
  answerOf,
  claimEvent,
  commandStreamId,
  eventIdsOf,
  firstRevisionAfter,
  parseAdmission,
  parseClaim,
  studyClockStreamId,
  type Abandoned,
  type Admission,
  type Claim,
  type Revision,
} from './esdb-command-records';
import { appendRecords, corruptRecord, positionOf, readForward, readLast, toEventData } from './esdb-records';

/**
 * Commands on EventStoreDB, which has no transaction across streams (docs/decisions/0008).
 * A command is made durable in three appends, each conditional on what was read:
 *   1. its claim, `command-<sha256(commandId)>`: the first claim of an id wins (no_stream);
 *   2. its admission to the study's clock, `studyclock-<studyId>`, at the revision read: this
 *      serialises the study's commands, and refuses a recorded time before the study's latest;
 *   3. its events, to their stream, at the commit's expected revision.
 * A command admitted but not landed is landed (or, if its stream has moved on, abandoned) by
 * whoever comes next: the next admission to the same clock, or a look-up of the same command.
 */

/** Tries before giving up with StoreBusy: each failed try means another writer made progress. */
const CLAIM_ATTEMPTS = 5;
const CLOCK_ATTEMPTS = 20;
const ANY_ATTEMPTS = 3;

/** Where a command's events stand in their stream. */
type Landing = { readonly kind: 'landed'; readonly position: bigint } | { readonly kind: 'pending' | 'displaced' };

type Settled =
  | { readonly kind: 'landed'; readonly position: bigint }
  | { readonly kind: 'revision-conflict'; readonly actual: Revision }
  | { readonly kind: 'clock-conflict'; readonly latest: string };

export class EsdbCommands {
  /** Per study: a clock revision this process knows settled, and the latest recorded time it stands for. */
  private readonly settledClocks = new Map<
    string,
    { readonly revision: bigint; readonly latest: string | undefined }
  >();

  constructor(private readonly client: EventStoreDBClient) {}

  async commit(c: CommandCommit): Promise<CommitOutcome> {
    // 'any' becomes the head read just before the claim; a writer that moves the stream
    // meanwhile makes us try again, since the caller asked for no revision check.
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.commitOnce(c);
      if (outcome.kind !== 'revision-conflict' || c.expectedRevision !== 'any') return outcome;
      if (attempt >= ANY_ATTEMPTS)
        return {
          kind: 'failed',
          error: new StoreBusy(`stream ${c.streamId} kept moving under command ${c.commandId}`),
        };
    }
  }

  /** The command, once settled: a claim whose events have not landed is landed (or abandoned) first. */
  async find(commandId: string): Promise<StoredCommand | undefined> {
    const state = await this.claimState(commandStreamId(commandId), commandId);
    if (state.kind === 'open' || !(await this.settle(state.claim))) return undefined;
    return storedCommand(state.claim);
  }

  /** Read-only: an admitted command whose events have not landed does not count. */
  async latestRecordedAt(studyId: string): Promise<string | undefined> {
    const last = await this.lastAdmission(studyId);
    if (last === undefined) return undefined;
    const known = this.settledClocks.get(studyId);
    if (known?.revision === last.revision) return known.latest;
    const landing = await this.landing(last.streamId, last.expectedRevision, last.eventIds);
    return landing.kind === 'landed' ? last.recordedAt : last.latestBefore;
  }

  private async commitOnce(c: CommandCommit): Promise<CommitOutcome> {
    if (c.events.length === 0) throw new Error(`command ${c.commandId} has no events to commit`);
    const recordedAt = normaliseInstant(c.recordedAt, 'recordedAt');
    const stream = commandStreamId(c.commandId);
    const head = await this.headOf(c.streamId);
    const expected = c.expectedRevision === 'any' ? head : c.expectedRevision;
    if (expected !== head) {
      // As in one transaction, a known commandId answers before the stream's revision does. A
      // claim is never written against a stale head, so no claim ever expects a revision its
      // stream has not reached yet (which a later append could still make true).
      const known = await this.find(c.commandId);
      return known === undefined ? { kind: 'revision-conflict', actual: head } : { kind: 'known', command: known };
    }
    const draft = { stream, commandId: c.commandId, envelopeHash: c.envelopeHash, studyId: c.studyId, recordedAt };
    const claim = { ...draft, streamId: c.streamId, expectedRevision: expected, events: c.events };
    const answer = answerOf(claim);
    let claimExpected: Revision = 'no_stream';
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        // The id is taken, or was released by an abandoned claim.
        const state = await this.claimState(stream, c.commandId);
        if (state.kind === 'claimed') {
          if (await this.settle(state.claim)) return { kind: 'known', command: storedCommand(state.claim) };
          continue; // abandoned meanwhile: read it again
        }
        claimExpected = state.next;
      }
      let revision: bigint;
      try {
        const appended = await appendRecords(this.client, stream, [claimEvent({ ...claim, answer })], claimExpected);
        revision = appended.nextExpectedRevision;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) continue;
        throw error;
      }
      const settled = await this.admitAndLand({ ...claim, answer, revision });
      return settled.kind === 'landed' ? { kind: 'committed', answer, position: settled.position } : settled;
    }
    throw new StoreBusy(`command ${c.commandId} was claimed and released too many times at once`);
  }

  /** Settles a claim found in the store; true when its events are in their stream. */
  private async settle(claim: Claim): Promise<boolean> {
    const landing = await this.landing(claim.streamId, claim.expectedRevision, eventIdsOf(claim));
    if (landing.kind === 'landed') return true;
    if (landing.kind === 'displaced') {
      await this.abandon(claim.stream, claim.revision, 'revision-conflict');
      return false;
    }
    return (await this.admitAndLand(claim)).kind === 'landed';
  }

  /** Admits the claim to its study's clock (unless it is the last admitted already), then lands it. */
  private async admitAndLand(claim: Claim): Promise<Settled> {
    const clock = studyClockStreamId(claim.studyId);
    for (let attempt = 1; attempt <= CLOCK_ATTEMPTS; attempt++) {
      const last = await this.lastAdmission(claim.studyId);
      let admittedAt: bigint;
      let latest: string | undefined;
      if (last !== undefined && last.claimStream === claim.stream && last.claimRevision === claim.revision) {
        admittedAt = last.revision;
        latest = last.latestBefore;
      } else {
        latest = last === undefined ? undefined : await this.latestAfter(claim.studyId, last);
        if (latest !== undefined && claim.recordedAt < latest) {
          // The study's latest only grows, so no admission from here on can take this claim, and
          // one before `last` was settled (landed or abandoned) before `last` was written.
          const landing = await this.landing(claim.streamId, claim.expectedRevision, eventIdsOf(claim));
          if (landing.kind === 'landed') return landing;
          await this.abandon(claim.stream, claim.revision, 'clock-conflict');
          return { kind: 'clock-conflict', latest };
        }
        try {
          const appended = await appendRecords(
            this.client,
            clock,
            [admissionEvent(claim, latest)],
            last?.revision ?? 'no_stream',
          );
          admittedAt = appended.nextExpectedRevision;
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) continue; // another command was admitted: look again
          throw error;
        }
      }
      const settled = await this.land(claim);
      this.rememberSettled(claim.studyId, admittedAt, settled.kind === 'landed' ? claim.recordedAt : latest);
      return settled;
    }
    throw new StoreBusy(`the clock of study ${claim.studyId} kept moving: too many commands at once`);
  }

  /** The study's latest recorded time once `last` is settled: landed on its behalf if need be. */
  private async latestAfter(studyId: string, last: Admission): Promise<string | undefined> {
    const known = this.settledClocks.get(studyId);
    if (known?.revision === last.revision) return known.latest;
    const latest = (await this.settleAdmission(last)) ? last.recordedAt : last.latestBefore;
    this.rememberSettled(studyId, last.revision, latest);
    return latest;
  }

  private async settleAdmission(admission: Admission): Promise<boolean> {
    const landing = await this.landing(admission.streamId, admission.expectedRevision, admission.eventIds);
    if (landing.kind === 'landed') return true;
    if (landing.kind === 'displaced') {
      await this.abandon(admission.claimStream, admission.claimRevision, 'revision-conflict');
      return false;
    }
    // Admitted, not landed: its writer is on its way or gone. Land it on its behalf (the append
    // is idempotent), unless its claim has been abandoned.
    const [claimed, after] = await readForward(this.client, admission.claimStream, admission.claimRevision, 2);
    if (claimed === undefined)
      throw new CorruptEvent(
        { streamId: admission.claimStream, revision: admission.claimRevision },
        `the clock of its study admitted it, but it is missing`,
      );
    if (after !== undefined) return false;
    return (await this.land(parseClaim(claimed, admission.commandId))).kind === 'landed';
  }

  /** Appends the claim's events as claimed; a stream that has moved on abandons the claim. */
  private async land(claim: Claim): Promise<Settled> {
    const last = firstRevisionAfter(claim.expectedRevision) + BigInt(claim.events.length - 1);
    try {
      const appended = await appendRecords(
        this.client,
        claim.streamId,
        claim.events.map(toEventData),
        claim.expectedRevision,
      );
      // An idempotent repeat may answer without a position, or with another revision.
      const position =
        appended.nextExpectedRevision === last && appended.position !== undefined
          ? appended.position.commit
          : await positionOf(this.client, claim.streamId, last);
      return { kind: 'landed', position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const landing = await this.landing(claim.streamId, claim.expectedRevision, eventIdsOf(claim));
      if (landing.kind === 'landed') return landing;
      await this.abandon(claim.stream, claim.revision, 'revision-conflict');
      return { kind: 'revision-conflict', actual: error.actualVersion };
    }
  }

  /** Reads the revisions the events must occupy: ours, nothing yet, or someone else's. */
  private async landing(streamId: string, expected: Revision, eventIds: readonly string[]): Promise<Landing> {
    const found = await readForward(this.client, streamId, firstRevisionAfter(expected), eventIds.length);
    const first = found[0];
    if (first === undefined) return { kind: 'pending' };
    if (!sameId(first.record.id, eventIds[0])) return { kind: 'displaced' };
    const lastFound = found[found.length - 1];
    if (found.length !== eventIds.length || !found.every((f, i) => sameId(f.record.id, eventIds[i])))
      throw corruptRecord(first, `it begins a command's events but the ones after it are not that command's`);
    if (lastFound?.position === undefined) throw corruptRecord(first, 'EventStoreDB returned it without a position');
    return { kind: 'landed', position: lastFound.position };
  }

  /** Releases the commandId: only a CommandAbandoned ever follows a CommandClaimed. */
  private async abandon(claimStream: string, claimRevision: bigint, reason: Abandoned): Promise<void> {
    try {
      await appendRecords(this.client, claimStream, [abandonedEvent(claimRevision, reason)], claimRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const [next] = await readForward(this.client, claimStream, claimRevision + 1n, 1);
      if (next?.record.type !== ABANDONED)
        throw new CorruptEvent(
          { streamId: claimStream, revision: claimRevision + 1n },
          `only ${ABANDONED} may follow a ${CLAIMED}`,
        );
    }
  }

  private async claimState(
    stream: string,
    commandId: string,
  ): Promise<{ readonly kind: 'open'; readonly next: Revision } | { readonly kind: 'claimed'; readonly claim: Claim }> {
    const last = await readLast(this.client, stream);
    if (last === undefined) return { kind: 'open', next: 'no_stream' };
    if (last.record.type === ABANDONED) return { kind: 'open', next: last.record.revision };
    return { kind: 'claimed', claim: parseClaim(last, commandId) };
  }

  private async lastAdmission(studyId: string): Promise<Admission | undefined> {
    const last = await readLast(this.client, studyClockStreamId(studyId));
    return last === undefined ? undefined : parseAdmission(last);
  }

  private async headOf(streamId: string): Promise<Revision> {
    return (await readLast(this.client, streamId))?.record.revision ?? 'no_stream';
  }

  private rememberSettled(studyId: string, revision: bigint, latest: string | undefined): void {
    const known = this.settledClocks.get(studyId);
    if (known === undefined || known.revision < revision) this.settledClocks.set(studyId, { revision, latest });
  }
}

const sameId = (stored: string, ours: string | undefined): boolean => stored.toLowerCase() === ours?.toLowerCase();
const storedCommand = (claim: Claim): StoredCommand => ({ envelopeHash: claim.envelopeHash, answer: claim.answer });
