import { Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { openEventStore, type EventStore } from '../../event-store/src';
import { CLOCK, systemClock, type Clock } from './clock';
import { CommandPipeline } from './command-pipeline';
import { ExecuteCommandHandler } from './execute-command';
import { EVENT_STORE } from './tokens';

/** The write side, over the store named by LEDGER_STORE. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: EVENT_STORE, useFactory: (): EventStore => openEventStore() },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: CommandPipeline,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => new CommandPipeline(store, clock),
    },
    ExecuteCommandHandler,
  ],
  exports: [EVENT_STORE, CLOCK, CommandPipeline, CqrsModule],
})
export class LedgerModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
