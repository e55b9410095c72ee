/**
 * A read thread: opens its own connections to the ledger and the read model named by the
 * store spec it is given, and answers the read side's queries posted by the ReadPool.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore } from '../../../event-store/src';
import { openReadModel } from '../open-read-model';
import { ReadSide } from '../read-side';
import { READ_OPERATIONS, type ReadOperation } from '../reads';
import { serializeError } from './remote-error';

export interface ReadRequest {
  readonly id: number;
  readonly op: ReadOperation;
  readonly args: readonly unknown[];
}

const { storeSpec } = workerData as { storeSpec: string };
const store = openEventStore(storeSpec);
const model = openReadModel(storeSpec);
const reads = new ReadSide(store, model);
const port = parentPort;
if (port === null) throw new Error('read-thread.ts runs as a worker thread only');

port.on('message', (request: ReadRequest) => {
  void (async () => {
    try {
      if (!READ_OPERATIONS.includes(request.op)) throw new Error(`unknown read ${String(request.op)}`);
      const method = reads[request.op] as (...args: unknown[]) => Promise<unknown>;
      const result = await method.apply(reads, [...request.args]);
      port.postMessage({ id: request.id, result });
    } catch (e) {
      port.postMessage({ id: request.id, error: serializeError(e) });
    }
  })();
});
