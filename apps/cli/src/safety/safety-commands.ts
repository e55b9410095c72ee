/**
 * The safety desk's twins (safety.md): `adverse-events` (the listing, with its filters) and
 * `missed-visits`, printing with `--json` exactly what the routes answer, a table otherwise.
 */
import type { Command } from 'commander';
import { adverseEventFilters, resolveAsOf } from '../../../../libs/read-model/src';
import { json, table, withReads } from '../read/read-commands';
import type { CliDeps } from '../report/report-commands';

type Filter = 'serious' | 'expedited' | 'open' | 'grade' | 'arm' | 'participant';

export const registerSafetyCommands = (program: Command, deps: CliDeps): void => {
  program
    .command('adverse-events')
    .description("list a study's non-voided adverse events as amended, each with its IRB clock (safety.md)")
    .requiredOption('--study <studyId>', 'the study id')
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it count (default now)')
    .option('--serious <true|false>', 'only serious (or non-serious) events')
    .option('--expedited <true|false>', 'only events that are (or are not) expedited')
    .option('--open <true|false>', 'only open (or closed) events')
    .option('--grade <1-5>', 'only events of this grade')
    .option('--arm <arm>', "only events of this arm's participants")
    .option('--participant <participantId>', "only this participant's events")
    .option('--json', 'print the JSON the API answers')
    .action(async (o: Record<Filter | 'study' | 'asOf', string | undefined> & { json?: boolean }) =>
      withReads(deps, async (reads) => {
        const filters = adverseEventFilters({
          serious: o.serious,
          expedited: o.expedited,
          open: o.open,
          grade: o.grade,
          arm: o.arm,
          participantId: o.participant,
        });
        const listing = await reads.adverseEvents(
          o.study as string,
          resolveAsOf(o.asOf, new Date(), '--as-of'),
          filters,
        );
        if (o.json) return json(listing);
        return (
          `${listing.studyId} as of ${listing.asOf}: ${listing.adverseEvents.length} adverse event(s)\n` +
          table(
            [
              'participant',
              'event',
              'term',
              'grade',
              'serious',
              'onset',
              'open',
              'IRB due',
              'days left',
              'IRB submitted',
            ],
            listing.adverseEvents.map((e) => [
              e.participantId,
              e.adverseEventId,
              e.term,
              String(e.grade),
              e.serious ? e.seriousCriteria.join(',') || 'yes' : 'no',
              e.onsetOn,
              e.open ? 'open' : 'closed',
              e.expedited ? `${e.expedited.dueOn}${e.expedited.overdue ? ' OVERDUE' : ''}` : '-',
              e.expedited ? String(e.expedited.daysLeft) : '-',
              e.expedited?.submittedToIrbOn ?? '-',
            ]),
          )
        );
      }),
    );

  program
    .command('missed-visits')
    .description('list the follow-up visits whose window closed with no assessment (safety.md)')
    .requiredOption('--study <studyId>', 'the study id')
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it count (default now)')
    .option('--json', 'print the JSON the API answers')
    .action(async (o: { study: string; asOf?: string; json?: boolean }) =>
      withReads(deps, async (reads) => {
        const missed = await reads.missedVisits(o.study, resolveAsOf(o.asOf, new Date(), '--as-of'));
        if (o.json) return json(missed);
        return (
          `${missed.studyId} as of ${missed.asOf}: ${missed.missedVisits.length} missed visit(s)\n` +
          table(
            ['participant', 'visit', 'window closed', 'days overdue'],
            missed.missedVisits.map((m) => [m.participantId, m.visit, m.windowClosedOn, String(m.daysOverdue)]),
          )
        );
      }),
    );
};
