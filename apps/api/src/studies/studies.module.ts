import { Module } from '@nestjs/common';
import { ReadPoolModule } from '../read-pool/read-pool.module';
import { StudiesController } from './studies.controller';

@Module({ imports: [ReadPoolModule], controllers: [StudiesController] })
export class StudiesModule {}
