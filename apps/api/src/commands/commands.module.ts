import { Module } from '@nestjs/common';
import { LedgerModule } from '../../../../libs/ledger/src';
import { CommandsController } from './commands.controller';

@Module({ imports: [LedgerModule], controllers: [CommandsController] })
export class CommandsModule {}
