/** The read model beside the ledger named by a store spec (LEDGER_STORE). */
import { DEFAULT_LEDGER_STORE } from '../../event-store/src';
import { checkpointPathFor } from '../../projections/src';
import type { ReadModelStore } from './read-model.port';
import { SqliteReadModel } from './sqlite-read-model';

export const openReadModel = (spec: string = process.env['LEDGER_STORE'] ?? DEFAULT_LEDGER_STORE): ReadModelStore =>
  SqliteReadModel.open(checkpointPathFor(spec));
