/**
 * One jest run for the whole monorepo, in two projects:
 * - sqlite: every spec (pure specs, integration specs on SQLite, PostgreSQL and Redis, e2e specs);
 * - postgres: the command pipeline and HTTP e2e specs again, each on a fresh PostgreSQL database
 *   (LEDGER_TEST_KIND=postgres), so the server store is held to the same behaviour.
 */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const base = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'sqlite',
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
      testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
    },
    {
      ...base,
      displayName: 'postgres',
      roots: ['<rootDir>/libs/ledger', '<rootDir>/test/e2e'],
      testRegex: '.*\\.(int-spec|e2e-spec)\\.ts$',
      // The CLI's stdout handling is the same whatever the store; report-cli opens its own SQLite file.
      testPathIgnorePatterns: ['/node_modules/', 'cli-stdout\\.e2e-spec\\.ts$', 'report-cli\\.e2e-spec\\.ts$'],
      setupFiles: ['<rootDir>/test/support/postgres-project.js'],
    },
  ],
  maxWorkers: 2,
  // A global option (jest ignores it inside projects): shared 2-core machines are slow and noisy.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
