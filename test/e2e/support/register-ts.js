/**
 * `node -r ./test/e2e/support/register-ts.js apps/cli/src/main.ts …` runs the CLI from its
 * TypeScript sources, compiled as jest compiles them (same @swc options, from jest.config.js), so
 * that an e2e spec can run the CLI as a real process without `npm run build` or a stale dist/.
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const options = require('../../../jest.config.js').projects[0].transform['^.+\\.ts$'][1];

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
