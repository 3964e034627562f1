// Checks of the deployment files (compose, Dockerfiles, nginx, redis, monitoring, .env.example) and of backup/restore.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'infra',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30_000,
};
