// Browser tests of whole flows (`npm run test:e2e`): globalSetup starts the real stack behind nginx, once.
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  // A real browser against a real stack: a page load can take seconds on a small machine.
  testTimeout: 120_000,
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
};
