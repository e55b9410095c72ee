/**
 * Feeds projections from the store's subscribeToAll (catch-up, then live) and keeps a durable
 * checkpoint `{ name, position, state }` for each, saved atomically together, so a restart resumes
 * where the last checkpoint left off. `rebuild(name)` folds the projection again from position
 * zero and replaces its checkpoint: the result is the same bytes as the live state (the fold is
 * deterministic), which the tests check.
 */
import type { EventStore, ReadAllOptions, RecordedEvent, Subscription } from '../../../event-store/src';
import { canonicalJson } from '../../../trial-domain/src';
import { projectionFromJSON, projectionToJSON, type AnyProjection } from '../projection';
import type { CheckpointStore } from './checkpoint-store';

export interface ProjectionRunnerOptions {
  /** Save a checkpoint after this many events folded (default 5,000). */
  readonly checkpointEvery?: number;
  /** Once live, save pending work this long after the last event (default 1,000 ms). */
  readonly checkpointDelayMs?: number;
  /** Clock for savedAt. */
  readonly now?: () => Date;
  /** Called when a live subscription stops on an error. */
  readonly onError?: (name: string, error: unknown) => void;
}

export interface RebuildResult {
  readonly name: string;
  readonly position: bigint;
  readonly eventsFolded: number;
}

interface Running {
  readonly projection: AnyProjection;
  state: unknown;
  position: bigint;
  pending: number;
  subscription: Subscription | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Serialises saves of this projection. */
  saving: Promise<void>;
}

export class ProjectionRunner {
  private readonly projections = new Map<string, AnyProjection>();
  private readonly running = new Map<string, Running>();
  private readonly checkpointEvery: number;
  private readonly checkpointDelayMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    projections: readonly AnyProjection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    for (const p of projections) {
      if (this.projections.has(p.name)) throw new Error(`two projections are named ${p.name}`);
      this.projections.set(p.name, p);
    }
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 5000);
    this.checkpointDelayMs = Math.max(0, options.checkpointDelayMs ?? 1000);
    this.now = options.now ?? (() => new Date());
  }

  names(): string[] {
    return [...this.projections.keys()];
  }

  /** Starts the projections (all by default) from their checkpoints; resolves once each has caught up. */
  async start(names: readonly string[] = this.names()): Promise<void> {
    for (const name of names) {
      if (this.running.has(name)) continue;
      const projection = this.projection(name);
      const checkpoint = await this.checkpoints.load(name);
      const r: Running = {
        projection,
        state: checkpoint ? projectionFromJSON(projection, JSON.parse(checkpoint.state)) : projection.initial(),
        position: checkpoint?.position ?? 0n,
        pending: 0,
        subscription: undefined,
        timer: undefined,
        saving: Promise.resolve(),
      };
      this.running.set(name, r);
      await this.subscribe(name, r);
    }
  }

  /** The live state of a started projection. */
  state<S>(name: string): S {
    return this.runningOf(name).state as S;
  }

  /** Position of the last event folded into a started projection. */
  position(name: string): bigint {
    return this.runningOf(name).position;
  }

  /** Canonical JSON of a started projection's state (what a checkpoint holds). */
  snapshot(name: string): string {
    const r = this.runningOf(name);
    return canonicalJson(projectionToJSON(r.projection, r.state));
  }

  /** Saves the checkpoints of the started projections (all by default) now. */
  async checkpoint(names: readonly string[] = [...this.running.keys()]): Promise<void> {
    for (const name of names) await this.save(this.runningOf(name));
  }

  /** Saves and stops every started projection. */
  async stop(): Promise<void> {
    for (const [name, r] of this.running) {
      await r.subscription?.close();
      r.subscription = undefined;
      if (r.timer) clearTimeout(r.timer);
      await this.save(r);
      this.running.delete(name);
    }
  }

  /**
   * Folds the projection from position zero over the whole log and replaces its checkpoint. A
   * running projection is paused meanwhile and resumes live from the rebuilt state.
   */
  async rebuild(name: string): Promise<RebuildResult> {
    const projection = this.projection(name);
    const live = this.running.get(name);
    if (live) {
      await live.subscription?.close();
      live.subscription = undefined;
      if (live.timer) clearTimeout(live.timer);
      await live.saving;
    }
    await this.checkpoints.remove(name);
    let state: unknown = projection.initial();
    let position = 0n;
    let eventsFolded = 0;
    for (const e of await this.readLog()) {
      state = projection.apply(state, e);
      position = e.position;
      eventsFolded += 1;
    }
    const r: Running = live ?? {
      projection,
      state,
      position,
      pending: 0,
      subscription: undefined,
      timer: undefined,
      saving: Promise.resolve(),
    };
    r.state = state;
    r.position = position;
    r.pending = 0;
    await this.write(r);
    if (live) await this.subscribe(name, live);
    return { name, position, eventsFolded };
  }

  private async subscribe(name: string, r: Running): Promise<void> {
    let caughtUp = false;
    r.subscription = this.store.subscribeToAll(
      (e) => {
        r.state = r.projection.apply(r.state, e);
        r.position = e.position;
        r.pending += 1;
        if (r.pending >= this.checkpointEvery) return this.save(r);
        if (caughtUp) this.scheduleSave(r);
        return undefined;
      },
      {
        fromPosition: r.position,
        onError: (error) =>
          this.options.onError
            ? this.options.onError(name, error)
            : console.error(`projection ${name} stopped:`, error),
      },
    );
    await r.subscription.caughtUp;
    caughtUp = true;
    await this.save(r);
  }

  private scheduleSave(r: Running): void {
    if (r.timer) return;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      void this.save(r).catch((error: unknown) =>
        this.options.onError ? this.options.onError(r.projection.name, error) : console.error(error),
      );
    }, this.checkpointDelayMs);
    r.timer.unref();
  }

  private save(r: Running): Promise<void> {
    if (r.pending === 0 && r.position !== 0n) return r.saving;
    r.saving = r.saving.then(() => this.write(r));
    return r.saving;
  }

  private async write(r: Running): Promise<void> {
    r.pending = 0;
    await this.checkpoints.save({
      name: r.projection.name,
      position: r.position,
      state: canonicalJson(projectionToJSON(r.projection, r.state)),
      savedAt: this.now().toISOString(),
    });
  }

  private async readLog(): Promise<RecordedEvent[]> {
    const sync = (this.store as Partial<{ readAllSync(o: ReadAllOptions): RecordedEvent[] }>).readAllSync;
    if (typeof sync === 'function') return sync.call(this.store, {});
    const events: RecordedEvent[] = [];
    for await (const e of this.store.readAll()) events.push(e);
    return events;
  }

  private projection(name: string): AnyProjection {
    const p = this.projections.get(name);
    if (p === undefined) throw new Error(`unknown projection ${name} (known: ${this.names().join(', ')})`);
    return p;
  }

  private runningOf(name: string): Running {
    const r = this.running.get(name);
    if (r === undefined) throw new Error(`projection ${name} is not started`);
    return r;
  }
}
