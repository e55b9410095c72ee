export * from './access-control';
export * from './clock';
export * from './command-pipeline';
export * from './execute-command';
export * from './import/import-lines';
export * from './ledger.module';
export * from './tokens';
export * from './write-side';
