// Unit tests of the framework-free helpers in lib/ (Node), and component tests of components/ and app/ in a DOM
// (each `*.spec.tsx` declares `@jest-environment jsdom`); pages and flows are covered by the browser tests in e2e/.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'admin-frontend',
  testMatch: ['<rootDir>/lib/**/*.spec.ts', '<rootDir>/components/**/*.spec.tsx', '<rootDir>/app/**/*.spec.tsx'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
};
