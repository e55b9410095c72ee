import { describeEventStoreContract } from '../contract/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

const connection = process.env.EVENTSTORE_TEST_CONNECTION;
const SKIPPED = 'EventStoreDB contract suite skipped: set EVENTSTORE_TEST_CONNECTION=esdb://localhost:2113?tls=false';

if (connection === undefined || connection === '') {
  // A skipped test shows in the report; the warning says how to run it for real.
  console.warn(SKIPPED);
  it.skip(SKIPPED, () => undefined);
} else {
  describeEventStoreContract('EventStoreDB', async () => EsdbEventStore.connect(connection));
}
