/**
 * Where projections keep their durable checkpoints: `{ name, position, state }`, the state as JSON
 * text. A checkpoint is only a cache of a fold of the immutable log: losing one costs a rebuild.
 */
export interface Checkpoint {
  readonly name: string;
  /** Global log position of the last event folded into `state` (0n: none). */
  readonly position: bigint;
  /** The projection's state, JSON text of its toJSON form. */
  readonly state: string;
  readonly savedAt: string;
}

export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | undefined>;
  /** Replaces the projection's checkpoint atomically (position and state together). */
  save(checkpoint: Checkpoint): Promise<void>;
  remove(name: string): Promise<void>;
  close(): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, Checkpoint>();

  async load(name: string): Promise<Checkpoint | undefined> {
    return this.checkpoints.get(name);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.checkpoints.set(checkpoint.name, checkpoint);
  }

  async remove(name: string): Promise<void> {
    this.checkpoints.delete(name);
  }

  async close(): Promise<void> {}
}
