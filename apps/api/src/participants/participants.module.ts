import { Module } from '@nestjs/common';
import { LedgerModule } from '../../../../libs/ledger/src';
import { ParticipantsController } from './participants.controller';

@Module({ imports: [LedgerModule], controllers: [ParticipantsController] })
export class ParticipantsModule {}
