// testTimeout here applies when the API's tests run alone (`npx jest` in this folder); the root config sets it for `npm test`.
module.exports = { ...require('../../jest.preset.js'), displayName: 'api', testTimeout: 30_000 };
