import { join } from 'node:path';
import { checkpointPathFor } from './open-read-model';

describe('checkpointPathFor', () => {
  it('puts the read model beside a SQLite ledger, unless LEDGER_PROJECTIONS says where', () => {
    expect(checkpointPathFor('sqlite:/tmp/x/ledger.db', undefined)).toBe(join('/tmp/x', 'ledger.projections.db'));
    expect(checkpointPathFor('sqlite:/tmp/x/ledger', undefined)).toBe(join('/tmp/x', 'ledger.projections.db'));
    expect(checkpointPathFor('sqlite::memory:', undefined)).toBe(':memory:');
    expect(checkpointPathFor('sqlite:./data/ledger.db', 'sqlite:/tmp/p.db')).toBe('/tmp/p.db');
    expect(checkpointPathFor('sqlite:./data/ledger.db', ' /tmp/q.db ')).toBe('/tmp/q.db');
  });

  it('uses ./data/projections.db beside a server store', () => {
    expect(checkpointPathFor('esdb://localhost:2113?tls=false', undefined)).toBe('./data/projections.db');
    expect(checkpointPathFor('postgres://u@h:5432/db', '')).toBe('./data/projections.db');
  });
});
