// The postgres project of jest.config.js: the harnesses read this to open PostgreSQL ledgers.
process.env.LEDGER_TEST_KIND = 'postgres';
