/**
 * A projection rebuilt from position zero, as the CLI's `rebuild` does it: its durable checkpoint
 * (the SQLite file beside the ledger, or LEDGER_PROJECTIONS) is replaced by a fold of the whole log.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../../../../libs/ledger/src';
import { DEFAULT_LEDGER_STORE, type EventStore } from '../../../../libs/event-store/src';
import {
  checkpointPathFor,
  projectionNamed,
  PROJECTIONS,
  ProjectionRunner,
  SqliteCheckpointStore,
} from '../../../../libs/projections/src';
import { NotFound } from '../../../../libs/trial-domain/src';

export interface RebuildOutcome {
  readonly projection: string;
  readonly position: string;
  readonly eventsFolded: number;
  readonly ms: number;
}

@Injectable()
export class ProjectionRebuilds {
  /** One rebuild at a time in this process: each replaces a checkpoint wholesale. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  rebuild(name: string): Promise<RebuildOutcome> {
    if (!projectionNamed(name))
      throw new NotFound(
        'UNKNOWN_PROJECTION',
        `unknown projection ${name} (known: ${PROJECTIONS.map((p) => p.name).join(', ')})`,
        'name',
      );
    const next = this.running.then(() => this.rebuildNow(name));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async rebuildNow(name: string): Promise<RebuildOutcome> {
    const checkpoints = SqliteCheckpointStore.open(
      checkpointPathFor(process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE),
    );
    try {
      const started = Date.now();
      const result = await new ProjectionRunner(this.store, checkpoints, PROJECTIONS).rebuild(name);
      return {
        projection: result.name,
        position: result.position.toString(),
        eventsFolded: result.eventsFolded,
        ms: Date.now() - started,
      };
    } finally {
      await checkpoints.close();
    }
  }
}
