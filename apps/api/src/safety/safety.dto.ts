/** Response shapes of the safety desk's reads (safety.md), for the OpenAPI document. */
import { ApiProperty } from '@nestjs/swagger';
import { AE_OUTCOMES, RELATEDNESS, SERIOUS_CRITERIA } from '../../../../libs/trial-domain/src';

export class ExpeditedClockDto {
  @ApiProperty({ format: 'date', description: 'UTC date of the command after which the event first qualified' })
  clockStartedOn!: string;

  @ApiProperty({ format: 'date', description: '7 days after the clock start for death or life-threatening, else 15' })
  dueOn!: string;

  @ApiProperty({ type: 'integer', description: 'dueOn minus the as-of date; negative when past' })
  daysLeft!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  submittedToIrbOn!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The earliest regulator submission' })
  submittedToRegulatorOn!: string | null;

  @ApiProperty({ description: 'No IRB submission dated on or before dueOn, and the as-of date is past it' })
  overdue!: boolean;
}

export class RegulatorClockDto {
  @ApiProperty({
    format: 'date',
    description: "The sponsor's awareness: the event's awareOn, else the IRB clock's start",
  })
  awareOn!: string;

  @ApiProperty({
    format: 'date',
    description: '7 days after awareOn for death or life-threatening, else 15 (21 CFR 312.32)',
  })
  dueOn!: string;

  @ApiProperty({ type: 'integer', description: 'dueOn minus the as-of date; negative when past' })
  daysLeft!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The earliest regulator submission' })
  submittedOn!: string | null;

  @ApiProperty({ description: 'No regulator submission dated on or before dueOn, and the as-of date is past it' })
  overdue!: boolean;
}

export class AdverseEventListingEntryDto {
  @ApiProperty() participantId!: string;
  @ApiProperty() adverseEventId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null if untreated' }) arm!: string | null;
  @ApiProperty() term!: string;
  @ApiProperty() bodySystem!: string;
  @ApiProperty({ format: 'date' }) onsetOn!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) grade!: number;
  @ApiProperty() serious!: boolean;
  @ApiProperty({ enum: SERIOUS_CRITERIA, isArray: true }) seriousCriteria!: string[];
  @ApiProperty({ enum: RELATEDNESS }) relatedToProcedure!: string;
  @ApiProperty({ enum: RELATEDNESS }) relatedToProduct!: string;
  @ApiProperty() expected!: boolean;
  @ApiProperty({ enum: AE_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) resolvedOn!: string | null;
  @ApiProperty({ description: 'No resolvedOn and no outcome recovered, recovered_with_sequelae or fatal' })
  open!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'onsetOn minus the treatment date; null if untreated' })
  daysFromTreatment!: number | null;
  @ApiProperty({
    type: ExpeditedClockDto,
    nullable: true,
    description: 'The IRB clock (protocol.md); null if not expedited',
  })
  expedited!: ExpeditedClockDto | null;
  @ApiProperty({
    type: RegulatorClockDto,
    nullable: true,
    description: "Not in safety.md: the regulator's clock (21 CFR 312.32); null if not expedited",
  })
  regulator!: RegulatorClockDto | null;
  @ApiProperty({
    description:
      'Not in safety.md: upgraded to fatal or life-threatening after a report was submitted, with no submission dated on or after the upgrade',
  })
  followUpReportNeeded!: boolean;
}

export class AdverseEventListingDto {
  @ApiProperty() studyId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [AdverseEventListingEntryDto] }) adverseEvents!: AdverseEventListingEntryDto[];
}

export class MissedVisitDto {
  @ApiProperty() participantId!: string;
  @ApiProperty({ enum: ['m1', 'm3', 'm6', 'm12', 'm18', 'm24'] }) visit!: string;
  @ApiProperty({ format: 'date', description: "Treatment date + the window's last day" }) windowClosedOn!: string;
  @ApiProperty({ type: 'integer', description: 'The as-of date minus windowClosedOn' }) daysOverdue!: number;
}

export class MissedVisitsDto {
  @ApiProperty() studyId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [MissedVisitDto] }) missedVisits!: MissedVisitDto[];
}
