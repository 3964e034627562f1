// Unit tests of the framework-free helpers in lib/; pages and flows are covered by the browser tests in e2e/.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'app-frontend',
  testMatch: ['<rootDir>/lib/**/*.spec.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
};
