import { Module } from '@nestjs/common';
import { ReadPoolModule } from '../read-pool/read-pool.module';
import { ParticipantsController } from './participants.controller';

@Module({ imports: [ReadPoolModule], controllers: [ParticipantsController] })
export class ParticipantsModule {}
