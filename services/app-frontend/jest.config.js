// Unit tests of the framework-free helpers in lib/ (Node), and component tests of components/ in a DOM (each
// `*.spec.tsx` declares `@jest-environment jsdom`); pages and flows are covered by the browser tests in e2e/.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'app-frontend',
  testMatch: ['<rootDir>/lib/**/*.spec.ts', '<rootDir>/components/**/*.spec.tsx'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
};
