import { Module } from '@nestjs/common';
import { LedgerModule } from '../../../../libs/ledger/src';
import { SigningGate } from '../auth/signing-gate';
import { CommandsController } from './commands.controller';

@Module({
  imports: [LedgerModule],
  controllers: [CommandsController],
  providers: [{ provide: SigningGate, useFactory: () => new SigningGate() }],
})
export class CommandsModule {}
