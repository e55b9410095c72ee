/**
 * The safety desk against the real Redis on 127.0.0.1:6379, on queue prefixes of this run's own
 * (only they are obliterated afterwards; the server is never flushed), over a SQLite ledger in a
 * temporary directory. Time is injected: the clock reads a few hundred milliseconds before a due
 * date's end, so BullMQ's delays are milliseconds, not days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { SqliteEventStore } from '../../../../libs/event-store/src';
import { CommandPipeline, type Clock } from '../../../../libs/ledger/src';
import { ReadSide, SqliteReadModel } from '../../../../libs/read-model/src';
import {
  openSafetyDeskQueue,
  rescheduleSafetyJobs,
  SAFETY_DESK_QUEUE,
} from '../../../../libs/read-model/src/safety-jobs/safety-desk-queue';
import type { SafetyJobData } from '../../../../libs/read-model/src/safety-jobs/safety-jobs';
import { participantStreamId } from '../../../../libs/trial-domain/src';
import {
  enrollParticipantCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  recordProcedureCommand,
  recordSafetyReportSubmittedCommand,
  reportAdverseEventCommand,
  updateAdverseEventCommand,
} from '../../../../libs/trial-domain/src/testing/builders';
import type { Log } from '../json-log';
import type { Notification, Notifier } from '../notifications/notifier';
import { runSafetyJob, safetyDeskProcessor, type SafetyDeskDeps } from './safety-desk';
import { SafetyDeskScheduler } from './safety-desk-scheduler';

const STUDY = 'SD1';
const REDIS = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const run = `ledger-test-safety-${process.pid}-${Date.now()}`;
const prefixes: string[] = [];
const prefix = (name: string) => {
  const p = `${run}-${name}`;
  prefixes.push(p);
  return p;
};

const waitFor = async (done: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A clock that runs at real speed from an instant the test sets. */
const testClock = () => {
  let offset = 0;
  const clock: Clock & { set(instant: string): void } = {
    now: () => new Date(Date.now() + offset),
    set: (instant) => void (offset = Date.parse(instant) - Date.now()),
  };
  return clock;
};

const serious = {
  serious: true,
  seriousCriteria: ['hospitalization'],
  expected: false,
  relatedToProcedure: 'possible',
} as const;

