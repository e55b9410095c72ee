export * from './group-committer';
export * from './keyed-turns';
export * from './lru';
export * from './stream-heads';
