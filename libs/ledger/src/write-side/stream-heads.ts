import { CorruptEvent, hashEvent, type EventStore, type NewEvent } from '../../../event-store/src';
import { Lru } from './lru';

/** What a command needs of its stream before deciding: the folded state and where to append. */
export interface StreamHead<S> {
  readonly state: S;
  /** The stream's last revision; undefined while the stream does not exist. */
  readonly revision: bigint | undefined;
  /** Hash of the last event, which the next one chains from ('' for a new stream). */
  readonly lastHash: string;
}

/**
 * Folded stream heads, loaded from the store on demand: a command reads only the events after
 * the head it holds (none, usually), so what a process keeps is bounded by the cache, not by
 * the ledger. Every event read is checked against the hash chain before it is folded, so a
 * row edited behind the ledger is refused here instead of having a new event chained onto it.
 */
export class StreamHeads<S> {
  private readonly cache: Lru<string, StreamHead<S>>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly initial: S,
    private readonly evolve: (state: S, event: NewEvent) => S,
    capacity: number,
  ) {
    this.cache = new Lru(capacity);
  }

  /** The cached head, as last loaded or appended; it may be behind the store. */
  cached(streamId: string): StreamHead<S> | undefined {
    return this.cache.get(streamId);
  }

  /** The stream's head as stored now (the cached head brought up to date). */
  async load(streamId: string): Promise<StreamHead<S>> {
    const cached = this.cache.get(streamId) ?? { state: this.initial, revision: undefined, lastHash: '' };
    const from = cached.revision === undefined ? 0n : cached.revision + 1n;
    const tail = await this.store.readStream(streamId, { fromRevision: from });
    if (tail.length === 0) return cached;
    let { state, lastHash } = cached;
    let expected = from;
    for (const event of tail) {
      const where = { position: event.position, streamId, revision: event.revision };
      if (event.revision !== expected)
        throw new CorruptEvent(where, `revision ${event.revision} where ${expected} was expected`);
      if (event.metadata.prevHash !== lastHash || hashEvent(event, lastHash) !== event.metadata.hash)
        throw new CorruptEvent(where, 'its hash does not match its content and the chain before it');
      state = this.evolve(state, event);
      lastHash = event.metadata.hash;
      expected += 1n;
    }
    const head = { state, revision: expected - 1n, lastHash };
    this.keep(streamId, head);
    return head;
  }

  /** The head after this process appended `events` (sealed) onto `head`. */
  appended(streamId: string, head: StreamHead<S>, events: readonly NewEvent[]): StreamHead<S> {
    let state = head.state;
    for (const event of events) state = this.evolve(state, event);
    const last = events[events.length - 1];
    const next = {
      state,
      revision: (head.revision ?? -1n) + BigInt(events.length),
      lastHash: last?.metadata.hash ?? head.lastHash,
    };
    this.keep(streamId, next);
    return next;
  }

  /** Keeps a head unless a newer one is already cached (a read and a commit may finish in either order). */
  private keep(streamId: string, head: StreamHead<S>): void {
    const current = this.cache.get(streamId);
    if (current?.revision !== undefined && head.revision !== undefined && current.revision > head.revision) return;
    this.cache.set(streamId, head);
  }
}
