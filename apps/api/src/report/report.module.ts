import { Module } from '@nestjs/common';
import { LedgerModule } from '../../../../libs/ledger/src';
import { ReadPoolModule } from '../read-pool/read-pool.module';
import { ProjectionRebuilds } from './projection-rebuilds.service';
import { ProjectionsController } from './projections.controller';
import { StudyReportController } from './study-report.controller';
import { StudyReports } from './study-reports.service';

/** The study report (JSON, HTML, PDF, diff) and projection rebuilds. */
@Module({
  imports: [LedgerModule, ReadPoolModule],
  controllers: [StudyReportController, ProjectionsController],
  providers: [StudyReports, ProjectionRebuilds],
})
export class ReportModule {}
