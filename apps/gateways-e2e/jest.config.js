module.exports = {
  displayName: 'gateways-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/gateways-e2e',
};
