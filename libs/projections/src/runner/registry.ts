/** Every projection the ledger runs, by name. */
import type { AnyProjection } from '../projection';
import { studyReportProjection } from '../study-report/study-report.projection';

export const PROJECTIONS: readonly AnyProjection[] = [studyReportProjection];

export const projectionNamed = (name: string): AnyProjection | undefined => PROJECTIONS.find((p) => p.name === name);
