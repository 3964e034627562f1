// Static and nginx checks of the deployment files (compose, Dockerfiles, nginx, redis, .env.example).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'infra',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30_000,
};
