/**
 * The read routes' twins (read.md): `studies`, `participants` (the roster), `participant` and
 * `history`, each printing with `--json` exactly the JSON its route answers, and a short table
 * otherwise. `--as-of` is recorded time, as for the report; later than now is refused.
 */
import type { Command } from 'commander';
import type { RecordHistory } from '../../../../libs/projections/src';
import { ReadSide, resolveAsOf, type Roster } from '../../../../libs/read-model/src';
import { DomainError } from '../../../../libs/trial-domain/src';
import { formatHistory } from '../history/format-history';
import type { CliDeps } from '../report/report-commands';
import { writeOut } from '../stdout';

/** Boots the Nest context, runs `work` on the read side, prints its answer; a domain error is exit 1. */
export const withReads = async (deps: CliDeps, work: (reads: ReadSide) => Promise<string>): Promise<void> => {
  const app = await deps
    .boot()
    .catch((e: unknown) => deps.cannotRun(`the store cannot be opened: ${(e as Error).message}`));
  try {
    await writeOut((await work(app.get(ReadSide))) + '\n');
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    process.stderr.write(`ledger: ${e.field ? `${e.field}: ` : ''}${e.message}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
};

export const json = (value: unknown): string => JSON.stringify(value, null, 2);

const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();

export const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [pad(header, widths), ...rows.map((r) => pad(r, widths))].join('\n');
};

export const formatRoster = (r: Roster): string =>
  `${r.studyId} as of ${r.asOf}: ${r.participants.length} participant(s)\n` +
  table(
    [
      'participant',
      'consented',
      'status',
      'arm',
      'treated',
      'visits',
      'next visit (window)',
      'open AEs',
      'deviations',
      'unsigned',
    ],
    r.participants.map((p) => [
      p.participantId,
      p.consentedOn,
      p.status === 'screen_failed'
        ? `screen_failed (${p.screenFailures.join(', ')})`
        : p.status === 'withdrawn'
          ? `withdrawn ${p.withdrawal?.withdrawnOn ?? ''} (${p.withdrawal?.reason ?? ''})`
          : p.status,
      p.arm ?? '-',
      p.treatmentDate ?? '-',
      p.visitsAssessed.join(',') || '-',
      p.nextVisit ? `${p.nextVisit.visit} (${p.nextVisit.windowOpensOn}..${p.nextVisit.windowClosesOn})` : '-',
      String(p.openAdverseEvents),
      String(p.deviations),
      String(p.recordsAwaitingSignature),
    ]),
  );

/** A record's versions as text: one block per version, old → new per field, signatures under it. */
export const formatRecordHistory = (h: RecordHistory & { asOf: string }): string =>
  [
    `${h.kind} ${h.recordId} as of ${h.asOf}${h.voided ? ' (voided)' : ''}${h.awaitingSignature ? ', awaiting re-signature' : ''}`,
    ...h.versions.flatMap((v) => [
      `v${v.version} ${v.recordedAt} ${v.type} by ${v.actor.id} (${v.actor.role}) [command ${v.commandId}]${v.reason ? ` reason: ${v.reason}` : ''}`,
      ...v.changes.map((c) => `    ${c.field}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`),
      ...h.signatures
        .filter((s) => s.version === v.version)
        .map(
          (s) =>
            `    signed ${s.meaning} by ${s.signer.id} (${s.signer.role}) at ${s.signedAt}${s.imported ? ', migrated' : ''}${s.current ? '' : ', no longer current'}`,
        ),
    ]),
  ].join('\n');

export const registerReadCommands = (program: Command, deps: CliDeps): void => {
  program
    .command('studies')
    .description('list the registered studies with the size of each roster (read.md)')
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it count (default now)')
    .option('--json', 'print the JSON the API answers')
    .action(async (o: { asOf?: string; json?: boolean }) =>
      withReads(deps, async (reads) => {
        const answer = await reads.studies(resolveAsOf(o.asOf, new Date(), '--as-of'));
        return o.json
          ? json(answer)
          : table(
              ['study', 'title', 'IRB approval', 'protocol', 'participants'],
              answer.studies.map((s) => [
                s.studyId,
                s.title,
                s.irbApprovalNumber,
                s.protocolVersion,
                String(s.participants),
              ]),
            );
      }),
    );

  program
    .command('participants')
    .description("print a study's roster: every consented participant and where they stand (read.md)")
    .requiredOption('--study <studyId>', 'the study id')
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it count (default now)')
    .option('--status <status>', 'only participants with this status')
    .option('--arm <arm>', 'only participants of this arm')
    .option('--json', 'print the JSON the API answers')
    .action(async (o: { study: string; asOf?: string; status?: string; arm?: string; json?: boolean }) =>
      withReads(deps, async (reads) => {
        const roster = await reads.roster(o.study, resolveAsOf(o.asOf, new Date(), '--as-of'), {
          ...(o.status !== undefined && { status: o.status }),
          ...(o.arm !== undefined && { arm: o.arm }),
        });
        return o.json ? json(roster) : formatRoster(roster);
      }),
    );

  program
    .command('participant')
    .description('print one participant as amended, every amended value marked (JSON)')
    .requiredOption('--study <studyId>', 'the study id')
    .requiredOption('--participant <participantId>', 'the participant id')
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it count (default now)')
    .option('--json', 'print the JSON the API answers (the default: the view is nested)')
    .action(async (o: { study: string; participant: string; asOf?: string }) =>
      withReads(deps, async (reads) =>
        json(await reads.participant(o.study, o.participant, resolveAsOf(o.asOf, new Date(), '--as-of'))),
      ),
    );

  program
    .command('history')
    .description("print every event of a participant's stream: actor, role, time, reason and amended record")
    .requiredOption('--study <studyId>', 'the study id')
    .requiredOption('--participant <participantId>', 'the participant id')
    .option('--record <recordId>', "one record's versions (old → new) and signatures instead (audit.md)")
    .option('--as-of <instant>', 'recorded time: only events recorded at or before it (default now)')
    .option('--json', 'print the history as JSON (the API shape)')
    .action(async (o: { study: string; participant: string; record?: string; asOf?: string; json?: boolean }) =>
      withReads(deps, async (reads) => {
        if (o.record !== undefined) {
          const h = await reads.recordHistory(
            o.study,
            o.participant,
            o.record,
            resolveAsOf(o.asOf, new Date(), '--as-of'),
          );
          return o.json ? json(h) : formatRecordHistory(h);
        }
        const history = await reads.history(o.study, o.participant, resolveAsOf(o.asOf, new Date(), '--as-of'));
        return o.json ? json(history) : formatHistory(history.events).replace(/\n$/, '');
      }),
    );
};
