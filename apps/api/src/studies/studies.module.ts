import { Module } from '@nestjs/common';
import { ReadModelModule } from '../../../../libs/read-model/src';
import { StudiesController } from './studies.controller';

@Module({ imports: [ReadModelModule], controllers: [StudiesController] })
export class StudiesModule {}
