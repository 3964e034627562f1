// Checks of the deployment files (compose, Dockerfiles, nginx, redis, monitoring, .env.example), of backup/restore,
// and of the scripts' pure parts (the stack's restart policy, the chaos run's fuzzer and verdict).
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'infra',
  // The scripts are ES modules (.mjs): SWC compiles them to CommonJS for Jest like the TypeScript.
  transform: { ...preset.transform, '^.+\\.mjs$': preset.transform['^.+\\.(t|j)sx?$'] },
  moduleFileExtensions: [...preset.moduleFileExtensions, 'mjs'],
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30_000,
};
