module.exports = {
  displayName: 'partner-api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/partner-api',
};
