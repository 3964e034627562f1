module.exports = { ...require('../../jest.preset.js'), displayName: 'meta-sandbox' };
