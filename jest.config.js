// `npm test`: unit and integration tests of every workspace (browser tests: `npm run test:e2e`).
/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/infra', '<rootDir>/services/*'],
  // A global option (ignored inside projects): integration tests hash real passwords with bcrypt at cost 12.
  testTimeout: 30_000,
  // Closed Redis clients keep a timer for a moment after quit(); never let one hold a CI run open.
  forceExit: true,
  // A worker runs many test files and keeps what each loaded (NestJS apps, SDKs): restart it once it holds this much.
  workerIdleMemoryLimit: '1GB',
};
