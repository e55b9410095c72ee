/** The API's reads go to worker threads (libs/read-model ReadPool): one pool per process. */
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_LEDGER_STORE } from '../../../../libs/event-store/src';
import { LedgerModule } from '../../../../libs/ledger/src';
import { ReadPool, READS } from '../../../../libs/read-model/src';

@Module({
  imports: [LedgerModule],
  providers: [{ provide: READS, useFactory: () => new ReadPool(process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE) }],
  exports: [READS, LedgerModule],
})
export class ReadPoolModule implements OnApplicationShutdown {
  constructor(@Inject(READS) private readonly pool: ReadPool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
