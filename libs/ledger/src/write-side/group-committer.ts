import type { CommandCommit, CommitOutcome, EventStore } from '../../../event-store/src';

interface Waiting {
  readonly commit: CommandCommit;
  readonly resolve: (outcome: CommitOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: commands that reach their commit while another group is being written, or in
 * the same turn of the event loop, are written together in one transaction with one durable
 * flush; each caller is answered only once its group is durable. One group is in flight at a
 * time, so the next one grows while the store works.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly store: Pick<EventStore, 'commit'>,
    private readonly maxGroup = 500,
  ) {}

  submit(commit: CommandCommit): Promise<CommitOutcome> {
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.waiting.push({ commit, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: every request that arrived with
    // this one has had its chance to join the group.
    setImmediate(() => {
      this.scheduled = false;
      void this.writeGroup();
    });
  }

  private async writeGroup(): Promise<void> {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    const group = this.waiting.splice(0, this.maxGroup);
    try {
      const outcomes = await this.store.commit(group.map((w) => w.commit));
      group.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) w.reject(new Error('the store answered fewer commits than it was given'));
        else w.resolve(outcome);
      });
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
