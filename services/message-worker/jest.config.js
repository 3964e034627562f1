module.exports = { ...require('../../jest.preset.js'), displayName: 'message-worker' };
