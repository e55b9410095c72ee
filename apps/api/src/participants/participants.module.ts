import { Module } from '@nestjs/common';
import { ReadModelModule } from '../../../../libs/read-model/src';
import { ParticipantsController } from './participants.controller';

@Module({ imports: [ReadModelModule], controllers: [ParticipantsController] })
export class ParticipantsModule {}
