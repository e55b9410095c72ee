/**
 * Keeps the registered projections live in the background: each is fed by the store's
 * catch-up-then-live subscription from its durable checkpoint, and checkpoints are saved as
 * it goes, so a restart resumes instead of replaying the whole log.
 */
import type { EventStore } from '../../../../libs/event-store/src';
import {
  checkpointPathFor,
  PROJECTIONS,
  ProjectionRunner,
  SqliteCheckpointStore,
  type RebuildResult,
} from '../../../../libs/projections/src';

export class ProjectionHost {
  private constructor(
    readonly runner: ProjectionRunner,
    private readonly checkpoints: SqliteCheckpointStore,
  ) {}

  static async start(
    store: EventStore,
    storeSpec: string,
    onError: (name: string, e: unknown) => void,
  ): Promise<ProjectionHost> {
    const checkpoints = SqliteCheckpointStore.open(checkpointPathFor(storeSpec));
    const runner = new ProjectionRunner(store, checkpoints, PROJECTIONS, { onError });
    await runner.start();
    return new ProjectionHost(runner, checkpoints);
  }

  /** Folds a projection again from position zero and replaces its checkpoint. */
  rebuild(name: string): Promise<RebuildResult> {
    if (!this.runner.names().includes(name))
      throw new Error(`unknown projection ${name}: one of ${this.runner.names().join(', ')}`);
    return this.runner.rebuild(name);
  }

  async stop(): Promise<void> {
    await this.runner.checkpoint();
    await this.runner.stop();
    await this.checkpoints.close();
  }
}
