module.exports = { ...require('../../jest.preset.js'), displayName: 'entra-sandbox' };
