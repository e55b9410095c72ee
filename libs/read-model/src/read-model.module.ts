import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '../../event-store/src';
import { EVENT_STORE, LedgerModule } from '../../ledger/src';
import { openReadModel } from './open-read-model';
import type { ReadModelStore } from './read-model.port';
import { ReadSide } from './read-side';

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** The read side over the ledger's store and the read model beside it. */
@Module({
  imports: [LedgerModule],
  providers: [
    { provide: READ_MODEL_STORE, useFactory: (): ReadModelStore => openReadModel() },
    {
      provide: ReadSide,
      inject: [EVENT_STORE, READ_MODEL_STORE],
      useFactory: (store: EventStore, model: ReadModelStore) => new ReadSide(store, model),
    },
  ],
  exports: [ReadSide, LedgerModule],
})
export class ReadModelModule implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_STORE) private readonly model: ReadModelStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.model.close();
  }
}
