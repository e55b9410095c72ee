/**
 * The background worker (`npm run worker`): keeps the projections live with durable checkpoints
 * and runs rebuild jobs from the `projections` queue. Logs go to stderr as JSON lines.
 */
import { DEFAULT_LEDGER_STORE, openEventStore } from '../../../libs/event-store/src';
import { ProjectionHost } from './projections/projection-host';
import { rebuildWorker, redisConnection } from './projections/rebuild-queue';

const log = (level: 'info' | 'error', msg: string, extra: Record<string, unknown> = {}) =>
  process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra }) + '\n');

const main = async () => {
  const spec = process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE;
  const store = openEventStore(spec);
  const host = await ProjectionHost.start(store, spec, (name, e) =>
    log('error', 'projection stopped', { projection: name, error: String(e) }),
  );
  log('info', 'projections live', { projections: host.runner.names(), store: spec.replace(/\/\/[^@]*@/, '//***@') });
  const worker = rebuildWorker(redisConnection(), (name) => host.rebuild(name));
  worker.on('completed', (job, answer) => log('info', 'rebuild done', { job: job.id, ...answer }));
  worker.on('failed', (job, e) => log('error', 'rebuild failed', { job: job?.id, error: e.message }));
  const stop = async () => {
    log('info', 'stopping');
    await worker.close();
    await host.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
};

main().catch((e: unknown) => {
  log('error', 'worker could not start', { error: (e as Error).stack ?? String(e) });
  process.exit(1);
});
