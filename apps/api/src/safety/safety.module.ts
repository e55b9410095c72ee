import { Module } from '@nestjs/common';
import { ReadPoolModule } from '../read-pool/read-pool.module';
import { SafetyController } from './safety.controller';

@Module({ imports: [ReadPoolModule], controllers: [SafetyController] })
export class SafetyModule {}