describe('the safety desk (BullMQ on Redis)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safety-desk-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'), { synchronous: 'OFF', pollIntervalMs: 20 });
  const model = SqliteReadModel.open(join(dir, 'ledger.projections.db'));
  const reads = new ReadSide(store, model);
  const clock = testClock();
  const pipeline = new CommandPipeline(store, clock);
  const notified: Notification[] = [];
  const notifier: Notifier = { notify: async (n) => void notified.push(n) };
  const logged: { level: string; msg: string }[] = [];
  const log: Log = (level, msg) => void logged.push({ level, msg });
  const deps: SafetyDeskDeps = { pipeline, clock, notifier, log };
  const livePrefix = prefix('live');
  const queue = openSafetyDeskQueue(
    { redisUrl: 'redis://127.0.0.1:6379', prefix: livePrefix, queueName: SAFETY_DESK_QUEUE },
    'retry',
  );
  const scheduler = new SafetyDeskScheduler(queue, model, clock, log, { everyMs: 3_600_000 });
  // A queue the schedule is only looked at on: its delays are days, as the clock reads 2024-03-10.
  const planPrefix = prefix('plan');
  const planQueue = openSafetyDeskQueue(
    { redisUrl: 'redis://127.0.0.1:6379', prefix: planPrefix, queueName: SAFETY_DESK_QUEUE },
    'retry',
  );
  const planner = new SafetyDeskScheduler(planQueue, model, clock, log, { everyMs: 3_600_000 });
  let worker: Worker | undefined;
  let n = 0;

  const record = async (
    participantId: string,
    c: { type: string; data: Readonly<Record<string, unknown>> },
    recordedAt: string,
  ) => {
    n += 1;
    const outcome = await pipeline.execute(
      {
        commandId: `c-${n}`,
        type: c.type,
        recordedAt,
        actor: { id: 'coord-01', role: 'coordinator' },
        data: { ...c.data, studyId: STUDY, participantId },
      },
      { kind: 'import' },
    );
    expect(outcome.status).toBe('accepted');
  };
  const enroll = async (participantId: string, i: number) => {
    await record(participantId, recordConsentCommand(), `2024-01-16T1${i}:00:00Z`);
    await record(participantId, enrollParticipantCommand(), `2024-01-16T1${i}:30:00Z`);
  };
  const reconcile = async (s = scheduler) => {
    await reads.fresh();
    s.request();
    await s.idle();
  };
  const alerts = async (participantId: string, type: string) =>
    (await store.readStream(participantStreamId(STUDY, participantId))).filter((e) => e.type === type);
  const pendingIds = async (q: Queue = queue) =>
    (await q.getJobs(['delayed', 'waiting', 'prioritized'])).map((j) => j.id as string).sort();

  beforeAll(async () => {
    clock.set('2024-03-10T00:00:00Z');
    await pipeline.execute(
      {
        commandId: 'register',
        type: 'RegisterStudy',
        recordedAt: '2024-01-01T08:00:00Z',
        actor: { id: 'admin-01', role: 'admin' },
        data: { studyId: STUDY, title: 'T', irbApprovalNumber: 'I', protocolVersion: '1' },
      },
      { kind: 'import' },
    );
    // Recorded times only go forward in a study: everyone is enrolled first.
    for (const [i, p] of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].entries()) await enroll(p, i);
    // P5: treated 2024-02-08, so the m1 window (23..37 days) closes on 2024-03-16.
    await record('P5', recordProcedureCommand({ performedOn: '2024-02-08' }), '2024-02-08T10:00:00Z');
    // P1: an expedited event whose IRB clock starts 2024-03-01, due 2024-03-16, never submitted.
    await record('P1', reportAdverseEventCommand(serious), '2024-03-01T10:00:00Z');
    // P2: the same, submitted to the IRB on time.
    await record('P2', reportAdverseEventCommand(serious), '2024-03-01T10:00:01Z');
    // P4: an expedited event reported 2024-03-05 (due 2024-03-20), downgraded later.
    await record('P4', reportAdverseEventCommand(serious), '2024-03-05T10:00:00Z');
    await record('P2', recordSafetyReportSubmittedCommand({ submittedOn: '2024-03-09' }), '2024-03-09T10:00:00Z');
  });

  afterAll(async () => {
    scheduler.stop();
    planner.stop();
    await worker?.close();
    for (const p of prefixes) {
      const q = new Queue(SAFETY_DESK_QUEUE, { connection: REDIS, prefix: p });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await queue.close();
    await planQueue.close();
    await model.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules from the read model: reminders, overdue checks, missed-visit checks, nothing for a submitted event', async () => {
    await reconcile(planner);
    const ids = await pendingIds(planQueue);
    expect(ids).toEqual(
      expect.arrayContaining([
        'reminder/SD1/P1/ae-1/2024-03-16',
        'overdue/SD1/P1/ae-1/2024-03-16',
        'reminder/SD1/P4/ae-1/2024-03-20',
        'overdue/SD1/P4/ae-1/2024-03-20',
        'missed-visit/SD1/P5/m1/2024-03-16',
        'missed-visit/SD1/P5/m24/2026-04-08',
      ]),
    );
    expect(ids.filter((id) => id.includes('/P2/'))).toEqual([]);
    const overdue = await planQueue.getJob('overdue/SD1/P1/ae-1/2024-03-16');
    // Due at the end of 2024-03-16 (UTC): six days and a bit from the injected clock.
    expect(overdue?.delay).toBeGreaterThan(6 * 86_400_000);
    expect(overdue?.delay).toBeLessThan(7 * 86_400_000);
  });

  it('a downgrade cancels the pending jobs', async () => {
    await record(
      'P4',
      updateAdverseEventCommand({ adverseEventId: 'ae-1', changes: { serious: false, seriousCriteria: [] } }),
      '2024-03-10T00:00:00Z',
    );
    await reconcile(planner);
    expect((await pendingIds(planQueue)).filter((id) => id.includes('/P4/'))).toEqual([]);
  });

  it('an expedited event gives the reminder and, with no submission, exactly one SafetyReportOverdue; a missed visit gives one VisitMissed', async () => {
    // 300 ms before the end of the due date: the reminder is due already, the checks in 300 ms.
    clock.set('2024-03-16T23:59:59.700Z');
    await scheduler.idle();
    await reconcile();
    worker = safetyDeskProcessor(REDIS, livePrefix, deps);
    await waitFor(
      async () =>
        (await alerts('P1', 'SafetyReportOverdue')).length > 0 && (await alerts('P5', 'VisitMissed')).length > 0,
    );
    expect(notified).toContainEqual(
      expect.objectContaining({
        kind: 'SafetyReportDueSoon',
        studyId: STUDY,
        participantId: 'P1',
        dueOn: '2024-03-16',
      }),
    );
    const [overdue] = await alerts('P1', 'SafetyReportOverdue');
    expect(overdue?.data).toEqual({
      studyId: STUDY,
      participantId: 'P1',
      adverseEventId: 'ae-1',
      recipient: 'irb',
      dueOn: '2024-03-16',
    });
    expect(overdue?.metadata.actor).toEqual({ id: 'ledger', role: 'system' });
    expect(overdue?.metadata.commandId).toBe('alert:SafetyReportOverdue:SD1:P1:ae-1:2024-03-16');
    const [missed] = await alerts('P5', 'VisitMissed');
    expect(missed?.data).toEqual({ studyId: STUDY, participantId: 'P5', visit: 'm1', windowClosedOn: '2024-03-16' });
    await waitFor(() => notified.filter((x) => x.kind !== 'SafetyReportDueSoon').length >= 2);
    expect(notified).toContainEqual(
      expect.objectContaining({ kind: 'SafetyReportOverdue', participantId: 'P1', recipient: 'irb' }),
    );
    expect(notified).toContainEqual(expect.objectContaining({ kind: 'VisitMissed', participantId: 'P5', visit: 'm1' }));

    // Nothing for the on-time submission or the downgraded event; reconciling again adds nothing.
    expect(await alerts('P2', 'SafetyReportOverdue')).toEqual([]);
    expect(await alerts('P4', 'SafetyReportOverdue')).toEqual([]);
    await reconcile();
    await new Promise((r) => setTimeout(r, 300));
    expect(await alerts('P1', 'SafetyReportOverdue')).toHaveLength(1);
    expect(await alerts('P5', 'VisitMissed')).toHaveLength(1);
  });

  it('a late assessment afterwards leaves the listing of missed visits without the visit', async () => {
    clock.set('2024-03-17T11:00:00Z');
    const asOf = '2024-03-17T10:00:00.000000Z';
    expect((await reads.missedVisits(STUDY, '2024-03-17T00:00:01.000000Z')).missedVisits).toContainEqual(
      expect.objectContaining({ participantId: 'P5', visit: 'm1' }),
    );
    await record(
      'P5',
      recordAssessmentCommand({ assessmentId: 'a-m1', visit: 'm1', assessedOn: '2024-03-17' }),
      '2024-03-17T10:00:00Z',
    );
    expect((await reads.missedVisits(STUDY, asOf)).missedVisits.filter((m) => m.participantId === 'P5')).toEqual([]);
    // The alert stays, recorded once: a fact about the ledger's monitoring.
    expect(await alerts('P5', 'VisitMissed')).toHaveLength(1);
  });

  it('a check that comes due after a submission arrived records nothing', async () => {
    clock.set('2024-03-21T00:00:01Z');
    await record('P3', reportAdverseEventCommand(serious), '2024-03-18T10:00:00Z');
    await record('P3', recordSafetyReportSubmittedCommand({ submittedOn: '2024-03-20' }), '2024-03-20T10:00:00Z');
    const check: SafetyJobData = {
      kind: 'overdue',
      studyId: STUDY,
      participantId: 'P3',
      adverseEventId: 'ae-1',
      dueOn: '2024-04-02',
    };
    clock.set('2024-04-03T00:00:01Z');
    expect(await runSafetyJob(check, deps)).toBe('cancelled');
    expect(await alerts('P3', 'SafetyReportOverdue')).toEqual([]);
  });

  it('a worker killed after writing the alert loses no job and writes no duplicate', async () => {
    clock.set('2024-04-10T00:00:00Z');
    await record('P6', reportAdverseEventCommand(serious), '2024-04-01T10:00:00Z');
    const crashPrefix = prefix('crash');
    const crashQueue = new Queue<SafetyJobData>(SAFETY_DESK_QUEUE, { connection: REDIS, prefix: crashPrefix });
    const data: SafetyJobData = {
      kind: 'overdue',
      studyId: STUDY,
      participantId: 'P6',
      adverseEventId: 'ae-1',
      dueOn: '2024-04-16',
    };
    clock.set('2024-04-17T00:00:01Z');
    await crashQueue.add('overdue', data, { jobId: 'overdue/SD1/P6/ae-1/2024-04-16' });
    const timing = { lockDuration: 1000, stalledInterval: 300 };
    let appended = false;
    // The first worker appends the alert, then dies before acknowledging the job.
    const first = new Worker<SafetyJobData>(
      SAFETY_DESK_QUEUE,
      async (job) => {
        await runSafetyJob(job.data, { ...deps, notifier: { notify: async () => undefined } });
        appended = true;
        await new Promise(() => undefined);
      },
      { connection: REDIS, prefix: crashPrefix, ...timing },
    );
    await waitFor(() => appended);
    await first.close(true);
    const before = notified.length;
    const second = safetyDeskProcessor(REDIS, crashPrefix, deps, timing);
    try {
      await waitFor(
        async () => (await crashQueue.getJobState('overdue/SD1/P6/ae-1/2024-04-16')) === 'completed',
        10_000,
      );
    } finally {
      await second.close();
      await crashQueue.close();
    }
    expect(await alerts('P6', 'SafetyReportOverdue')).toHaveLength(1);
    expect(notified.slice(before)).toContainEqual(
      expect.objectContaining({ kind: 'SafetyReportOverdue', participantId: 'P6' }),
    );
  }, 20_000);

  it('`jobs reschedule` after losing the queue restores the same jobs, and run twice creates none twice', async () => {
    const settings = { redisUrl: 'redis://127.0.0.1:6379', prefix: prefix('reschedule'), queueName: SAFETY_DESK_QUEUE };
    const now = new Date('2024-04-20T00:00:00Z');
    const first = await rescheduleSafetyJobs(reads, settings, now);
    const q = new Queue(SAFETY_DESK_QUEUE, { connection: REDIS, prefix: settings.prefix });
    try {
      const ids = await pendingIds(q);
      expect(ids.length).toBe(first.desired);
      expect(first.added).toBe(first.desired);
      await q.obliterate({ force: true });
      expect(await pendingIds(q)).toEqual([]);
      const again = await rescheduleSafetyJobs(reads, settings, now);
      expect(again.added).toBe(first.desired);
      expect(await pendingIds(q)).toEqual(ids);
      const twice = await rescheduleSafetyJobs(reads, settings, now);
      expect(twice).toEqual({ desired: first.desired, added: 0, removed: 0 });
      expect(await pendingIds(q)).toEqual(ids);
      // Alerts already recorded are not scheduled again.
      expect(ids.filter((id) => id.startsWith('overdue/SD1/P1/') || id.startsWith('missed-visit/SD1/P5/m1/'))).toEqual(
        [],
      );
    } finally {
      await q.close();
    }
  });
});
