// Unit tests of the framework-free helpers in lib/.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'admin-frontend',
  testMatch: ['<rootDir>/lib/**/*.spec.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
};
