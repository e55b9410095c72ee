import type { CommandCommit, CommitOutcome } from '../../../event-store/src';
import { GroupCommitter } from './group-committer';
import { KeyedTurns } from './keyed-turns';
import { Lru } from './lru';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Lru', () => {
  it('forgets the least recently used entry first, a read counting as a use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
    expect(lru.size).toBe(2);
  });

  it('refuses a capacity below one', () => expect(() => new Lru(0)).toThrow(/at least 1/));
});

describe('KeyedTurns', () => {
  it('runs work on one key in arrival order and on different keys at once, and forgets idle keys', async () => {
    const turns = new KeyedTurns();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = turns.run('s1', async () => {
      log.push('s1-a start');
      await gate;
      log.push('s1-a end');
    });
    const second = turns.run('s1', async () => void log.push('s1-b'));
    const other = turns.run('s2', async () => void log.push('s2'));
    await other;
    expect(log).toEqual(['s1-a start', 's2']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['s1-a start', 's2', 's1-a end', 's1-b']);
    await tick();
    expect(turns.busyKeys).toBe(0);
  });

  it('goes on with the next work on a key after one fails', async () => {
    const turns = new KeyedTurns();
    await expect(turns.run('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(turns.run('k', async () => 'yes')).resolves.toBe('yes');
  });
});

describe('GroupCommitter', () => {
  const commit = (commandId: string): CommandCommit => ({
    commandId,
    envelopeHash: 'h',
    studyId: 'S',
    recordedAt: '2024-01-01T00:00:00.000000Z',
    streamId: `participant-S.${commandId}`,
    expectedRevision: 'no_stream',
    events: [],
  });
  const answer = (c: CommandCommit): CommitOutcome => ({
    kind: 'committed',
    answer: { commandId: c.commandId, events: [] },
    position: 1n,
  });

  it('writes the commits of one turn together, and the ones that arrive meanwhile as the next group', async () => {
    const groups: string[][] = [];
    let finishFirst: () => void = () => undefined;
    const store = {
      commit: async (commits: readonly CommandCommit[]) => {
        groups.push(commits.map((c) => c.commandId));
        if (groups.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
        return commits.map(answer);
      },
    };
    const committer = new GroupCommitter(store);
    const first = ['a', 'b', 'c'].map((id) => committer.submit(commit(id)));
    await tick();
    const later = ['d', 'e'].map((id) => committer.submit(commit(id)));
    await tick();
    expect(groups).toEqual([['a', 'b', 'c']]);
    finishFirst();
    const outcomes = await Promise.all([...first, ...later]);
    expect(groups).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(outcomes.map((o) => (o.kind === 'committed' ? o.answer.commandId : o.kind))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('caps a group, and fails every commit of a group whose transaction failed, then carries on', async () => {
    const groups: number[] = [];
    const store = {
      commit: async (commits: readonly CommandCommit[]) => {
        groups.push(commits.length);
        if (groups.length === 1) throw new Error('disk full');
        return commits.map(answer);
      },
    };
    const committer = new GroupCommitter(store, 2);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((id) => committer.submit(commit(id))));
    expect(groups).toEqual([2, 1]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
